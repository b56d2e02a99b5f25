import base64
import io

import pytest
from PIL import Image

from server.attachments.previews import MAX_PREVIEW_CHARS, PreviewFailed, preview_data_url
from tests.server.attachments.uploading import png


def decoded(url: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))


def test_a_small_image_is_its_own_preview() -> None:
    data = png()
    assert preview_data_url(data, "image/png") == (
        "data:image/png;base64," + base64.b64encode(data).decode()
    )


def test_a_large_image_becomes_a_thumbnail_under_the_limit() -> None:
    url = preview_data_url(png(3000, 2000, noisy=True), "image/png")

    assert url.startswith("data:image/jpeg;base64,")
    assert len(url) <= MAX_PREVIEW_CHARS
    assert max(decoded(url).size) <= 512


def test_transparency_is_kept_as_png() -> None:
    image = Image.frombytes("RGBA", (600, 400), bytes(range(256)) * (600 * 400 * 4 // 256))
    output = io.BytesIO()
    image.save(output, format="PNG")

    url = preview_data_url(output.getvalue(), "image/png")

    assert url.startswith("data:image/png;base64,")
    assert len(url) <= MAX_PREVIEW_CHARS


def test_bytes_that_decode_to_no_image_fail() -> None:
    with pytest.raises(PreviewFailed):
        preview_data_url(b"\x89PNG\r\n\x1a\n" + bytes(100_000), "image/png")
