"""``POST /api/insert``: an answer's text pasted into the window captured by the latest ask (the
global shortcut, or ``chatkit-desktop ask`` without text). The window is the desktop side's to
remember (``AnswerInserter``, attached by the app); the request names only the answer, whose
text is checked against the store (``server/http/answer_check.py``). Under ``serve``, or before
the shortcut is set up, there is nothing to insert into: 409."""

from typing import Annotated, Any, Protocol

from fastapi import APIRouter, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, StringConstraints
from starlette.concurrency import run_in_threadpool

from common.answer_insertion import (
    INSERT_TEXT_LIMIT,
    NO_CAPTURED_WINDOW,
    CapturedTarget,
    InsertRefused,
)
from server.http.answer_check import AnswerRefused, check_answer_text
from server.http.services import LOCAL_USER_ID, AppServices
from server.store.request_context import RequestContext

NO_INSERTER_MESSAGE = (
    "This app cannot insert into other windows here: it runs without its window "
    "(`chatkit-desktop serve`), or its shortcut is not set up yet."
)

router = APIRouter(prefix="/api")


class AnswerInserter(Protocol):
    """The desktop side's paste into the window the latest ask captured."""

    def target(self) -> CapturedTarget | None:
        """The window captured at the latest ask; None when that ask captured none."""

    def insert(self, text: str) -> CapturedTarget:
        """Blocking. Pastes ``text`` into the captured window and puts the clipboard back;
        raises ``InsertRefused`` saying why when nothing was inserted."""

    def forget(self) -> None:
        """An ask that captured nothing: no window to insert into until the next."""


def attach_answer_inserter(app: FastAPI, inserter: AnswerInserter) -> None:
    app.state.answer_inserter = inserter


def forget_captured_window(app: FastAPI) -> None:
    """For an ask that captures nothing (a text given to ``ask``): the window of an earlier ask
    is no longer the one the latest ask came from."""
    inserter: AnswerInserter | None = getattr(app.state, "answer_inserter", None)
    if inserter is not None:
        inserter.forget()


ItemId = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200)]


class InsertRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(strict=True)]
    thread_id: ItemId
    item_id: ItemId
    """The answer the text comes from: only the model's own words can be inserted."""


@router.post("/insert")
async def insert_answer(body: InsertRequest, request: Request, app: AppServices) -> dict[str, Any]:
    if len(body.text) > INSERT_TEXT_LIMIT:
        raise HTTPException(
            status_code=413,
            detail=f"The text is {len(body.text):,} characters long; at most "
            f"{INSERT_TEXT_LIMIT:,} can be inserted.",
        )
    if not body.text.strip():
        raise HTTPException(status_code=400, detail="There is no text to insert.")
    inserter: AnswerInserter | None = getattr(request.app.state, "answer_inserter", None)
    if inserter is None:
        raise HTTPException(status_code=409, detail=NO_INSERTER_MESSAGE)
    target = inserter.target()
    if target is None:
        raise HTTPException(status_code=409, detail=NO_CAPTURED_WINDOW)
    context = RequestContext(user_id=LOCAL_USER_ID)
    try:
        await check_answer_text(
            app.store, context, body.thread_id, body.item_id, body.text, target.captured_at
        )
    except AnswerRefused as refused:
        raise HTTPException(status_code=refused.status_code, detail=refused.message) from None
    try:
        inserted = await run_in_threadpool(inserter.insert, body.text)
    except InsertRefused as refused:
        raise HTTPException(status_code=409, detail=str(refused)) from None
    return {"inserted_into": {"title": inserted.title, "app": inserted.app}}
