"""Attachments in ChatKit mode, with the stand-in element in place of OpenAI's: the options that
turn on ChatKit's attach button (two-phase uploads, the accepted types, the size limit from the
settings), and a file uploaded through the two-phase path and sent with a message."""

from typing import Any

import httpx

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.fixtures.sample_files import png_bytes
from tests.web.conftest import PageUnderTest

MB = 1024 * 1024
PNG = png_bytes()


def test_chatkit_is_given_two_phase_uploads_and_the_attachment_limits(
    tab: PageUnderTest,
) -> None:
    tab.open("chatkit")

    options: Any = tab.stand_in(
        """({
            upload: chatkit.options.api.uploadStrategy,
            attachments: chatkit.options.composer.attachments,
        })"""
    )

    assert options["upload"] == {"type": "two_phase"}
    attachments = options["attachments"]
    assert attachments["enabled"] is True
    assert attachments["maxSize"] == 20 * MB
    accepted = attachments["accept"]
    for kind in ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"):
        assert kind in accepted
    assert accepted["text/plain"] == [".txt", ".text", ".log"]


def test_the_size_limit_follows_the_setting(tab: PageUnderTest, app: ServedApp) -> None:
    response = httpx.patch(
        f"{app.url}/api/settings",
        json={"attachment_max_mb": 5},
        headers={"Authorization": f"Bearer {app.token}"},
        timeout=10,
    )
    assert response.status_code == 200, response.text

    tab.open("chatkit")

    assert tab.stand_in("chatkit.options.composer.attachments.maxSize") == 5 * MB


def test_a_file_goes_up_in_two_phases_and_the_message_names_it(
    tab: PageUnderTest, app: ServedApp, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    fake_openai.reply("A red pixel.")

    attached: Any = tab.stand_in(
        "chatkit.attach(args[0])", {"name": "red.png", "type": "image/png", "bytes": list(PNG)}
    )

    created, upload = attached["created"], attached["upload"]
    assert created["name"] == "red.png"
    assert created["type"] == "image"
    assert upload["url"].startswith(f"{app.url}/")
    assert upload["method"] == "POST"
    assert upload["hadAuthorization"] is False
    assert upload["status"] == 200

    sent: Any = tab.stand_in(
        "chatkit.createThread(args[0], [args[1]])", "What is this?", created["id"]
    )

    assert sent["status"] == 200
    events = sent["events"]
    user = next(
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "user_message"
    )
    assert [attachment["id"] for attachment in user["attachments"]] == [created["id"]]
    assert user["attachments"][0]["preview_url"].startswith("data:image/")
    with httpx.Client(headers={"Authorization": f"Bearer {app.token}"}, timeout=10) as client:
        stored = client.get(f"{app.url}/api/attachments/{created['id']}")
    assert stored.content == PNG
