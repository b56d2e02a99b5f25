"""An image attachment's ``preview_url``: a small thumbnail as a ``data:`` URL.

A data: URL survives restarts (the port changes at every start) and ChatKit's frame, on
OpenAI's origin, shows it without CORS headers or our token.
"""

import base64
import io

from PIL import Image

# The data: URL stays under ~64 KB, so the whole item list stays light.
MAX_PREVIEW_CHARS = 64 * 1024
_EDGES = (512, 384, 256, 160, 96)
# An image this small in bytes is its own preview.
_AS_IS_BYTES = MAX_PREVIEW_CHARS * 3 // 4 - 64
# What a preview shows before its bytes arrive: ImageAttachment requires some URL.
PLACEHOLDER_PREVIEW = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAI="


class PreviewFailed(ValueError):
    """The bytes have an image's signature but no image decodes from them."""


def preview_data_url(data: bytes, mime_type: str) -> str:
    """Blocking (decoding an image takes milliseconds to a second)."""
    if len(data) <= _AS_IS_BYTES:
        return _data_url(mime_type, data)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            frame = image.convert("RGBA" if _has_alpha(image) else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise PreviewFailed("the image cannot be read") from error
    for edge in _EDGES:
        thumbnail = frame.copy()
        thumbnail.thumbnail((edge, edge))
        output = io.BytesIO()
        if thumbnail.mode == "RGBA":
            thumbnail.save(output, format="PNG", optimize=True)
            url = _data_url("image/png", output.getvalue())
        else:
            thumbnail.save(output, format="JPEG", quality=80)
            url = _data_url("image/jpeg", output.getvalue())
        if len(url) <= MAX_PREVIEW_CHARS:
            return url
    return PLACEHOLDER_PREVIEW


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _data_url(mime_type: str, data: bytes) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"
