"""Cutting report cells to their column: the fast width-table pass agrees with measuring each prefix."""

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from stockdesk.reports.pdf_style import FONT, FONT_BOLD, FONT_SIZE, _fit_measured, fit_text

CHARACTERS = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,;:-+/()éß€×"
LATIN = st.text(st.sampled_from(CHARACTERS), max_size=140)


@given(text=LATIN, width=st.floats(min_value=4, max_value=400), bold=st.booleans())
def test_the_fast_cut_equals_the_measured_cut(text, width, bold):
    font = FONT_BOLD if bold else FONT
    assert fit_text(text, width, bold=bold) == (
        _fit_measured(text, width, font, FONT_SIZE) if stringWidth(text, font, FONT_SIZE) > width else text
    )


def test_a_long_reason_is_cut_with_an_ellipsis_and_fits_its_column():
    reason = "4.2/day × 7 d lead + 3.1 safety = 32.5; on hand 16 + on order 0, so order 24 (multiple of 12)"
    cut = fit_text(reason, 120.0)
    assert cut.endswith("…") and reason.startswith(cut[:-1])
    assert 100.0 < stringWidth(cut, FONT, FONT_SIZE) <= 120.0


def test_text_outside_the_standard_encoding_is_still_cut_to_fit():
    cut = fit_text("on hand 3 → order 12 " * 5, 80.0)
    assert cut.endswith("…") and stringWidth(cut, FONT, FONT_SIZE) <= 80.0
