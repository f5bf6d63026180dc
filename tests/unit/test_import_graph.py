"""The import graph of ``situation_board`` (DESIGN §3), built from the source.

Every ``import`` — at module level, inside functions and under ``TYPE_CHECKING`` — is an edge.
The graph must have no cycle, and no edge may go against the layer order

    main → faces (ui, cli) → app → services → reports / sync → store → palette → domain → i18n
    → resources

nor sideways between the faces or between reports and sync. A function-level import must say
why it is not at the top (``# noqa: PLC0415 - <reason>``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "situation_board"
ROOT = "situation_board"

# rank of each top-level part; an import must go to a lower rank or stay inside its own part
RANK = {
    "": 0,  # the package's __init__ (version, app name)
    "resources": 0,
    "i18n": 1,
    "domain": 2,
    "palette": 3,
    "store": 4,
    "reports": 5,
    "sync": 5,
    "services": 6,
    "app": 7,
    "cli": 8,
    "ui": 8,
    "main": 9,
    "__main__": 10,
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of ``path``."""
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, in_function
            elif isinstance(child, ast.ImportFrom):
                target = _resolve(module, is_package, child)
                yield target, child.lineno, in_function
                for alias in child.names:  # "from pkg import module" imports the module
                    yield f"{target}.{alias.name}", child.lineno, in_function
            yield from walk(child, inside)

    yield from walk(tree, False)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _line, _inner in _imports(path):
            if target in modules and target != name:
                graph[name].add(target)
    return graph


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_imports_follow_the_layer_order() -> None:
    offenders = []
    for name, targets in _graph().items():
        here = _part(name)
        for target in targets:
            there = _part(target)
            if there == here:
                continue
            if RANK[there] >= RANK[here]:
                offenders.append(f"{name} -> {target}")
    assert offenders == []


def test_every_part_has_a_rank() -> None:
    assert {_part(name) for name in _modules()} <= set(RANK)


def test_function_level_imports_say_why() -> None:
    silent = []
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for _target, line, inner in _imports(path):
            if not inner:
                continue
            text = lines[line - 1]
            if "noqa: PLC0415 - " not in text and "noqa: PLC0415 -" not in lines[line - 1]:
                # a parenthesised import carries its reason on its first line
                silent.append(f"{name}:{line}")
    assert sorted(set(silent)) == []


def test_the_graph_sees_function_level_imports() -> None:
    """The test itself: a function-level import is an edge (it would hide a cycle otherwise)."""
    edges = _graph()["situation_board.main"]
    assert "situation_board.ui.launch" in edges
