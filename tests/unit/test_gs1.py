from datetime import date

import pytest

from stockdesk.domain.errors import InvalidBarcode
from stockdesk.domain.gs1 import Gs1Data, looks_like_gs1, parse_gs1

GS = "\x1d"
TODAY = date(2025, 6, 1)

# GS1 Digital Link / GS1 General Specifications sample values.
HRI = "(01)09501101020917(17)190508(10)ABCD1234(21)10"
EXPECTED = Gs1Data(gtin="09501101020917", batch="ABCD1234", expiry=date(2019, 5, 8), serial="10")


def test_human_readable_form():
    assert parse_gs1(HRI, today=TODAY) == EXPECTED


def test_raw_datamatrix_transmission_with_fnc1_as_gs():
    raw = "]d2" + "0109501101020917" + "17190508" + "10ABCD1234" + GS + "2110"
    assert parse_gs1(raw, today=TODAY) == EXPECTED


def test_raw_gs1_128_with_variable_field_last_needs_no_separator():
    raw = "]C1" + "0109521234543213" + "10ABC123" + GS + "17251200"
    data = parse_gs1(raw, today=TODAY)
    assert data == Gs1Data(gtin="09521234543213", batch="ABC123", expiry=date(2025, 12, 31))


def test_day_00_means_last_day_of_month_including_leap_years():
    assert parse_gs1("(17)280200", today=TODAY).expiry == date(2028, 2, 29)
    assert parse_gs1("(17)270200", today=TODAY).expiry == date(2027, 2, 28)


def test_two_digit_years_follow_the_gs1_sliding_century():
    assert parse_gs1("(17)750101", today=TODAY).expiry == date(2075, 1, 1)
    assert parse_gs1("(17)760101", today=TODAY).expiry == date(1976, 1, 1)


def test_unknown_but_common_ais_are_skipped():
    raw = "]Q3" + "0109521234543213" + "3103000750" + "10LOT7"
    assert parse_gs1(raw, today=TODAY) == Gs1Data(gtin="09521234543213", batch="LOT7")


@pytest.mark.parametrize(
    ("text", "ai"),
    [
        ("(01)09521234543214", "(01)"),  # wrong check digit
        ("(17)251301", "(17)"),  # month 13
        ("(17)250231", "(17)"),  # 31 February
        ("]C10109521234", "(01)"),  # truncated GTIN
        ("(10)" + "A" * 21, "(10)"),  # batch too long
        ("]C19912345", "(99)"),  # unknown AI
    ],
)
def test_malformed_input_names_the_ai(text, ai):
    with pytest.raises(InvalidBarcode) as info:
        parse_gs1(text, today=TODAY)
    assert ai in info.value.reason


def test_repeated_ai_is_refused():
    with pytest.raises(InvalidBarcode, match=r"repeats AI \(10\)"):
        parse_gs1("(10)A(10)B", today=TODAY)


def test_garbage_is_refused():
    with pytest.raises(InvalidBarcode):
        parse_gs1("(01)0952 hello", today=TODAY)
    with pytest.raises(InvalidBarcode):
        parse_gs1("]C1", today=TODAY)


def test_looks_like_gs1():
    assert looks_like_gs1(HRI)
    assert looks_like_gs1("]d2010950110102091717190508")
    assert not looks_like_gs1("4006381333931")
    assert not looks_like_gs1("ABC-123")
