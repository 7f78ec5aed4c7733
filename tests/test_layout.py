"""The apps depend on each other in one direction: no import cycles, content imports no app."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "vestnik"
APPS = sorted(p.name for p in SRC.iterdir() if (p / "apps.py").exists())


def _imports() -> dict[str, set[str]]:
    """app -> the other apps its modules import (at the top or inside functions)."""
    graph: dict[str, set[str]] = {app: set() for app in APPS}
    for app in APPS:
        for path in (SRC / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    parts = name.split(".")
                    if parts[0] == "vestnik" and len(parts) > 1 and parts[1] in APPS:
                        if parts[1] != app:
                            graph[app].add(parts[1])
    return graph


def test_content_imports_no_other_app():
    assert _imports()["content"] == set()


def test_no_import_cycles_between_apps():
    graph = _imports()
    cycles = []

    def visit(app: str, path: list[str]) -> None:
        for other in sorted(graph[app]):
            if other in path:
                cycles.append(" → ".join([*path[path.index(other) :], other]))
            elif len(path) < len(APPS):
                visit(other, [*path, other])

    for app in APPS:
        visit(app, [app])
    assert not cycles, sorted(set(cycles))[:10]
