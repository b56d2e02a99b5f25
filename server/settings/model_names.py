"""The ``models`` setting: the names the composer's model picker offers, as a user writes them.
Empty means "choose for me": a few of OpenAI's models, or what an OpenAI-compatible endpoint
lists (``offered_models.py``)."""

from typing import Any

# A picker longer than this is a list nobody reads; a name longer than this is a paste mistake.
MAX_MODEL_NAMES = 50
MAX_MODEL_NAME_LENGTH = 200


class ModelNamesError(ValueError):
    """The ``models`` value cannot be a list of names; the message says what would be."""


def check_model_names(value: Any) -> None:
    if not isinstance(value, list):
        raise ModelNamesError('models must be a list of model names, e.g. ["gpt-4.1-mini"]')
    if len(value) > MAX_MODEL_NAMES:
        raise ModelNamesError(f"models may list at most {MAX_MODEL_NAMES} names")
    for name in value:
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            raise ModelNamesError(
                "each entry of models must be a model's name without surrounding spaces"
            )
        if len(name) > MAX_MODEL_NAME_LENGTH:
            raise ModelNamesError(
                f"a model name in models is longer than {MAX_MODEL_NAME_LENGTH} characters"
            )
