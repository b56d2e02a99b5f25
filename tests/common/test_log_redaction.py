import io
import logging
import secrets
from collections.abc import Iterator

import pytest

from common.log_redaction import REDACTED, SecretRedaction, keep_out_of_logs


@pytest.fixture
def written() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger of the test's own, whose handler has the filter, as the log's handlers do."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.addFilter(SecretRedaction())
    logger = logging.getLogger(f"tests.redaction.{secrets.token_hex(4)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield logger, output
    logger.removeHandler(handler)


def test_a_known_secret_is_blanked_out_of_messages_and_tracebacks(
    written: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, output = written
    secret = f"sk-canary-{secrets.token_urlsafe(16)}"
    keep_out_of_logs(secret)

    logger.info("in the arguments: %s", secret)
    logger.info(f"in the message itself: {secret}")
    try:
        raise ValueError(f"a library quoting {secret}")
    except ValueError:
        logger.exception("in an exception's text")

    text = output.getvalue()
    assert secret not in text
    assert text.count(REDACTED) == 3
    assert f"ValueError: a library quoting {REDACTED}" in text


def test_a_short_value_is_not_taken_for_a_secret(
    written: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, output = written
    keep_out_of_logs("none")
    logger.info("nothing to hide, none at all")
    assert output.getvalue() == "nothing to hide, none at all\n"


def test_a_malformed_call_is_left_for_the_handler_to_report() -> None:
    keep_out_of_logs(f"sk-canary-{secrets.token_urlsafe(16)}")
    record = logging.LogRecord(
        "tests.redaction", logging.INFO, __file__, 1, "two placeholders %s %s", ("one",), None
    )
    assert SecretRedaction().filter(record)
    assert (record.msg, record.args) == ("two placeholders %s %s", ("one",))
