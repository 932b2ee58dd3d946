"""An item's packs written to one export cell read back to the same packs, and a bad cell is named."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.numbers import shortest
from stockdesk.domain.pack_cells import PackEntry, format_pack_cell, parse_pack_cell

names = st.text(alphabet=st.characters(blacklist_characters="=;:*", blacklist_categories=("Cs", "Cc", "Z")),
                min_size=1, max_size=32)
factors = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(99999), places=3, allow_nan=False)
codes = st.one_of(st.just(""), st.from_regex(r"\A[0-9]{8,14}\Z"))


@st.composite
def pack_lists(draw: st.DrawFn) -> list[PackEntry]:
    chosen = draw(st.lists(st.tuples(names, factors, codes), max_size=5, unique_by=lambda t: t[0].lower()))
    purchase = draw(st.integers(min_value=-1, max_value=len(chosen) - 1))
    return [PackEntry(n, f, c, i == purchase) for i, (n, f, c) in enumerate(chosen)]


@given(pack_lists())
def test_a_cell_reads_back_as_the_packs_it_was_written_from(packs: list[PackEntry]) -> None:
    cell = format_pack_cell(packs, lambda n: str(shortest(n)))
    assert parse_pack_cell(cell, Decimal) == [
        PackEntry(p.name.strip(), Decimal(str(shortest(p.factor))), p.code, p.purchase) for p in packs
    ]


def test_a_dash_is_no_packs_and_a_blank_part_is_skipped() -> None:
    assert parse_pack_cell(" - ", Decimal) == []
    assert parse_pack_cell("case=12;; bag = 5 : 96385074 *", Decimal) == [
        PackEntry("case", Decimal(12)), PackEntry("bag", Decimal(5), "96385074", True)
    ]


@pytest.mark.parametrize("cell", ["case", "=12", "case=", "case=12**", "c*se=12", "x" * 33 + "=1"])
def test_a_part_that_is_not_a_pack_is_refused_naming_the_column_and_the_part(cell: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_pack_cell(f"bag=5; {cell}", Decimal)
    assert refused.value.field == "packs" and refused.value.value == cell
