"""audit.core.lazyre: module-level patterns compiled on first use behave as the compiled patterns."""
from __future__ import annotations

import importlib
import pickle
import pkgutil
import re

import regex

import audit
from audit.core import lazyre


def test_same_results_as_compiled_regex():
    text = "Pump 1,250.5 l/h, pump 3 l/h; Ünïcödé Wörter"
    lazy, real = lazyre.compile(r"(?i)\bpump\b\s*(\d[\d,.]*)"), regex.compile(r"(?i)\bpump\b\s*(\d[\d,.]*)")
    assert [m.span(1) for m in lazy.finditer(text)] == [m.span(1) for m in real.finditer(text)] == [(5, 12), (23, 24)]
    assert lazy.sub("X", text) == real.sub("X", text)
    assert lazy.search(text).group(1) == "1,250.5"
    assert lazy.findall("nothing here") == []
    words = lazyre.compile(r"\p{L}+")
    assert words.findall(text)[-2:] == ["Ünïcödé", "Wörter"]


def test_re_variant_and_flags():
    lazy = lazyre.re_compile(r"^\s+", re.MULTILINE)
    assert [m.span() for m in lazy.finditer("a\n  b\n c")] == [(2, 4), (6, 7)]
    assert lazy.compiled.flags & re.MULTILINE
    assert isinstance(lazy.compiled, re.Pattern)


def test_not_compiled_until_used_and_pattern_available():
    lazy = lazyre.compile(r"[unclosed")  # would raise if compiled now
    assert lazy.pattern == "[unclosed"
    assert "_compiled" not in lazy.__dict__
    try:
        lazy.search("x")
    except regex.error:
        pass
    else:
        raise AssertionError("a broken pattern must raise on first use")


def test_pickle_round_trip_before_and_after_use():
    lazy = lazyre.compile(r"\d+", regex.IGNORECASE)
    again = pickle.loads(pickle.dumps(lazy))
    assert again.findall("a1b22") == ["1", "22"]
    lazy.search("1")
    again = pickle.loads(pickle.dumps(lazy))
    assert again.pattern == r"\d+" and again.findall("x333") == ["333"]


def _lazy_patterns():
    for info in pkgutil.walk_packages(audit.__path__, "audit."):
        if info.name.startswith(("audit.cli", "audit.__main__")):
            continue
        try:
            mod = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for name, value in vars(mod).items():
            if isinstance(value, lazyre.LazyPattern):
                yield f"{info.name}.{name}", value


def test_every_module_level_lazy_pattern_compiles():
    found = list(_lazy_patterns())
    assert len(found) > 150
    for name, pat in found:
        try:
            assert pat.compiled.pattern == pat.pattern
        except (re.error, regex.error) as exc:
            raise AssertionError(f"{name}: {exc}") from exc
