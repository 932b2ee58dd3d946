"""The layer rule of docs/architecture.md, checked on the source: calls go one way, front ends ->
services -> domain and db. Nothing imports a front end but the front end itself; services import no Qt,
no page layout and no camera; db imports no services; the domain imports nothing of the project's
layers and no SQLAlchemy."""

import ast
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "stockdesk"

QT = ("PySide6", "shiboken6", "stockdesk.ui")
FRONT_ENDS = (
    "stockdesk.ui",
    "stockdesk.cli",
    "stockdesk.api",
    "stockdesk.admin_cli",
    "stockdesk.planning_cli",
)
LAYER_RULES: dict[str, tuple[str, ...]] = {
    "domain": (
        *QT,
        "sqlalchemy",
        "stockdesk.db",
        "stockdesk.services",
        "stockdesk.sync",
        "stockdesk.reports",
        "stockdesk.scanner",
        *FRONT_ENDS,
    ),
    # Use cases know no front end, no page layout (a front end hands a writer in) and no camera.
    "services": (*QT, *FRONT_ENDS, "stockdesk.reports", "stockdesk.scanner"),
    # Tables, engine and migrations are below the use cases.
    "db": (
        *QT,
        *FRONT_ENDS,
        "stockdesk.services",
        "stockdesk.sync",
        "stockdesk.reports",
        "stockdesk.scanner",
    ),
    # The Qt-free translations serve the window, the HTTP API, reports and e-mail alike.
    "i18n": (*QT, "sqlalchemy", "stockdesk.db", "stockdesk.services"),
    # The window never builds SQL or opens sessions: it calls services.
    "ui": ("sqlalchemy", "stockdesk.db", "stockdesk.cli", "stockdesk.api"),
    # Commands call services (and reports, scanner, sync, like the window); Qt only via the window entry.
    "cli": ("sqlalchemy", "stockdesk.db", "PySide6", "shiboken6", "importlib"),
    "config": (*QT, "sqlalchemy", "stockdesk.db", "stockdesk.cli"),
    # The HTTP front end is held like the window: routers call services, never SQL or sessions.
    "api": (*QT, "sqlalchemy", "stockdesk.db", "stockdesk.ui", "stockdesk.cli"),
}
# The one way into the window from the command line, and only inside the function that needs it,
# so headless commands never load Qt.
WINDOW_ENTRY = "stockdesk.ui.app"
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
    module = PACKAGE_ROOT / f"{layer}.py"
    return [module] if module.exists() else sorted((PACKAGE_ROOT / layer).rglob("*.py"))


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


def ui_imports_outside_functions(source: str) -> list[str]:
    """`stockdesk.ui` imports at module level, or of anything but the window entry."""
    tree = ast.parse(source)
    inside = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(function)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                is_ui = name == "stockdesk.ui" or name.startswith("stockdesk.ui.")
                if is_ui and (id(node) not in inside or name != WINDOW_ENTRY):
                    found.append(f"line {node.lineno}: {name}")
    return found


def test_the_command_line_opens_the_window_only_lazily_through_its_entry():
    found = {
        path.name: ui_imports_outside_functions(path.read_text(encoding="utf-8"))
        for path in _layer_files("cli")
    }
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert any("stockdesk.ui.app" in path.read_text(encoding="utf-8") for path in _layer_files("cli"))


def test_the_window_check_catches_a_module_level_or_deep_ui_import():
    source = (
        "from stockdesk.ui.app import run_app\n"
        "def screenshot():\n"
        "    from stockdesk.ui.main_window import MainWindow\n"
        "def window():\n"
        "    from stockdesk.ui.app import run_app\n"
    )
    assert ui_imports_outside_functions(source) == [
        "line 1: stockdesk.ui.app",
        "line 3: stockdesk.ui.main_window",
    ]


def test_no_command_group_is_loaded_by_name():
    """`stockdesk/cli/main.py` lists its groups as plain imports a reader (and PyInstaller) can follow."""
    main = (PACKAGE_ROOT / "cli" / "main.py").read_text(encoding="utf-8")
    assert "import_module" not in main and "COMMAND_GROUPS" in main


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
    assert (
        forbidden_imports(services_source, "stockdesk.services.inventory.stock", LAYER_RULES["services"])
        == []
    )
    init_source = "from . import errors\n"
    assert forbidden_imports(init_source, "stockdesk.domain", LAYER_RULES["domain"], is_package=True) == []
