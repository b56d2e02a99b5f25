import pytest

from server.attachments.upload_tokens import (
    UPLOAD_LIFETIME_SECONDS,
    UploadLinkRefused,
    UploadTokens,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_token_is_taken_once() -> None:
    tokens = UploadTokens(Clock())
    token = tokens.issue("atc_1")

    assert len(token) >= 43
    assert tokens.take(token) == "atc_1"
    with pytest.raises(UploadLinkRefused, match="used already") as refused:
        tokens.take(token)
    assert not refused.value.expired


def test_a_token_expires_after_ten_minutes() -> None:
    clock = Clock()
    tokens = UploadTokens(clock)
    token = tokens.issue("atc_1")
    clock.now += UPLOAD_LIFETIME_SECONDS

    with pytest.raises(UploadLinkRefused, match="expired") as refused:
        tokens.take(token)
    assert refused.value.expired
    assert token not in str(refused.value)


def test_revoking_an_attachment_spends_its_tokens() -> None:
    tokens = UploadTokens(Clock())
    token, other = tokens.issue("atc_1"), tokens.issue("atc_2")

    tokens.revoke("atc_1")

    with pytest.raises(UploadLinkRefused):
        tokens.take(token)
    assert tokens.take(other) == "atc_2"
