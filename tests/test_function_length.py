"""Function length, enforced: no function or method under ``audit/`` or ``tui/`` is longer than
``LIMIT`` lines (from its ``def`` to its last line, nested functions included), except those in
``ALLOWED``, a list that only shrinks: a function that gets long fails here, and one that is
broken up should leave the list."""
from __future__ import annotations

import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMIT = 80

# "path:qualified name" of the functions still over LIMIT lines; remove an entry when its function
# is broken up, never add one
ALLOWED: set[str] = set()


def long_functions(source: str, limit: int = LIMIT) -> list[tuple[str, int]]:
    """(qualified name, lines) of the functions and methods in ``source`` longer than ``limit``."""
    out: list[tuple[str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    lines = child.end_lineno - child.lineno + 1
                    if lines > limit:
                        out.append((name, lines))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return out


def _tree_long_functions() -> dict[str, int]:
    found = {}
    for top in ("audit", "tui"):
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
                    with open(path, encoding="utf-8") as fh:
                        for qual, lines in long_functions(fh.read()):
                            found[f"{rel}:{qual}"] = lines
    return found


def test_no_new_function_over_the_limit():
    found = _tree_long_functions()
    new = {k: v for k, v in found.items() if k not in ALLOWED}
    assert not new, f"functions over {LIMIT} lines (break them up): {new}"


def test_finder_counts_functions_methods_and_nested_ones():
    body = "\n".join("    x = %d" % k for k in range(79))
    short = f"def short():\n{body}\n"  # 80 lines: allowed
    long = f"def long():\n{body}\n    return x\n"  # 81 lines
    method = "class A:\n    def m(self):\n" + "\n".join("        y = %d" % k for k in range(80)) + "\n"
    nested = "def outer():\n    def inner():\n" + "\n".join("        z = %d" % k for k in range(80)) + "\n"
    assert long_functions(short) == []
    assert long_functions(long) == [("long", 81)]
    assert long_functions(method) == [("A.m", 81)]
    assert long_functions(nested) == [("outer", 82), ("outer.inner", 81)]
