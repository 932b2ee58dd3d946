"""Refusals as message ids: English text unchanged, every id translated to German, none left as bare text."""

import ast
import re
import string
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from stockdesk.domain.errors import InsufficientStock, NotFound, PermissionDenied, ValidationError
from stockdesk.domain.messages import ENGLISH, Message
from stockdesk.domain.permissions import Action, Actor, Role, require
from stockdesk.i18n import describe, field_name, translate
from stockdesk.i18n.catalogue import TRANSLATIONS_DIR, messages_file
from stockdesk.i18n.ts_file import read_ts
from stockdesk.services.catalogue.bulk import RowProblem

PACKAGE = Path(__file__).resolve().parents[2] / "stockdesk"
GERMAN = read_ts(messages_file("de"))


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}


def test_every_message_has_a_finished_german_translation_with_the_same_placeholders():
    german = GERMAN["messages"]
    assert set(german) == set(ENGLISH), "run packaging/update_messages.py"
    for key, english in ENGLISH.items():
        entry = german[key]
        assert entry.source == english, f"{key}: the English changed; run packaging/update_messages.py"
        assert entry.finished and entry.translation.strip(), key
        assert placeholders(entry.translation) == placeholders(english), key


def test_the_words_and_field_names_are_translated():
    entries = [e for table in ("fields", "words") for e in GERMAN[table].values()]
    assert all(e.finished and e.translation.strip() for e in entries)
    assert len(GERMAN["fields"]) > 30 and len(GERMAN["words"]) > 20


def test_the_english_text_of_every_error_is_what_it_was():
    error = ValidationError("email", "nobody", Message("not_email"))
    assert str(error) == "email: 'nobody' is not an e-mail address"
    assert error.reason == "is not an e-mail address"
    assert str(NotFound("item", "X-1")) == "item X-1 not found"
    stock = InsufficientStock(sku="T-1", store="MAIN", on_hand=Decimal("2.000"), requested=Decimal(5))
    assert str(stock) == "quantity: 5 of T-1 requested but only 2.000 on hand in MAIN"
    problem = RowProblem(3, "price", "abc", Message("not_number"))
    assert str(problem) == "row 3, column price: 'abc' is not a number"


def test_an_error_carries_id_params_and_field_for_an_api():
    error = ValidationError("name", "x" * 301, Message("too_long", maximum=300))
    assert (error.message_id, error.field) == ("validation", "name")
    assert error.params["reason"].id == "too_long" and error.params["reason"].params == {"maximum": 300}
    stock = InsufficientStock(sku="T-1", store="MAIN", on_hand=Decimal(2), requested=Decimal(5))
    assert (stock.message_id, stock.field, stock.params["sku"]) == ("insufficient_stock", "quantity", "T-1")


def test_german_fills_in_translated_fields_words_and_decimal_commas():
    error = ValidationError("sell_price", "12,5O", Message("not_number"))
    assert describe(error, "de") == "Verkaufspreis: „12,5O“ ist keine Zahl"
    assert describe(error, "en") == str(error)
    assert describe(NotFound("store", "XY"), "de") == "Filiale XY nicht gefunden"
    stock = InsufficientStock(sku="T-1", store="MAIN", on_hand=Decimal("2.500"), requested=Decimal(5))
    assert describe(stock, "de") == "Menge: 5 von T-1 verlangt, aber nur 2,5 vorrätig in MAIN"
    clerk = Actor(id=uuid.uuid4(), email="c@x.org", role=Role.CLERK)
    with pytest.raises(PermissionDenied) as refused:
        require(clerk, Action.MANAGE_USERS)
    assert describe(refused.value, "de") == "Die Rolle „Mitarbeiter“ darf nicht: Benutzer verwalten"
    assert field_name("reorder_point", "de") == "Meldebestand"
    assert field_name("reorder_point", "en") == "Reorder point"


def test_plain_text_and_unknown_languages_fall_back_to_english():
    assert translate("already said in German", "de") == "already said in German"
    assert translate(Message("required"), "xx") == "is required"
    assert describe(ValueError("boom"), "de") == "boom"


# Calls whose argument at this position (or keyword `reason`) is the sentence a person reads.
REASON_AT = {
    "ValidationError": 2, "InvalidQuantity": 2, "InvalidPrice": 2, "InvalidBarcode": 2, "DuplicateValue": 2,
    "PermissionDenied": 0, "AuthenticationFailed": 0, "ScannerUnavailable": 1, "RowProblem": 3, "problem": 2,
}
# Texts that stay English on purpose: command-line only, or programming errors no window shows.
# Front ends word their own texts: the window through Qt's translations, the command line (its own
# arguments, in English like every command's --help).
FRONT_ENDS = ("ui/", "cli/")
BARE_TEXT_ALLOWED = {
    "domain/forecast.py",  # checks of the series a service hands over, never of typed input
}


def _bare_reasons(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in REASON_AT:
            continue
        position = REASON_AT[name]
        args = node.args[position : position + 1] + [k.value for k in node.keywords if k.arg == "reason"]
        for arg in args:
            text = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            if text or isinstance(arg, ast.JoinedStr):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_no_service_refuses_with_bare_english_text():
    """Every refusal outside the window names a message id, so the window and the API can translate it."""
    bare = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(FRONT_ENDS) or relative in BARE_TEXT_ALLOWED:
            continue
        bare += _bare_reasons(path)
    float_refusal = [b for b in bare if re.match(r"domain/numbers\.py:\d+$", b)]
    assert len(float_refusal) <= 1  # "must be given as text or Decimal, not a float": a programming error
    assert [b for b in bare if b not in float_refusal] == []


def test_the_catalogue_ships_where_the_window_finds_its_own_translations():
    assert messages_file("de").parent == TRANSLATIONS_DIR
    assert (TRANSLATIONS_DIR / "stockdesk_de.qm").exists()
