"""The fake's hosted ChatKit: ``POST /v1/chatkit/sessions`` and the threads endpoints
(``GET /v1/chatkit/threads``, ``/threads/{id}``, ``/threads/{id}/items``, ``DELETE
/threads/{id}``), in the shapes of the ``openai`` client's ``beta.chatkit`` types.

A test declares the workflows that exist (``add_workflow``) and writes the hosted threads of a
user (``add_thread``, ``add_message``, ``add_unreadable_item``, ``rename_thread``,
``remove_thread``), as a workflow's conversations would leave them. Sessions need the
``OpenAI-Beta: chatkit_beta=v1`` header, a ``user`` and a known workflow (else the real API's
400 or 404). Every request is kept in ``calls`` with its query, so a test can count what a sync
asked for.
"""

import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from testing.fake_openai.http_server import HttpExchange, HttpRequest
from testing.fake_openai.model_call import send_error, send_json
from testing.fake_openai.openai_errors import ErrorReply, standard_error

CHATKIT_PREFIX = "/v1/chatkit/"
BETA_HEADER = "chatkit_beta=v1"
SESSION_LIFETIME_SECONDS = 600
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class ChatKitCall:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclass
class _HostedThread:
    id: str
    user: str
    created_at: int
    title: str | None
    items: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "chatkit.thread",
            "created_at": self.created_at,
            "title": self.title,
            "status": {"type": "active"},
            "user": self.user,
        }


