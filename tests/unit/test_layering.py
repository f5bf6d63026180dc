"""Architecture rules (DESIGN §3), checked by parsing every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "situation_board"
QT_ALLOWED = {"ui"}
QT_ALLOWED_FILES: set[str] = set()  # documents are written with ReportLab: reports/ has no Qt


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20
    return files


def test_only_ui_imports_qt() -> None:
    offenders = []
    for path in _modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in QT_ALLOWED or rel.as_posix() in QT_ALLOWED_FILES:
            continue
        if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path)):
            offenders.append(rel.as_posix())
    assert offenders == []


def test_domain_is_pure() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        roots = {name.split(".")[0] for name in _imports(path)}
        assert not roots & {"sqlalchemy", "alembic", "PySide6", "psycopg"}, path


def test_core_never_uses_session_query() -> None:
    for path in _modules():
        assert "session.query(" not in path.read_text(encoding="utf-8"), path


def test_every_module_has_a_docstring() -> None:
    missing = [
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_no_module_is_too_long() -> None:
    long = [
        (p.relative_to(PACKAGE).as_posix(), n)
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert long == []
