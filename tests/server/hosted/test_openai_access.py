"""``in_words``: every failure of the ``openai`` client becomes a status and a sentence."""

import httpx
import openai

from server.hosted.openai_access import in_words

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"


def test_an_answer_the_client_cannot_read_is_a_502_in_words() -> None:
    request = httpx.Request("GET", "https://api.openai.com/v1/chatkit/threads")
    error = openai.APIResponseValidationError(httpx.Response(200, request=request), body=None)

    said = in_words(error, WORKFLOW)

    assert said.status == 502
    assert said.message == "OpenAI's answer could not be read (APIResponseValidationError)"
