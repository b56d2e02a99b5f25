from server.attachments.pdf_text import pdf_text
from tests.fixtures.sample_files import pdf_bytes


def test_the_text_of_each_page_is_read() -> None:
    assert pdf_text(pdf_bytes("Invoice number 4711")) == "Invoice number 4711"


def test_a_pdf_without_a_text_layer_has_no_text() -> None:
    assert pdf_text(pdf_bytes(None)) == ""


def test_a_damaged_pdf_has_no_text_rather_than_an_error() -> None:
    assert pdf_text(b"%PDF-1.4\nnot really a PDF") == ""
    assert pdf_text(pdf_bytes("Cut short")[:60]) == ""
