"""The text of a PDF, for endpoints that take no files (Chat Completions)."""

import io
import logging

from pypdf import PdfReader

log = logging.getLogger(__name__)


def pdf_text(data: bytes) -> str:
    """Blocking and CPU-bound: call it off the event loop. Pages are joined by a blank line;
    an empty result means the PDF has no text layer (a scan) or could not be read."""
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:
        # pypdf raises nearly anything on a damaged file, and a damaged PDF must not fail the
        # whole answer: the model is told it has no text.
        log.warning("could not read a PDF's text: %r", error)
        return ""
    return "\n\n".join(page.strip() for page in pages if page.strip())
