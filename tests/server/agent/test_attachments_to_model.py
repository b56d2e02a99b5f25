"""Attachments reach the model as each API takes them, on the message that carries them and on
later turns: real HTTP into the real server, the real Agents SDK and ``openai`` client out to
the fake OpenAI API, real SQLite and real files underneath."""

import asyncio
import base64
import secrets
import time
from typing import Any

import pytest
from chatkit.types import Attachment, FileAttachment, ImageAttachment

from common.paths import data_dir
from server.agent.attachment_parts import TEXT_LIMIT_BYTES
from server.attachments.files import AttachmentFiles
from server.http.services import LOCAL_USER_ID
from server.settings.settings_file import SettingsFile
from server.store.request_context import RequestContext
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.fake_openai.recording import RecordedRequest
from tests.fixtures.sample_files import pdf_bytes, png_bytes
from tests.server.running_server import RunningServer, assistant_texts, user_input


def attach(chat: RunningServer, name: str, mime_type: str, data: bytes) -> str:
    """An uploaded attachment: its record in the store and its bytes in the data folder."""
    attachment_id = f"atc_{secrets.token_hex(8)}"
    record: Attachment
    if mime_type.startswith("image/"):
        preview = f"data:{mime_type};base64,{base64.b64encode(data).decode()}"
        record = ImageAttachment(
            id=attachment_id, name=name, mime_type=mime_type, preview_url=preview
        )
    else:
        record = FileAttachment(id=attachment_id, name=name, mime_type=mime_type)
    stored = AttachmentFiles(chat.local.data_dir).write(attachment_id, [data])
    # As an upload leaves the record, so the server takes it for a finished one.
    record.metadata = {
        "created_at": time.time(),
        "uploaded": True,
        "size": stored.size,
        "sha256": stored.sha256,
    }
    context = RequestContext(user_id=LOCAL_USER_ID)
    asyncio.run(chat.local.store.save_attachment(record, context))
    return attachment_id


def send(
    chat: RunningServer, text: str, attachments: list[str], thread_id: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    message = {**user_input(text), "attachments": attachments}
    if thread_id is None:
        body: dict[str, Any] = {"type": "threads.create", "params": {"input": message}}
    else:
        body = {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": message},
        }
    events = chat.stream(body)
    # The fake echoes every text part of the message, the attachments' text included.
    [answer] = assistant_texts(events)
    assert answer.startswith(f"You said: {text}")
    return thread_id or events[0]["thread"]["id"], events


def use_api(api: str) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})


def data_url_bytes(url: str, mime_type: str) -> bytes:
    prefix = f"data:{mime_type};base64,"
    assert url.startswith(prefix), url[:60]
    return base64.b64decode(url.removeprefix(prefix))


def user_parts(call: RecordedRequest) -> list[dict[str, Any]]:
    """The content parts of the last user message, as they went over the wire."""
    messages = call.body["input" if call.api == "responses" else "messages"]
    last_user = [message for message in messages if message.get("role") == "user"][-1]
    parts: list[dict[str, Any]] = last_user["content"]
    return parts


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_an_image_is_sent_as_an_image_part(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    use_api(api)
    image = png_bytes(0, 128, 255)
    send(chat, "what colour is this?", [attach(chat, "dot.png", "image/png", image)])

    call = fake_openai.last_model_call()
    [sent] = call.images()
    assert data_url_bytes(sent.data, "image/png") == image
    _, image_part = user_parts(call)
    assert image_part["type"] == ("input_image" if api == "responses" else "image_url")


def test_a_pdf_is_sent_as_a_file_on_responses(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    use_api("responses")
    pdf = pdf_bytes("Invoice number 4711")
    send(chat, "what is the number?", [attach(chat, "bill.pdf", "application/pdf", pdf)])

    [sent] = fake_openai.last_model_call().files()
    assert sent.filename == "bill.pdf"
    assert data_url_bytes(sent.data, "application/pdf") == pdf


def test_a_pdf_is_sent_as_its_text_on_chat_completions(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    use_api("chat_completions")
    pdf = pdf_bytes("Invoice number 4711")
    send(chat, "what is the number?", [attach(chat, "bill.pdf", "application/pdf", pdf)])

    call = fake_openai.last_model_call()
    assert not call.media
    [message] = call.texts("user")
    assert "“bill.pdf”" in message
    assert "Invoice number 4711" in message


def test_a_pdf_without_text_is_named_as_such_on_chat_completions(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    use_api("chat_completions")
    scan = pdf_bytes(None)
    send(chat, "summarise this", [attach(chat, "scan.pdf", "application/pdf", scan)])

    [message] = fake_openai.last_model_call().texts("user")
    assert "“scan.pdf” has no extractable text" in message


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_a_text_file_is_sent_as_its_text_with_its_name(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    use_api(api)
    notes = "Buy milk\nCall Åsa about the ☂\n".encode()
    send(chat, "what is on my list?", [attach(chat, "todo.md", "text/markdown", notes)])

    [message] = fake_openai.last_model_call().texts("user")
    assert message.startswith("what is on my list?")
    assert "“todo.md”" in message
    assert "Buy milk\nCall Åsa about the ☂" in message


def test_a_long_text_file_is_cut_with_a_mark(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    # A multi-byte character across the limit: the cut must not leave half of it.
    long_text = ("a" * (TEXT_LIMIT_BYTES - 1) + "é" + "tail").encode()
    send(chat, "read this", [attach(chat, "long.txt", "text/plain", long_text)])

    [message] = fake_openai.last_model_call().texts("user")
    assert "a" * (TEXT_LIMIT_BYTES - 1) in message
    assert "tail" not in message
    assert "\ufffd" not in message
    assert message.endswith("the rest of the file is longer than 200 KB]")


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_an_attachment_from_an_earlier_turn_is_still_sent(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    use_api(api)
    image = png_bytes()
    notes = b"the password hint is blue"
    thread_id, _ = send(
        chat,
        "look at these",
        [
            attach(chat, "red.png", "image/png", image),
            attach(chat, "hint.txt", "text/plain", notes),
        ],
    )
    send(chat, "and now?", [], thread_id)

    call = fake_openai.last_model_call()
    [sent] = call.images()
    assert data_url_bytes(sent.data, "image/png") == image
    first, second = call.texts("user")
    assert "the password hint is blue" in first
    assert second == "and now?"


def test_a_file_gone_from_the_disk_is_named_and_the_answer_still_comes(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    attachment_id = attach(chat, "gone.txt", "text/plain", b"soon gone")
    thread_id, _ = send(chat, "keep this", [attachment_id])
    AttachmentFiles(chat.local.data_dir).delete(attachment_id)

    send(chat, "what did I send?", [], thread_id)

    first, _ = fake_openai.last_model_call().texts("user")
    assert "“gone.txt” is no longer available" in first
