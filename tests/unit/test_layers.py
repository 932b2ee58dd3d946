"""The layer rule from DESIGN.md, checked on the source: domain and services never import Qt or the UI,
and the domain imports neither SQLAlchemy nor the layers above it."""

import ast
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "stockdesk"

QT = ("PySide6", "shiboken6", "stockdesk.ui")
LAYER_RULES: dict[str, tuple[str, ...]] = {
    "domain": (*QT, "sqlalchemy", "stockdesk.db", "stockdesk.services"),
    "services": QT,
    # The window never builds SQL or opens sessions: it calls services.
    "ui": ("sqlalchemy", "stockdesk.db"),
    # The HTTP front end is held like the window: routers call services, never SQL or sessions.
    "api": (*QT, "sqlalchemy", "stockdesk.db"),
}
DYNAMIC_IMPORTERS = {"import_module", "__import__"}


def _package_of(module_name: str, is_package: bool) -> str:
    return module_name if is_package else module_name.rpartition(".")[0]


def _resolve(node: ast.ImportFrom, package: str) -> str:
    """Absolute module name of a `from ... import` (relative imports resolved against `package`)."""
    if node.level == 0:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imported_modules(tree: ast.AST, package: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(node, package)
            found.append((node.lineno, module))
            # `from stockdesk import ui` imports stockdesk.ui as surely as `import stockdesk.ui`.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in DYNAMIC_IMPORTERS and isinstance(node.args[0].value, str):
                found.append((node.lineno, node.args[0].value))
    return found


def forbidden_imports(
    source: str, module_name: str, forbidden: tuple[str, ...], *, is_package: bool = False
) -> list[str]:
    """Lines of `source` (the module `module_name`) that import any of `forbidden` or a submodule of it."""
    tree = ast.parse(source)
    package = _package_of(module_name, is_package)
    return [
        f"{module_name}:{line} imports {imported}"
        for line, imported in _imported_modules(tree, package)
        if any(imported == bad or imported.startswith(bad + ".") for bad in forbidden)
    ]


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_ROOT.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE_ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(LAYER_RULES))
def test_each_checked_layer_has_source_files_to_check(layer):
    assert _layer_files(layer), f"no Python files under stockdesk/{layer}: the layer test checks nothing"


@pytest.mark.parametrize("layer", sorted(LAYER_RULES))
def test_layer_imports_nothing_it_must_not(layer):
    violations: list[str] = []
    for path in _layer_files(layer):
        violations += forbidden_imports(
            path.read_text(encoding="utf-8"),
            _module_name(path),
            LAYER_RULES[layer],
            is_package=path.name == "__init__.py",
        )
    assert violations == []


def test_the_check_catches_a_qt_import_in_the_domain():
    source = "from decimal import Decimal\nfrom PySide6.QtCore import QObject\n"
    assert forbidden_imports(source, "stockdesk.domain.money", LAYER_RULES["domain"]) == [
        "stockdesk.domain.money:2 imports PySide6.QtCore",
        "stockdesk.domain.money:2 imports PySide6.QtCore.QObject",
    ]


def test_the_check_catches_plain_aliased_and_lazy_imports():
    source = (
        "import sqlalchemy as sa\n"
        "def later():\n"
        "    import shiboken6\n"
        "    return importlib.import_module('stockdesk.ui.main_window')\n"
    )
    found = forbidden_imports(source, "stockdesk.domain.reorder", LAYER_RULES["domain"])
    imported = [line.split(" imports ")[1] for line in found]
    assert imported == ["sqlalchemy", "shiboken6", "stockdesk.ui.main_window"]


def test_the_check_resolves_relative_imports_to_the_layer_above():
    source = "from ..ui.models import ItemTableModel\nfrom .. import db\nfrom .errors import NotFound\n"
    found = forbidden_imports(source, "stockdesk.domain.gtin", LAYER_RULES["domain"])
    assert found == [
        "stockdesk.domain.gtin:1 imports stockdesk.ui.models",
        "stockdesk.domain.gtin:1 imports stockdesk.ui.models.ItemTableModel",
        "stockdesk.domain.gtin:2 imports stockdesk.db",
    ]


def test_the_check_accepts_what_a_layer_may_import():
    services_source = (
        "from sqlalchemy import select\n"
        "from stockdesk.domain.errors import NotFound\n"
        "import PySide6_helpers_not_qt\n"  # a prefix match on the name alone would wrongly flag this
    )
    assert forbidden_imports(services_source, "stockdesk.services.stock", LAYER_RULES["services"]) == []
    init_source = "from . import errors\n"
    assert forbidden_imports(init_source, "stockdesk.domain", LAYER_RULES["domain"], is_package=True) == []
