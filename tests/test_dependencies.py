"""Dependency bounds that are tested: every third-party module imported under ``audit/`` and
``tui/`` (at any depth) is declared in pyproject.toml, nothing declared goes unused, and every
declared runtime dependency that is installed satisfies its bound. ``scripts/check_lower_bounds.sh``
runs the tests with every runtime dependency at its lower bound."""
from __future__ import annotations

import ast
import os
import re
import sys
from importlib import metadata

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(ROOT, "pyproject.toml"), "rb") as _fh:
    PROJECT = tomllib.load(_fh)["project"]

# import name -> distribution, where the two differ
DISTRIBUTION = {"docx": "python-docx", "markdown_it": "markdown-it-py", "translate": "translate-toolkit",
                "yaml": "PyYAML"}
# declared but never imported by name: used through another package
INDIRECT = {"pystemmer": "snowballstemmer's fast C backend (snowballstemmer.stemmer uses it when installed)"}
OWN = {"audit", "tui"}

_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(?:>=\s*([^,;\s]+))?")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _parse(req: str) -> tuple[str, str | None, str]:
    spec, _, marker = req.partition(";")
    m = _REQ.match(spec)
    assert m, f"cannot read the requirement {req!r}"
    return _norm(m.group(1)), m.group(2), marker.strip()


RUNTIME = {name: (low, marker) for name, low, marker in map(_parse, PROJECT["dependencies"])}
OPTIONAL = {_parse(r)[0] for reqs in PROJECT["optional-dependencies"].values() for r in reqs}


def _third_party_imports() -> dict[str, str]:
    """top-level module -> the first file that imports it, for audit/ and tui/."""
    out: dict[str, str] = {}
    for top in ("audit", "tui"):
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as fh:
                    tree = ast.parse(fh.read())
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        names = [a.name for a in node.names]
                    elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                        names = [node.module]
                    else:
                        continue
                    for n in names:
                        mod = n.split(".")[0]
                        if mod not in sys.stdlib_module_names and mod not in OWN:
                            out.setdefault(mod, os.path.relpath(path, ROOT))
    return out


IMPORTS = _third_party_imports()


def _distribution(module: str) -> str:
    return _norm(DISTRIBUTION.get(module, module))


def test_every_imported_module_is_declared():
    missing = [f"{mod} (distribution {_distribution(mod)}, imported in {path})"
               for mod, path in sorted(IMPORTS.items())
               if _distribution(mod) not in RUNTIME and _distribution(mod) not in OPTIONAL]
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_every_runtime_dependency_is_used():
    used = {_distribution(m) for m in IMPORTS}
    unused = sorted(d for d in RUNTIME if d not in used and d not in INDIRECT)
    assert not unused, f"declared in pyproject.toml but imported nowhere in audit/ or tui/: {unused}"


def test_every_runtime_dependency_has_a_lower_bound():
    assert all(low for low, _ in RUNTIME.values()), RUNTIME


def _version_tuple(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.+-]", v) if p)


@pytest.mark.parametrize("dist", sorted(RUNTIME))
def test_installed_version_satisfies_its_bound(dist):
    low, marker = RUNTIME[dist]
    if marker:
        from packaging.markers import Marker

        if not Marker(marker).evaluate():
            pytest.skip(f"{dist}: not for this Python ({marker})")
    installed = metadata.version(dist)
    try:
        from packaging.version import Version

        ok = Version(installed) >= Version(low)
    except ImportError:  # pragma: no cover
        ok = _version_tuple(installed) >= _version_tuple(low)
    assert ok, f"{dist} {installed} is installed, pyproject.toml asks for >= {low}"
