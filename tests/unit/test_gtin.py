import pytest

from stockdesk.domain.errors import InvalidBarcode, ValidationError
from stockdesk.domain.gtin import (
    compress_upca,
    expand_upce,
    gtin_check_digit,
    is_valid_gtin,
    looks_like_gtin,
    make_instore_ean13,
    normalise_scanned,
    validate_gtin,
)

# Published examples: EAN-13 on a Faber-Castell pencil (Wikipedia "International Article Number"),
# UPC-A 036000291452 (Wikipedia "Universal Product Code"), EAN-8 96385074, GTIN-14 from GS1 samples.
VALID = ["4006381333931", "036000291452", "96385074", "09521234543213", "5901234123457", "04252614"]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_are_valid(code):
    assert is_valid_gtin(code)
    assert validate_gtin(f" {code} ") == code


@pytest.mark.parametrize(
    ("body", "digit"), [("400638133393", 1), ("03600029145", 2), ("9638507", 4), ("0952123454321", 3)]
)
def test_check_digit_of_published_codes(body, digit):
    assert gtin_check_digit(body) == digit


def test_a_wrong_check_digit_is_refused_and_the_expected_digit_is_named():
    assert not is_valid_gtin("4006381333932")
    with pytest.raises(InvalidBarcode) as info:
        validate_gtin("4006381333932")
    assert info.value.field == "barcode"
    assert info.value.value == "4006381333932"
    assert info.value.reason == "has a wrong check digit (expected 1)"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "is empty"),
        ("40063813339A1", "must contain only digits"),
        ("12345", "has 5 digits; a GTIN has 8, 12, 13 or 14"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code, reason):
    with pytest.raises(InvalidBarcode) as info:
        validate_gtin(code)
    assert info.value.reason == reason


def test_every_single_digit_error_is_caught():
    code = "4006381333931"
    for pos in range(len(code)):
        for digit in "0123456789":
            typo = code[:pos] + digit + code[pos + 1 :]
            assert is_valid_gtin(typo) == (typo == code)


def test_upce_expands_to_the_published_upca():
    assert expand_upce("04252614") == "042100005264"
    assert is_valid_gtin("042100005264")
    assert compress_upca("042100005264") == "04252614"


@pytest.mark.parametrize(
    "upce", ["01234505", "01234514", "01234523", "01234531", "01234543", "01234558", "11234567"]
)
def test_upce_round_trips_for_every_last_digit_rule(upce):
    assert compress_upca(expand_upce(upce)) == upce


def test_upca_without_a_short_form_is_not_compressed():
    assert compress_upca("036000291452") is None


def test_upce_with_wrong_check_digit_is_refused_when_symbology_is_known():
    assert is_valid_gtin("04252614", "UPCE")
    assert not is_valid_gtin("04252615", "UPCE")
    with pytest.raises(InvalidBarcode, match=r"expected 4"):
        validate_gtin("04252615", "UPCE")


def test_upce_needs_number_system_0_or_1():
    with pytest.raises(InvalidBarcode):
        expand_upce("24252614")


def test_scanner_reports_of_upca_become_12_digit_upca():
    assert normalise_scanned("0036000291452", "EAN13") == ("036000291452", "UPCA")
    assert normalise_scanned("4006381333931", "EAN13") == ("4006381333931", "EAN13")
    assert normalise_scanned("0042100005264", "UPCE") == ("04252614", "UPCE")
    assert normalise_scanned("ABC-1", "CODE128") == ("ABC-1", "CODE128")


def test_instore_codes_are_valid_ean13_in_the_restricted_range():
    code = make_instore_ean13(21, 12345)
    assert code == "2100000123452"
    assert is_valid_gtin(code)
    with pytest.raises(ValidationError):
        make_instore_ean13(30, 1)
    with pytest.raises(ValidationError):
        make_instore_ean13(20, 10**10)


def test_looks_like_gtin_tells_when_to_demand_a_check_digit():
    assert looks_like_gtin("4006381333931")
    assert looks_like_gtin("96385074")
    assert not looks_like_gtin("ABC123")
    assert not looks_like_gtin("123456")
    assert not looks_like_gtin("١٢٣٤٥٦٧٨")  # Arabic-Indic digits are digits to Python, not to a scanner
