"""House rules a linter does not check: public names are documented, imports inside functions say why."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qgraph"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _public(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node.name, node
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_"):
                        yield f"{node.name}.{sub.name}", sub


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(PACKAGE)) for m in MODULES])
def test_style_public_names_have_docstrings(module: Path):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), "module docstring"
    assert [name for name, node in _public(tree) if not ast.get_docstring(node)] == []


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(PACKAGE)) for m in MODULES])
def test_style_imports_in_functions_say_why(module: Path):
    """An import inside a function is kept only for start-up time, and says so; never to hide a cycle."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    lines = module.read_text(encoding="utf-8").splitlines()
    silent = []
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and not re.search(r"#\s*lazy", lines[node.lineno - 1]):
                    silent.append(node.lineno)
    assert silent == []
