"""No import circle anywhere in the package: not at module level, not through a lazy import inside a
function, not through a type-only import. A circle tied with a lazy import still means two modules
that cannot be understood (or tested, or moved) one without the other."""

import ast
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2] / "stockdesk"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every stockdesk module `path` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: the package uses absolute imports only"
            base = node.module or ""
            names = [*(f"{base}.{alias.name}" for alias in node.names), base]
        else:
            continue
        for name in names:
            # `from pkg import module` names a module; `from module import thing` names its module
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name.startswith("stockdesk"):
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = [p for p in PACKAGE_ROOT.rglob("*.py") if "migrations" not in p.parts]
    known = {module_name(p) for p in files}
    graph = {module_name(p): imported_modules(p, known) for p in files}
    # a package's __init__ is imported with each of its modules; it is not a circle of theirs
    return {
        name: {t for t in targets if t != name and not name.startswith(t + ".")}
        for name, targets in graph.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_finder_sees_a_circle_tied_with_a_lazy_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_no_module_of_the_package_imports_itself_back():
    assert circles(import_graph()) == []
