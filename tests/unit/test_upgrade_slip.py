"""The upgrade slip an admin carries to an old desk: its line, its file, a bare code."""

from datetime import UTC, datetime

import pytest

from stockdesk.domain.errors import ValidationError
from stockdesk.sync import upgrade_slip
from stockdesk.sync.upgrade_slip import Slip

CODE = "1A2B3C-4D5E6F-0A0B0C-D1E2F3"


def test_the_line_and_the_file_read_back_as_the_slip(tmp_path):
    slip = Slip(CODE, "https://shop.example:8443", "desk-0a1b2c3d4e5f")
    assert upgrade_slip.parse(upgrade_slip.line(slip)) == slip
    path = upgrade_slip.write(tmp_path, slip, datetime(2026, 12, 11, tzinfo=UTC))
    assert path.stat().st_mode & 0o777 == 0o600
    assert upgrade_slip.parse(path.read_text()) == slip
    assert "2026-12-11 00:00 UTC" in path.read_text()


def test_a_bare_code_in_any_case_and_a_line_without_server():
    assert upgrade_slip.parse(f"  {CODE.lower()}\n") == Slip(CODE)
    assert upgrade_slip.parse(f"stockdesk-upgrade desk=d1 code={CODE}") == Slip(CODE, "", "d1")


@pytest.mark.parametrize("text", ["", "not a code", "stockdesk-upgrade desk=d1 code=XYZ", "1A2B3C-4D5E6F"])
def test_anything_else_is_refused_with_its_reason(text):
    with pytest.raises(ValidationError, match="neither an upgrade code"):
        upgrade_slip.parse(text)