class FakeChatKit:
    def __init__(self) -> None:
        self.workflows: set[str] = set()
        self.sessions: list[dict[str, Any]] = []
        self.calls: list[ChatKitCall] = []
        self._threads: dict[str, _HostedThread] = {}
        self._lock = threading.Lock()
        # Seconds, rising by one per object, so every order is strict however fast a test runs.
        self._clock = itertools.count(int(time.time()) - 100_000)

    # The test's side.

    def add_workflow(self, workflow_id: str) -> None:
        self.workflows.add(workflow_id)

    def add_thread(self, user: str, title: str | None = None) -> str:
        thread = _HostedThread(f"cthr_{secrets.token_hex(8)}", user, next(self._clock), title)
        with self._lock:
            self._threads[thread.id] = thread
        return thread.id

    def add_message(self, thread_id: str, role: str, text: str) -> str:
        """``role``: ``user`` or ``assistant``."""
        with self._lock:
            thread = self._threads[thread_id]
            item_id = f"cthi_{secrets.token_hex(8)}"
            common = {
                "id": item_id,
                "object": "chatkit.thread_item",
                "created_at": next(self._clock),
                "thread_id": thread_id,
            }
            if role == "user":
                item = {
                    **common,
                    "type": "chatkit.user_message",
                    "content": [{"type": "input_text", "text": text}],
                    "attachments": [],
                    "inference_options": None,
                }
            else:
                item = {
                    **common,
                    "type": "chatkit.assistant_message",
                    "content": [{"type": "output_text", "text": text, "annotations": []}],
                }
            thread.items.append(item)
        return item_id

    def add_unreadable_item(self, thread_id: str, quoted: str) -> str:
        """A user message whose text is missing (``null``), as a change in the API might leave
        one: the client passes it on, the mirror cannot read it. ``quoted`` is its only text."""
        with self._lock:
            thread = self._threads[thread_id]
            item_id = f"cthi_{secrets.token_hex(8)}"
            thread.items.append(
                {
                    "id": item_id,
                    "object": "chatkit.thread_item",
                    "created_at": next(self._clock),
                    "thread_id": thread_id,
                    "type": "chatkit.user_message",
                    "content": [
                        {"type": "input_text", "text": None},
                        {"type": "quoted_text", "text": quoted},
                    ],
                    "attachments": [],
                    "inference_options": None,
                }
            )
        return item_id

    def rename_thread(self, thread_id: str, title: str) -> None:
        with self._lock:
            self._threads[thread_id].title = title

    def remove_thread(self, thread_id: str) -> None:
        with self._lock:
            del self._threads[thread_id]

    def calls_to(self, path_suffix: str) -> list[ChatKitCall]:
        return [call for call in self.calls if call.path.endswith(path_suffix)]

    # The API's side.

    async def handle(self, request: HttpRequest, exchange: HttpExchange) -> None:
        query = {name: values[-1] for name, values in parse_qs(request.query).items()}
        try:
            body = json.loads(request.body) if request.body else None
        except ValueError:
            body = None
        self.calls.append(ChatKitCall(request.method, request.path, query, body))
        if request.headers.get("openai-beta") != BETA_HEADER:
            message = "You must provide the 'OpenAI-Beta' header to access the ChatKit API."
            await send_error(exchange, standard_error(400, message=message))
            return
        parts = request.path.removeprefix(CHATKIT_PREFIX).split("/")
        with self._lock:
            status, answer = self._answer(request.method, parts, query, body)
        if isinstance(answer, ErrorReply):
            await send_error(exchange, answer)
        else:
            await send_json(exchange, status, answer)

    def _answer(
        self, method: str, parts: list[str], query: dict[str, str], body: Any
    ) -> tuple[int, dict[str, Any] | ErrorReply]:
        match (method, parts):
            case ("POST", ["sessions"]):
                return self._create_session(body)
            case ("GET", ["threads"]):
                threads = [t for t in self._threads.values() if t.user == query.get("user", t.user)]
                return 200, _page([t.as_json() for t in threads], query)
            case ("GET", ["threads", thread_id]) if thread_id in self._threads:
                return 200, self._threads[thread_id].as_json()
            case ("GET", ["threads", thread_id, "items"]) if thread_id in self._threads:
                return 200, _page(self._threads[thread_id].items, query)
            case ("DELETE", ["threads", thread_id]) if thread_id in self._threads:
                del self._threads[thread_id]
                return 200, {"id": thread_id, "object": "chatkit.thread.deleted", "deleted": True}
            case (_, ["threads", thread_id, *_]):
                return 404, standard_error(404, message=f"Thread {thread_id} not found.", code=None)
        message = f"Invalid URL ({method} {CHATKIT_PREFIX}{'/'.join(parts)})"
        return 404, standard_error(404, message=message, code=None)

    def _create_session(self, body: Any) -> tuple[int, dict[str, Any] | ErrorReply]:
        if not isinstance(body, dict) or not isinstance(body.get("user"), str) or not body["user"]:
            message = "Missing required parameter: 'user'."
            return 400, standard_error(400, message=message, param="user")
        workflow = body.get("workflow")
        if not isinstance(workflow, dict) or not isinstance(workflow.get("id"), str):
            message = "Missing required parameter: 'workflow.id'."
            return 400, standard_error(400, message=message, param="workflow.id")
        if workflow["id"] not in self.workflows:
            message = f"Workflow with id '{workflow['id']}' not found."
            return 404, standard_error(404, message=message, param="workflow.id", code=None)
        session = {
            "id": f"cksess_{secrets.token_hex(8)}",
            "object": "chatkit.session",
            "client_secret": f"ek_{secrets.token_hex(24)}",
            "expires_at": int(time.time()) + SESSION_LIFETIME_SECONDS,
            "max_requests_per_1_minute": 10,
            "rate_limits": {"max_requests_per_1_minute": 10},
            "status": "active",
            "user": body["user"],
            "workflow": {
                "id": workflow["id"],
                "version": workflow.get("version"),
                "state_variables": workflow.get("state_variables"),
                "tracing": {"enabled": True},
            },
            "chatkit_configuration": {
                "automatic_thread_titling": {"enabled": True},
                "file_upload": {"enabled": False, "max_file_size": None, "max_files": None},
                "history": {"enabled": True, "recent_threads": None},
            },
        }
        self.sessions.append(session)
        return 200, session


def _page(objects: list[dict[str, Any]], query: dict[str, str]) -> dict[str, Any]:
    """A cursor page as the API lists: by creation time, ``order`` (default desc), starting
    after the object named by ``after``, ``limit`` long (default 20)."""
    ordered = sorted(objects, key=lambda entry: entry["created_at"])
    if query.get("order", "desc") == "desc":
        ordered.reverse()
    if "after" in query:
        ids = [entry["id"] for entry in ordered]
        ordered = ordered[ids.index(query["after"]) + 1 :] if query["after"] in ids else []
    limit = int(query.get("limit", DEFAULT_PAGE_SIZE))
    page = ordered[:limit]
    return {
        "object": "list",
        "data": page,
        "first_id": page[0]["id"] if page else None,
        "last_id": page[-1]["id"] if page else None,
        "has_more": len(ordered) > limit,
    }
