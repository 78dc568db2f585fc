"""The package's shape holds: packages by job, data flowing one way, no cycle.

docs/design.md draws the same picture. Every import of the project's own
modules counts, those made inside functions too (the code imports lazily to
start fast, and a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import sinokaz_cli

PACKAGE = Path(sinokaz_cli.__file__).resolve().parent

# What each part may import, besides itself. Lower parts never import higher
# ones: commands/ sits on everything; index/ on reading/ and search/; all of
# them on knowledge/; export/ beside render/; api on all of the core, and
# commands/ on api for what it exports; the leaf modules (errors, suggest, safe,
# messages) on nothing of the project's but each other.
LEAVES = {"errors", "suggest", "safe", "messages"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "suggest": set(),
    "safe": set(),
    "messages": {"safe"},
    "knowledge": {"errors", "suggest"},
    "search": {"knowledge"},
    "reading": {"knowledge"} | LEAVES,
    "index": {"knowledge", "reading", "search"} | LEAVES,
    "render": {"knowledge", "search"} | LEAVES,
    "authoring": {"knowledge", "reading"} | LEAVES,
    # Beside render/: the knowledge as tables for other tools, worded as render/ words it.
    "export": {"__init__", "knowledge", "render"} | LEAVES,
    # The Python API offers every answer a command gives: it sits on all the core.
    "api": {"knowledge", "reading", "index", "search", "render", "export", "authoring"} | LEAVES,
    "commands": {
        "__init__",
        "knowledge",
        "reading",
        "index",
        "search",
        "render",
        "authoring",
        "api",
    }
    | LEAVES,
    "cli": {"commands"},
    "__main__": {"cli"},
    "__init__": set(),
}
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, typing_too: bool = True) -> set[str]:
    """The project's modules that `path` imports, anywhere in it; with
    `typing_too` false, not those only a type checker imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if not typing_too:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and ast.unparse(node.test) in _TYPING:
                skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            if not node.module.startswith("sinokaz_cli"):
                continue
            base = node.module.removeprefix("sinokaz_cli").lstrip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}".lstrip(".")
                found.add(candidate if candidate in MODULES else base or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("sinokaz_cli."):
                    found.add(alias.name.removeprefix("sinokaz_cli."))
    return found


_TYPING = {"TYPE_CHECKING", "typing.TYPE_CHECKING"}
FILES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
MODULES = set(FILES)
GRAPH = {name: _imports(path) - {name} for name, path in FILES.items()}
# What runs: imports made only for the type checker cannot close a cycle.
RUNTIME = {name: _imports(path, typing_too=False) - {name} for name, path in FILES.items()}


def _part(module: str) -> str:
    return module.split(".")[0]


def test_every_part_imports_only_what_lies_below_it() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _part(target) != _part(module) and _part(target) not in ALLOWED[_part(module)]
    )
    assert wrong == []


def test_every_part_is_known() -> None:
    assert {_part(m) for m in MODULES} <= set(ALLOWED)


def test_no_import_cycle() -> None:
    """Module by module, counting lazy imports too (but not those made only for
    the type checker, which never run)."""
    graph = {m: {t for t in ts if t in MODULES} for m, ts in RUNTIME.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: n
        for name, path in FILES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_cycle_check_can_fail() -> None:
    """The walk above finds a cycle when there is one."""
    global RUNTIME
    saved = RUNTIME
    RUNTIME = {**saved, "knowledge.records": saved["knowledge.records"] | {"knowledge.base"}}
    try:
        try:
            test_no_import_cycle()
        except AssertionError:
            return
        raise AssertionError("a cycle records -> base -> records went unseen")
    finally:
        RUNTIME = saved
