"""The hostile fixtures of issue 15 (tests/fixtures/hostile/) through the CI formats of issue 14:
every audited case gives GitHub annotations whose every line is one of our workflow commands,
JUnit XML that a strict parser reads, and GitLab JSON, with no raw control or bidi character."""
from __future__ import annotations

import json
import os
import re

import pytest
from lxml import etree

from audit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = os.path.join(ROOT, "tests", "fixtures", "hostile")
with open(os.path.join(HOSTILE, "manifest.json"), encoding="utf-8") as _fh:
    MANIFEST = json.load(_fh)
AUDITED = sorted(n for n, e in MANIFEST.items() if e["exit"] == 0)
_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.mark.parametrize("name", AUDITED)
def test_hostile_case_in_ci_formats(name, capsys, monkeypatch):
    monkeypatch.chdir(HOSTILE)
    inputs = MANIFEST[name].get("inputs", [name])
    for fmt in ("github", "junit", "gitlab"):
        assert main(["check", *inputs, "-s", "en", "-t", "de", "-F", fmt, "-q", "-j", "1"]) == 0, fmt
        out = capsys.readouterr().out
        assert not _RAW.search(out), (fmt, _RAW.search(out))
        if fmt == "github":
            assert "\r" not in out and out.endswith("\n")
            assert all(re.match(r"::(error|warning|notice)[ :]", ln) for ln in out.splitlines())
        elif fmt == "junit":
            root = etree.fromstring(out.encode("utf-8"))
            assert root.tag == "testsuites" and int(root.get("tests")) >= 1
        else:
            assert isinstance(json.loads(out), list)
