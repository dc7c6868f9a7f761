"""audit/ must never import Textual (or Rich for UI): the engine runs without a terminal."""
import pkgutil
import subprocess
import sys

import audit


def test_audit_imports_no_textual():
    names = sorted(m.name for m in pkgutil.walk_packages(audit.__path__, "audit.") if not m.name.endswith("__main__"))
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "from audit.checks.registry import load_all; load_all()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.') or m == 'tui' or m.startswith('tui.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
