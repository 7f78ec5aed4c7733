"""Every module the code imports comes from a dependency pyproject.toml declares."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "vestnik"


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>~!; ]", requirement, maxsplit=1)[0]).lower()


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    from django.conf import settings

    # apps and middleware named by string are imports too
    for dotted in [*settings.INSTALLED_APPS, *settings.MIDDLEWARE]:
        found.add(dotted.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "vestnik"}


def test_every_imported_module_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    providers = packages_distributions()
    undeclared = {
        module: providers.get(module, ["(not installed)"])
        for module in sorted(_imported_modules())
        if not {_name(d) for d in providers.get(module, [])} & declared
    }
    assert not undeclared, f"imported but not declared in pyproject.toml: {undeclared}"


def test_the_html_cleaner_the_importers_need_is_declared_itself():
    """lxml moved lxml.html.clean into its own project; an old pip must still install it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "lxml-html-clean" in {_name(r) for r in project["dependencies"]}
    assert project["license"] == "AGPL-3.0-or-later"  # an SPDX string, not a table


def test_every_data_file_of_the_package_is_installed():
    """A file the code reads (templates, demo data ...) must be in the wheel, not only here."""
    from fnmatch import fnmatch

    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = tool["package-data"]["*"]
    left_out = []
    for path in SRC.rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        # package-data patterns are relative to the package (the folder with __init__.py)
        package = path.parent
        while not (package / "__init__.py").exists():
            package = package.parent
        relative = path.relative_to(package).as_posix()
        if not any(fnmatch(relative, p.replace("**/", "")) for p in patterns):
            left_out.append(str(path.relative_to(SRC)))
    assert not left_out, f"not in [tool.setuptools.package-data]: {left_out[:10]}"
