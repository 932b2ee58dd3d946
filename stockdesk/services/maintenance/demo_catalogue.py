"""What a real hardware store sells: product families with sizes, plausible prices and stock levels.

A shop owner trying StockDesk must recognise the shelves: "Wood screws 4.0 × 40 mm, box of 200" at
5.99 with 34 boxes in stock, not "Heavy-duty paint brush 127" at 151.48 with 40 of everything.
Each family expands into its variants (sizes, lengths, colours); the cost grows with the size and
the sell price ends the way shelf prices do (.49, .95, .99).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

CENT = Decimal("0.01")
CATEGORIES = {
    "Hardware": ["Screws", "Nails", "Anchors", "Hinges", "Locks"],
    "Tools": ["Hand tools", "Power tools", "Measuring"],
    "Electrical": ["Cables", "Lamps", "Switches", "Batteries"],
    "Garden": ["Seeds", "Hoses", "Pots"],
    "Paint": ["Interior", "Exterior", "Brushes", "Tape"],
}
# (name, lead time in days, the top categories it delivers)
SUPPLIERS = [
    ("Nordic Fasteners", 5, ("Hardware",)),
    ("Acme Tools", 10, ("Tools",)),
    ("Brightline Electric", 7, ("Electrical",)),
    ("GreenThumb Supply", 14, ("Garden",)),
    ("ColourWorks", 6, ("Paint",)),
]
# House brands for catalogues larger than the families (benchmarks): "Ferrox Claw hammer 450 g".
BRANDS = ["Ferrox", "Holtmann", "Ironside", "Brightline", "Kestrel", "Nordwerk", "Velta", "Tamarack"]


@dataclass(frozen=True)
class Product:
    leaf: str  # the sub-category
    name: str
    unit: str
    cost: Decimal
    sell: Decimal
    opening: tuple[int, int]  # opening stock per store, low and high
    sale: tuple[int, ...]  # quantities one customer takes


@dataclass(frozen=True)
class Family:
    leaf: str
    unit: str
    margin: Decimal
    opening: tuple[int, int]
    sale: tuple[int, ...]
    variants: tuple[tuple[str, Decimal], ...]  # (name, cost)

    def products(self) -> list[Product]:
        return [
            Product(
                self.leaf, name, self.unit, cost, shelf_price(cost * self.margin), self.opening, self.sale
            )
            for name, cost in self.variants
        ]


def shelf_price(raw: Decimal) -> Decimal:
    """Round up to a price a shop would print: 0.95 / x.49 / x.99 / x9.00 by size."""
    if raw < 1:
        return Decimal("0.95") if raw <= Decimal("0.95") else Decimal("1.49")
    if raw < 100:
        whole = raw.to_integral_value(ROUND_CEILING)
        half = whole - Decimal("0.51")
        return half if half >= raw else whole - Decimal("0.01")
    tens = (raw / 10).to_integral_value(ROUND_CEILING) * 10
    return (tens - 1).quantize(CENT)


def _d(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(CENT)


def _family(
    leaf: str,
    unit: str,
    margin: str,
    opening: tuple[int, int],
    sale: tuple[int, ...],
    variants: Iterator[tuple[str, float]],
) -> Family:
    return Family(leaf, unit, Decimal(margin), opening, sale, tuple((n, _d(c)) for n, c in variants))


def _families() -> list[Family]:
    mm = "\u00d7"
    return [
        _family(
            "Screws",
            "box",
            "1.9",
            (12, 60),
            (1, 1, 2),
            (
                (f"Wood screws {d} {mm} {length} mm, box of {n}", 0.9 + d * length * n / 22000)
                for d, length, n in itertools.product(
                    (3.0, 3.5, 4.0, 4.5, 5.0, 6.0), (16, 20, 25, 30, 40, 50, 60, 70, 80, 100, 120), (100, 200)
                )
            ),
        ),
        _family(
            "Screws",
            "box",
            "1.9",
            (8, 40),
            (1, 1, 2),
            (
                (f"Drywall screws {d} {mm} {length} mm, box of 500", 2.1 + d * length / 40)
                for d, length in itertools.product((3.5, 3.9, 4.2), (25, 35, 45, 55, 65))
            ),
        ),
        _family(
            "Screws",
            "box",
            "2.0",
            (6, 30),
            (1, 1, 2),
            (
                (f"Machine screws M{m} {mm} {length} mm, {finish}, box of 50", 1.2 + m * length / 90 * k)
                for m, length, (finish, k) in itertools.product(
                    (3, 4, 5, 6, 8), (10, 16, 20, 30, 40), (("zinc plated", 1.0), ("stainless A2", 2.2))
                )
            ),
        ),
        _family(
            "Nails",
            "box",
            "1.9",
            (8, 40),
            (1, 1, 2),
            (
                (f"{kind} nails {d} {mm} {length} mm, 1 kg", base + length / 60)
                for (kind, base), (d, length) in itertools.product(
                    (("Round wire", 3.1), ("Galvanised", 4.2), ("Lost head", 3.6)),
                    ((1.8, 35), (2.0, 40), (2.5, 50), (2.8, 60), (3.1, 70), (3.4, 80), (4.2, 100)),
                )
            ),
        ),
        _family(
            "Anchors",
            "pack",
            "2.1",
            (10, 50),
            (1, 1, 2, 3),
            (
                (f"{kind} wall plugs {d} {mm} {length} mm, pack of {n}", base + d * n / 400)
                for (kind, base), (d, length), n in itertools.product(
                    (("Nylon", 0.9), ("Cavity", 2.4), ("Frame", 3.1)),
                    ((5, 25), (6, 30), (8, 40), (10, 50), (12, 60)),
                    (25, 100),
                )
            ),
        ),
        _family(
            "Hinges",
            "pair",
            "2.2",
            (4, 20),
            (1, 1, 2),
            (
                (f"{kind} hinge {size} mm, {finish}", base + size / 40 * k)
                for (kind, base), size, (finish, k) in itertools.product(
                    (("Butt", 1.4), ("Cabinet", 2.2), ("Piano", 3.5), ("T-strap", 2.9)),
                    (50, 63, 75, 100),
                    (("zinc plated", 1.0), ("brass", 1.8), ("black", 1.3)),
                )
            ),
        ),
        _family(
            "Locks",
            "pcs",
            "2.0",
            (2, 12),
            (1,),
            (
                (f"{kind} {size} mm{extra}", base + size / 8)
                for (kind, base, extra), size in itertools.product(
                    (
                        ("Padlock brass", 4.0, ""),
                        ("Padlock hardened steel", 7.5, ""),
                        ("Euro cylinder", 9.0, ", 3 keys"),
                        ("Combination padlock", 6.0, ""),
                    ),
                    (30, 40, 50, 60),
                )
            ),
        ),
        _family(
            "Hand tools",
            "pcs",
            "1.8",
            (3, 15),
            (1,),
            (
                (f"{name} {size}", cost)
                for name, size, cost in (
                    ("Claw hammer", "450 g", 7.9),
                    ("Claw hammer", "600 g", 9.4),
                    ("Club hammer", "1.25 kg", 8.6),
                    ("Rubber mallet", "450 g", 5.2),
                    ("Screwdriver set", "6 pcs", 8.9),
                    ("Slotted screwdriver", "5.5 mm", 2.6),
                    ("Phillips screwdriver", "PH2", 2.8),
                    ("Combination pliers", "180 mm", 7.3),
                    ("Long nose pliers", "160 mm", 6.9),
                    ("Side cutters", "160 mm", 7.1),
                    ("Adjustable wrench", "250 mm", 9.8),
                    ("Combination spanner set", "8-19 mm", 18.5),
                    ("Hex key set", "9 pcs", 4.2),
                    ("Wood chisel", "12 mm", 5.9),
                    ("Wood chisel", "20 mm", 6.4),
                    ("Hand saw", "500 mm", 11.2),
                    ("Hacksaw", "300 mm", 8.1),
                    ("Utility knife", "18 mm", 3.4),
                    ("Spare blades", "10 pcs", 1.9),
                    ("Caulking gun", "310 ml", 4.5),
                    ("Staple gun", "6-14 mm", 12.8),
                    ("Crowbar", "600 mm", 8.3),
                    ("Putty knife", "50 mm", 2.2),
                    ("Wire brush", "4 rows", 2.7),
                    ("Pipe wrench", "14 in", 15.6),
                )
            ),
        ),
        _family(
            "Power tools",
            "pcs",
            "1.45",
            (1, 6),
            (1,),
            (
                (f"{name}{volt}", cost)
                for name, volt, cost in (
                    ("Cordless drill driver", " 18 V, 2 batteries", 89.0),
                    ("Cordless drill driver", " 12 V", 49.0),
                    ("Hammer drill", " 750 W", 54.0),
                    ("Combi hammer SDS-plus", " 800 W", 79.0),
                    ("Jigsaw", " 650 W", 46.0),
                    ("Circular saw", " 1200 W", 72.0),
                    ("Random orbit sander", " 350 W", 41.0),
                    ("Angle grinder 125 mm", " 900 W", 38.0),
                    ("Multi-tool", " 300 W", 44.0),
                    ("Hot air gun", " 2000 W", 24.0),
                    ("Cordless impact driver", " 18 V", 96.0),
                    ("Battery pack", " 18 V 4.0 Ah", 52.0),
                    ("Charger", " 18 V", 26.0),
                    ("Drill bit set HSS", "", 13.0),
                    ("Masonry drill bit set", "", 9.5),
                )
            ),
        ),
        _family(
            "Measuring",
            "pcs",
            "1.9",
            (3, 15),
            (1,),
            (
                (f"{name} {size}", cost)
                for name, size, cost in (
                    ("Tape measure", "3 m", 3.1),
                    ("Tape measure", "5 m", 4.6),
                    ("Tape measure", "8 m", 7.2),
                    ("Spirit level", "40 cm", 6.8),
                    ("Spirit level", "60 cm", 8.9),
                    ("Spirit level", "100 cm", 13.5),
                    ("Folding rule", "2 m", 3.9),
                    ("Try square", "300 mm", 5.4),
                    ("Laser distance meter", "30 m", 29.0),
                    ("Cross line laser", "15 m", 48.0),
                    ("Pencils, carpenter's", "pack of 3", 1.4),
                )
            ),
        ),
        _family(
            "Cables",
            "m",
            "2.0",
            (30, 150),
            (2, 3, 5, 10),
            (
                (f"{kind} {cores} {mm} {size} mm\u00b2, per metre", base * cores * size)
                for (kind, base), cores, size in itertools.product(
                    (
                        ("Installation cable NYM-J", 0.14),
                        ("Flexible cable H05VV-F", 0.17),
                        ("Rubber cable H07RN-F", 0.29),
                    ),
                    (3, 5),
                    (1.5, 2.5),
                )
            ),
        ),
        _family(
            "Cables",
            "pcs",
            "1.8",
            (2, 10),
            (1,),
            (
                (f"{name}", cost)
                for name, cost in (
                    ("Extension lead 3 m, 3 sockets", 5.2),
                    ("Extension lead 5 m, 3 sockets", 6.3),
                    ("Extension lead 10 m", 9.8),
                    ("Power strip 6 sockets, switched", 7.9),
                    ("Cable reel 25 m", 24.0),
                    ("Cable reel 50 m", 38.0),
                    ("Cable ties 200 mm, pack of 100", 2.1),
                )
            ),
        ),
        _family(
            "Lamps",
            "pcs",
            "2.1",
            (6, 40),
            (1, 1, 2, 4),
            (
                (f"LED bulb {base} {watt} W, {light}", cost + watt * 0.12)
                for (base, cost), watt, light in itertools.product(
                    (("E27", 1.6), ("E14", 1.7), ("GU10", 1.5)), (4, 6, 9, 13), ("warm white", "cool white")
                )
            ),
        ),
        _family(
            "Lamps",
            "pcs",
            "1.7",
            (2, 8),
            (1,),
            (
                (f"{name}", cost)
                for name, cost in (
                    ("LED work light 20 W", 14.5),
                    ("LED work light 50 W", 27.0),
                    ("Head torch 300 lm", 9.2),
                    ("LED torch, aluminium", 7.6),
                    ("Batten light 120 cm", 16.8),
                )
            ),
        ),
        _family(
            "Switches",
            "pcs",
            "2.0",
            (4, 25),
            (1, 1, 2),
            (
                (f"{name}, {colour}", cost)
                for (name, cost), colour in itertools.product(
                    (
                        ("Light switch", 2.4),
                        ("Two-way switch", 2.9),
                        ("Socket outlet", 2.6),
                        ("Dimmer", 11.5),
                        ("Double socket outlet", 4.8),
                        ("Flush box, pack of 10", 2.2),
                    ),
                    ("white", "cream", "anthracite"),
                )
            ),
        ),
        _family(
            "Batteries",
            "pack",
            "2.2",
            (8, 40),
            (1, 1, 2),
            (
                (f"{kind} batteries {size}, pack of {n}", base * n)
                for (kind, base), (size, n) in itertools.product(
                    (("Alkaline", 0.42), ("Lithium", 1.15)),
                    (("AA", 4), ("AAA", 4), ("9 V", 1), ("C", 2), ("D", 2)),
                )
            ),
        ),
        _family(
            "Seeds",
            "packet",
            "2.6",
            (10, 40),
            (1, 1, 2, 3),
            (
                (f"{plant} seeds, {kind}", cost)
                for plant, kind, cost in (
                    ("Tomato", "cherry", 0.9),
                    ("Tomato", "beefsteak", 0.9),
                    ("Carrot", "Nantes", 0.6),
                    ("Lettuce", "butterhead", 0.6),
                    ("Basil", "Genovese", 0.7),
                    ("Parsley", "flat leaf", 0.6),
                    ("Sunflower", "giant", 0.8),
                    ("Courgette", "green", 0.9),
                    ("Radish", "French breakfast", 0.5),
                    ("Pumpkin", "Hokkaido", 1.0),
                    ("Sweet pea", "mixed", 0.8),
                    ("Chives", "fine", 0.6),
                )
            ),
        ),
        _family(
            "Seeds",
            "box",
            "1.9",
            (4, 20),
            (1,),
            (
                (f"Lawn seed {kind}, {kg} kg", cost * kg)
                for (kind, cost), kg in itertools.product(
                    (("sports and play", 4.2), ("shade", 5.1), ("repair", 4.9)), (1, 2.5, 5)
                )
            ),
        ),
        _family(
            "Hoses",
            "pcs",
            "1.8",
            (2, 12),
            (1,),
            (
                (f"{name}", cost)
                for name, cost in (
                    ("Garden hose 1/2 in, 15 m", 11.0),
                    ("Garden hose 1/2 in, 25 m", 16.5),
                    ("Garden hose 3/4 in, 25 m", 24.0),
                    ("Hose connector 1/2 in", 1.2),
                    ("Hose connector 3/4 in", 1.5),
                    ("Tap connector 3/4 in", 1.6),
                    ("Spray nozzle, 7 patterns", 5.2),
                    ("Hose reel with 20 m hose", 32.0),
                    ("Lawn sprinkler", 7.8),
                    ("Watering can 10 l", 4.6),
                )
            ),
        ),
        _family(
            "Pots",
            "pcs",
            "2.2",
            (4, 24),
            (1, 1, 2),
            (
                (f"{kind} pot {size} cm", base * (size / 10) ** 2)
                for (kind, base), size in itertools.product(
                    (("Clay", 0.55), ("Glazed ceramic", 1.4), ("Plastic", 0.18)), (12, 16, 20, 25, 30, 40)
                )
            ),
        ),
        _family(
            "Interior",
            "tin",
            "1.6",
            (3, 18),
            (1, 1, 2),
            (
                (f"{kind} {colour}, {litres} l", base * litres)
                for (kind, base), colour, litres in itertools.product(
                    (("Wall paint matt", 3.1), ("Ceiling paint", 2.6), ("Satin enamel", 8.5)),
                    ("white", "off-white", "light grey", "sand"),
                    (1, 2.5, 5, 10),
                )
            ),
        ),
        _family(
            "Exterior",
            "tin",
            "1.6",
            (2, 12),
            (1,),
            (
                (f"{kind} {colour}, {litres} l", base * litres)
                for (kind, base), colour, litres in itertools.product(
                    (("Wood stain", 7.2), ("Masonry paint", 4.1), ("Fence paint", 3.6)),
                    ("oak", "walnut", "dark green", "white"),
                    (0.75, 2.5, 5),
                )
            ),
        ),
        _family(
            "Brushes",
            "pcs",
            "2.1",
            (4, 24),
            (1, 1, 2),
            (
                (f"{kind} {size} mm", base + size / 25)
                for (kind, base), size in itertools.product(
                    (("Flat paint brush", 0.6), ("Angled sash brush", 1.1), ("Radiator brush", 0.9)),
                    (25, 38, 50, 63, 75, 100),
                )
            ),
        ),
        _family(
            "Brushes",
            "pcs",
            "2.0",
            (3, 16),
            (1,),
            (
                (f"{name}", cost)
                for name, cost in (
                    ("Paint roller 180 mm with frame", 3.9),
                    ("Paint roller 250 mm with frame", 4.8),
                    ("Mini roller set 100 mm", 2.9),
                    ("Paint tray 250 mm", 1.5),
                    ("Extension pole 1-2 m", 6.9),
                )
            ),
        ),
        _family(
            "Tape",
            "roll",
            "2.2",
            (6, 40),
            (1, 1, 2, 3),
            (
                (f"{kind} {width} mm {mm} {length} m", base * width / 25 * length / 50)
                for (kind, base), width, length in itertools.product(
                    (
                        ("Masking tape", 1.3),
                        ("Painter's tape, UV resistant", 2.6),
                        ("Duct tape", 2.4),
                        ("Insulating tape", 0.9),
                    ),
                    (19, 25, 38, 50),
                    (25, 50),
                )
            ),
        ),
    ]


def products() -> list[Product]:
    """Every product once, the families interleaved so a small demo still shows every shelf."""
    lists = [family.products() for family in _families()]
    interleaved = itertools.chain.from_iterable(itertools.zip_longest(*lists))
    return [p for p in interleaved if p is not None]


def product(n: int, catalogue: list[Product]) -> Product:
    """The n-th product of a catalogue of any size: after the plain range come the house brands."""
    base = catalogue[n % len(catalogue)]
    round_ = n // len(catalogue)
    if round_ == 0:
        return base
    brand = (round_ - 1) % len(BRANDS)
    factor = Decimal(85 + 10 * (brand % 4)) / 100  # brands differ in price, as on a real shelf
    cost = (base.cost * factor).quantize(CENT)
    return Product(
        base.leaf,
        f"{BRANDS[brand]} {base.name}",
        base.unit,
        cost,
        shelf_price(base.sell * factor),
        base.opening,
        base.sale,
    )
