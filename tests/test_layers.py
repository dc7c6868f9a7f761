"""The package's layers, enforced: every import in ``audit/`` (module level or inside a function)
points to the same layer or a lower one, no two modules import each other in a cycle, and nothing
under ``audit/`` imports Textual, Rich or the review app at any depth.

The layers, lowest first (the README's architecture section shows the same list):
"""
from __future__ import annotations

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LAYERS = ["core", "lang", "align", "inputs", "scores", "checks", "store", "pipeline", "outputs", "cli"]
# The facade ``audit/__init__.py`` (the public API) is the top library layer, above the outputs and
# below the CLI; ``__main__`` is the CLI.
TOP = {"audit": LAYERS.index("outputs") + 0.5, "audit.__main__": LAYERS.index("cli")}
UI_PACKAGES = ("textual", "rich", "tui")


def _modules() -> dict[str, str]:
    """module name -> file path, for every module under audit/."""
    out = {}
    for folder, _, files in os.walk(os.path.join(ROOT, "audit")):
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(module: str, path: str) -> list[tuple[str, int]]:
    """Every module imported by ``module`` (absolute names, relative imports resolved), with line."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    is_pkg = path.endswith("__init__.py")
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_pkg else base[:-1]
                base = base[:len(base) - (node.level - 1)]
                full = ".".join(base + ([node.module] if node.module else []))
            else:
                full = node.module or ""
            for a in node.names:  # ``from audit.lang import numbers`` imports the submodule
                sub = f"{full}.{a.name}"
                out.append((sub if sub in MODULES else full, node.lineno))
    return out


def layer(module: str) -> float:
    if module in TOP:
        return TOP[module]
    return LAYERS.index(module.split(".")[1])


def test_every_module_is_in_a_layer():
    for module in MODULES:
        if module not in TOP:
            assert module.split(".")[1] in LAYERS, f"{module} is in no layer of {LAYERS}"


def test_imports_point_down():
    bad = []
    for module, path in sorted(MODULES.items()):
        for target, line in _imports(module, path):
            if target != "audit" and not target.startswith("audit."):
                continue
            if target == "audit" and module != "audit":
                bad.append(f"{path}:{line}: {module} imports the facade 'audit' (import the module itself)")
                continue
            if target in MODULES and layer(target) > layer(module):
                bad.append(f"{os.path.relpath(path, ROOT)}:{line}: {module} (layer {layer(module)}) imports "
                           f"{target} (layer {layer(target)})")
    assert not bad, "\n".join(bad)


def test_no_ui_imports_at_any_depth():
    bad = []
    for module, path in sorted(MODULES.items()):
        for target, line in _imports(module, path):
            if target.split(".")[0] in UI_PACKAGES:
                bad.append(f"{os.path.relpath(path, ROOT)}:{line}: {module} imports {target}")
    # the review command starts the app: the one place the engine hands over to tui, by name
    bad = [b for b in bad if "audit.cli.review imports tui" not in b]
    assert not bad, "\n".join(bad)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for target, _ in _imports(module, path):
            if target in MODULES and target != module:
                graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    graph = _graph()
    # a package's __init__ that re-exports or dispatches to its own modules is not a cycle between layers
    for module in list(graph):
        graph[module] = {t for t in graph[module] if not (t == module.rsplit(".", 1)[0] and module in MODULES)}
    assert _cycles(graph) == []


@pytest.mark.parametrize("rule", ["down", "cycle"])
def test_the_contract_catches_violations(rule, tmp_path):
    """The checks above can fail: a lower module importing an upper one, and a cycle, are found."""
    graph = {"audit.core.model": {"audit.pipeline.engine"}, "audit.pipeline.engine": {"audit.core.model"}}
    if rule == "cycle":
        assert _cycles(graph) == [["audit.core.model", "audit.pipeline.engine"]]
    else:
        assert layer("audit.core.model") < layer("audit.pipeline.engine")
