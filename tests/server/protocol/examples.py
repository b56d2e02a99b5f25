"""One valid request of every type in the SDK's ``ChatKitReq`` union, as a client sends it."""

from typing import Any

USER_INPUT: dict[str, Any] = {
    "content": [{"type": "input_text", "text": "Hello"}],
    "attachments": [],
    "inference_options": {},
}

VALID_REQUESTS: dict[str, dict[str, Any]] = {
    "threads.create": {"type": "threads.create", "params": {"input": USER_INPUT}},
    "threads.add_user_message": {
        "type": "threads.add_user_message",
        "params": {
            "thread_id": "thr_1",
            "input": {
                "content": [
                    {"type": "input_text", "text": "Look at "},
                    {"type": "input_tag", "id": "t1", "text": "@doc", "data": {"k": [1, None]}},
                ],
                "attachments": ["atc_1"],
                "quoted_text": "quoted",
                "inference_options": {"model": "gpt-x", "tool_choice": {"id": "search"}},
            },
        },
        "metadata": {"shared_context": {"selected_text": "x"}},
    },
    "threads.add_client_tool_output": {
        "type": "threads.add_client_tool_output",
        "params": {"thread_id": "thr_1", "result": {"ok": True, "rows": [1, 2.5, None]}},
    },
    "threads.add_structured_input": {
        "type": "threads.add_structured_input",
        "params": {
            "thread_id": "thr_1",
            "item_id": "si_1",
            "input": {"status": "answered", "answers": {"q1": {"values": ["a"]}}},
        },
    },
    "threads.retry_after_item": {
        "type": "threads.retry_after_item",
        "params": {"thread_id": "thr_1", "item_id": "msg_1"},
    },
    "threads.custom_action": {
        "type": "threads.custom_action",
        "params": {
            "thread_id": "thr_1",
            "item_id": "wdg_1",
            "action": {"type": "approve", "payload": {"id": 7}},
        },
    },
    "threads.sync_custom_action": {
        "type": "threads.sync_custom_action",
        "params": {"thread_id": "thr_1", "action": {"type": "toggle"}},
    },
    "threads.get_by_id": {"type": "threads.get_by_id", "params": {"thread_id": "thr_1"}},
    "threads.list": {"type": "threads.list", "params": {"limit": 5, "order": "asc", "after": "t"}},
    "items.list": {"type": "items.list", "params": {"thread_id": "thr_1", "limit": 20}},
    "items.feedback": {
        "type": "items.feedback",
        "params": {"thread_id": "thr_1", "item_ids": ["msg_1", "msg_2"], "kind": "negative"},
    },
    "attachments.create": {
        "type": "attachments.create",
        "params": {"name": "a.png", "size": 123, "mime_type": "image/png"},
    },
    "attachments.delete": {"type": "attachments.delete", "params": {"attachment_id": "atc_1"}},
    "threads.update": {"type": "threads.update", "params": {"thread_id": "thr_1", "title": "T"}},
    "threads.delete": {"type": "threads.delete", "params": {"thread_id": "thr_1"}},
    "input.transcribe": {
        "type": "input.transcribe",
        "params": {"audio_base64": "AAAA", "mime_type": "audio/webm;codecs=opus"},
    },
}
