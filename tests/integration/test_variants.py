"""Item templates and their variants (issue 21): generating the matrix, prices that follow the
template, a template that is never stocked, and the stock matrix."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from stockdesk.domain.errors import DuplicateValue, ValidationError
from stockdesk.reports.registry import run_report
from stockdesk.reports.spec import ReportOptions
from stockdesk.services.accounts import users
from stockdesk.services.catalogue import catalog, item_query, variants
from stockdesk.services.catalogue.item_query import ItemFilter
from stockdesk.services.database import open_database
from stockdesk.services.exchange import imports
from stockdesk.services.exchange.imports import ImportOptions, ImportRejected
from stockdesk.services.inventory import check, stock
from stockdesk.ui.export import write_items_csv
from tests.integration.report_helpers import all_lines


def test_a_template_generates_its_variants_once_and_they_follow_its_prices(
    db, admin, main_store, branch_store, tmp_path
):
    shirt = catalog.create_item(
        db.uow(), admin, sku="TSHIRT", name="T-shirt", sell_price="20", cost_price="8"
    )
    made = variants.generate(
        db.uow(), admin, shirt.id, {"size": ["S", "M", "L"], "colour": ["Red", "Dark blue"]}
    )
    assert len(made.created) == 6 and made.existing == 0
    skus = {v.sku: v for v in made.created}
    assert "TSHIRT-M-RED" in skus and "TSHIRT-L-DARKBLUE" in skus
    assert skus["TSHIRT-M-RED"].values == {"size": "M", "colour": "Red"}
    assert skus["TSHIRT-M-RED"].name == "T-shirt M / Red" and skus["TSHIRT-M-RED"].sell_price == Decimal(20)

    # Idempotent; a new value makes only the missing combinations.
    again = variants.generate(db.uow(), admin, shirt.id)
    assert again.created == () and again.existing == 6
    more = variants.generate(db.uow(), admin, shirt.id, {"size": ["XL"]})
    assert sorted(v.sku for v in more.created) == ["TSHIRT-XL-DARKBLUE", "TSHIRT-XL-RED"]
    sizes, colours = variants.attributes_of(db.uow(), shirt.id)
    assert sizes.choices == ("S", "M", "L", "XL") and colours.choices == ("Red", "Dark blue")

    # Prices: the template's new price reaches the variants that did not set their own.
    red_m = skus["TSHIRT-M-RED"].id
    catalog.update_item(db.uow(), admin, red_m, sell_price="25")
    catalog.update_item(db.uow(), admin, shirt.id, sell_price="22", cost_price="9")
    prices = {v.sku: (v.sell_price, v.cost_price) for v in variants.variants_of(db.uow(), shirt.id)}
    assert prices["TSHIRT-M-RED"] == (Decimal(25), Decimal(9))  # own sell price, inherited cost
    assert prices["TSHIRT-S-RED"] == (Decimal(22), Decimal(9))
    variants.inherit_prices(db.uow(), admin, red_m)
    assert catalog.get_item(db.uow(), red_m).sell_price == Decimal(22)

    # The template is never stocked; its variants are, like any item.
    with pytest.raises(ValidationError) as refused:
        stock.receive(db.uow(), admin, item_id=shirt.id, store_id=main_store.id, quantity="5")
    assert refused.value.field == "item" and "is a template" in str(refused.value)
    stock.receive(db.uow(), admin, item_id=red_m, store_id=main_store.id, quantity="5")
    stock.receive(db.uow(), admin, item_id=skus["TSHIRT-M-DARKBLUE"].id, store_id=main_store.id, quantity="2")
    stock.receive(db.uow(), admin, item_id=skus["TSHIRT-S-RED"].id, store_id=branch_store.id, quantity="3")
    stock.sell(db.uow(), admin, item_id=red_m, store_id=main_store.id, quantity="1")

    matrix = variants.stock_matrix(db.uow(), shirt.id)
    assert len(matrix.variants) == 8 and [s.code for s in matrix.stores] == ["BR", "MAIN"]
    assert matrix.grid("size", "colour")[("M", "Red")] == Decimal(4)
    by_store = matrix.grid("size", None)
    assert by_store[("M", "MAIN")] == Decimal(6) and by_store[("S", "BR")] == Decimal(3)
    assert by_store[("L", "MAIN")] == Decimal(0)

    # The report grouped by template: a section per template and store, with its subtotal.
    out = tmp_path / "variants.pdf"
    run_report(db, admin, "variants", ReportOptions(), out)
    lines = all_lines(out)
    assert "TSHIRT T-shirt · MAIN" in lines and "TSHIRT T-shirt · BR" in lines
    assert "M / Red" in lines and "TSHIRT-M-DARKBLUE" in lines
    at_main = lines[lines.index("TSHIRT T-shirt · MAIN") :]
    assert "Subtotal TSHIRT T-shirt · MAIN" in at_main and "54.00" in at_main  # (4 + 2) x 9.00 at cost

    # The items list filters by template; the ledger and levels agree.
    rows = item_query.item_page(db.uow(), ItemFilter(template_id=shirt.id))
    assert len(rows) == 8 and all(r.sku.startswith("TSHIRT-") for r in rows)
    assert check.find_differences(db.uow()) == []

    # Refusals name what is wrong and write nothing.
    catalog.create_item(db.uow(), admin, sku="TSHIRT-XXL-RED", name="Someone else's")
    with pytest.raises(DuplicateValue) as clash:
        variants.generate(db.uow(), admin, shirt.id, {"size": ["XXL"]})
    assert clash.value.field == "sku" and "size=XXL; colour=Red" in str(clash.value)
    assert len(variants.variants_of(db.uow(), shirt.id)) == 8
    with pytest.raises(ValidationError) as stocked:
        variants.generate(db.uow(), admin, red_m, {"fit": ["slim"]})
    assert "variant of TSHIRT" in str(stocked.value)


def test_variants_leave_in_the_export_and_a_fresh_database_imports_the_matrix(db, admin, tmp_path):
    shirt = catalog.create_item(db.uow(), admin, sku="TSHIRT", name="T-shirt", sell_price="20")
    made = variants.generate(db.uow(), admin, shirt.id, {"size": ["S", "M"], "colour": ["Red"]})
    catalog.update_item(db.uow(), admin, made.created[1].id, sell_price="24")  # TSHIRT-M-RED's own price
    exported = tmp_path / "items.csv"
    write_items_csv(db, ItemFilter(), exported)
    with exported.open(newline="", encoding="utf-8") as file:
        cells = {row["SKU"]: (row["Template"], row["Attributes"]) for row in csv.DictReader(file)}
    assert cells["TSHIRT"] == ("", "size=S|M; colour=Red") and cells["TSHIRT-M-RED"] == (
        "TSHIRT",
        "size=M; colour=Red",
    )

    # An upsert that changes the template's price reaches the variants that follow it.
    repriced = tmp_path / "repriced.csv"
    repriced.write_text("SKU,Sell price\nTSHIRT,30\n")
    imports.import_file(db.uow(), admin, repriced, options=ImportOptions(upsert=True))
    prices = {v.sku: v.sell_price for v in variants.variants_of(db.uow(), shirt.id)}
    assert prices == {"TSHIRT-M-RED": Decimal(24), "TSHIRT-S-RED": Decimal(30)}

    fresh = open_database(str(tmp_path / "fresh.sqlite"))
    try:
        boss = users.create_first_admin(fresh.uow(), email="boss@example.com", password="boss-pass-12")
        assert imports.import_file(fresh.uow(), boss, exported).created == 3
        template = catalog.find_item(fresh.uow(), "TSHIRT")
        assert template.is_template
        assert [(a.name, a.choices) for a in variants.attributes_of(fresh.uow(), template.id)] == [
            ("size", ("S", "M")),
            ("colour", ("Red",)),
        ]
        imported = {v.sku: v for v in variants.variants_of(fresh.uow(), template.id)}
        assert imported["TSHIRT-M-RED"].values == {"size": "M", "colour": "Red"}
        assert imported["TSHIRT-M-RED"].own_sell_price and not imported["TSHIRT-S-RED"].own_sell_price

        # A template the file does not know, and a variant as a template, are named by row and column.
        bad = tmp_path / "bad.csv"
        bad.write_text(
            "SKU,Name,Template,Attributes\nCAP-M,Cap M,CAP,size=M\nBAG,Bag,TSHIRT-S-RED,colour=Red\n"
        )
        with pytest.raises(ImportRejected) as refused:
            imports.import_file(fresh.uow(), boss, bad)
        found = [(p.row, p.field) for p in refused.value.problems]
        assert found == [(2, "Template"), (3, "Template")]
        assert "template" in refused.value.problems[0].reason
    finally:
        fresh.close()
