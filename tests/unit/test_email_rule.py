"""The e-mail rule the services apply and the API publishes: one pattern, read the same way by Python
and by a client's JSON Schema (ECMAScript) validator."""

from __future__ import annotations

import re

import pytest

from stockdesk.domain.errors import ValidationError
from stockdesk.services.validation import EMAIL_PATTERN, email_address


def test_an_address_is_kept_trimmed():
    assert email_address("email", "  ada@example.com ") == "ada@example.com"


@pytest.mark.parametrize(
    "address",
    ["ada\x05@example.com", "ada@exa\x1fmple.com", "ada@example.c\x85m", "a da@example.com", "ada@example"],
)
def test_control_characters_and_spaces_inside_an_address_are_refused(address):
    with pytest.raises(ValidationError, match="e-mail"):
        email_address("email", address)
    # U+001C-U+001F and U+0085 are spaces to Python's \s but not to ECMAScript's: the class lists them.
    assert re.search(EMAIL_PATTERN.replace(r"\s", " \t\n\r\f\v"), address) is None
