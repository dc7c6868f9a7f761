"""The hostile cases of issue 15 (tests/fixtures/hostile/, made by scripts/build_hostile.py) through
the command line: each is refused with one line naming the file and what is wrong (exit 2), or
audited with nothing raw reaching any report, and the input is never changed."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re

import pytest

from audit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = os.path.join(ROOT, "tests", "fixtures", "hostile")
MANIFEST = json.load(open(os.path.join(HOSTILE, "manifest.json"), encoding="utf-8"))
FORMATS = ("text", "json", "jsonl", "csv", "html", "sarif", "xliff")
# what a terminal acts on or hides: C0 and C1 controls (tab, newline, CR aside); in the text report
# also bidi overrides and tag characters
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_RAW_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_hostile", os.path.join(ROOT, "scripts", "build_hostile.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_fixtures_are_what_the_script_makes():
    built = {name: data for name, data, _ in _build_module().cases()}
    assert set(built) == set(MANIFEST)
    for name, data in built.items():
        kept = open(os.path.join(HOSTILE, name), "rb").read()
        if name.endswith(".docx"):  # compressed bytes differ between zlib builds: compare what they hold
            kept, data = _members(kept), _members(data)
        assert kept == data, f"{name}: run scripts/build_hostile.py"


def _members(data: bytes) -> dict:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_hostile_case(name, capsys, monkeypatch):
    expect = MANIFEST[name]
    monkeypatch.chdir(HOSTILE)
    inputs = expect.get("inputs", [name])
    before = _digest(name)
    formats = FORMATS if expect["exit"] == 0 else ("text",)
    for fmt in formats:
        code = main(["check", *inputs, "-s", "en", "-t", "de", "-F", fmt])
        out, err = capsys.readouterr()
        assert code == expect["exit"], (fmt, err)
        if code == 2:
            lines = err.strip().splitlines()
            assert len(lines) == 1 and name in lines[0] and "Traceback" not in err
            assert re.search(expect["error"], lines[0], re.IGNORECASE), lines[0]
            assert out == ""
            continue
        assert not _RAW_CONTROL.search(out), (fmt, _RAW_CONTROL.search(out))
        assert not _RAW_CONTROL.search(err), fmt
        if fmt == "text":
            assert not _RAW_HIDDEN.search(out), fmt
        if expect.get("absent"):
            assert expect["absent"] not in out
    assert _digest(name) == before
