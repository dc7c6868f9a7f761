"""Long segments (issue 15): work that grew with the square of one segment's size is indexed now.

Each test holds the indexed version to the direct one it replaced (same fingerprints, same numbers
regrouped, same substring answers, same flags) and, where it can, to a bounded amount of work (how
often a text is normalised or hashed). Timings are printed by bench/bench_long_segments.py, not
asserted here.
"""
from __future__ import annotations

import hashlib
import random
from collections import defaultdict

import pytest

from audit import Pair, audit_pairs
from audit.checks.families import numbers as numbers_mod
from audit.core import model
from audit.core import text as text_mod
from audit.core.config import Config
from audit.core.model import Span, fingerprint, normalize_for_fingerprint
from audit.core.text import substring_test
from audit.lang.numbers.parser import Num


def _direct_fingerprint(code: str, pair: Pair, spans) -> str:
    h = hashlib.blake2b(digest_size=10)
    h.update(code.encode())
    h.update(b"\x00" + normalize_for_fingerprint(pair.source).encode())
    h.update(b"\x00" + normalize_for_fingerprint(pair.target or "").encode())
    for sp in spans:
        h.update(b"\x00" + sp.side.encode() + b"\x01" + pair.text(sp.side)[sp.start:sp.end].encode())
    return h.hexdigest()


def _tag_pair(n: int) -> Pair:
    return Pair("1", "".join(f"<i>x{i}</i>" for i in range(n)), "".join(f"<b>x{i}</b>" for i in range(n)),
                source_lang="en", target_lang="de")


# --- fingerprints: the texts normalised once a pair, hashed once a check code -----------------

def test_fingerprint_with_cache_is_the_direct_hash():
    pair = Pair("7", "Press  <b>Save</b>\u00a0now.", "Drücken Sie <i>Speichern</i>.", source_lang="en", target_lang="de")
    norm: list = []
    cases = [("MRK001", (Span("target", 12, 15),)), ("MRK001", (Span("source", 6, 9), Span("target", 12, 15))),
             ("PUN001", ()), ("MRK001", (Span("target", 0, 7),)), ("PUN001", (Span("source", 0, 5),))]
    for code, spans in cases:
        want = _direct_fingerprint(code, pair, spans)
        assert fingerprint(code, pair, spans, norm) == want
        assert fingerprint(code, pair, spans) == want
    assert len({fingerprint(c, pair, s, norm) for c, s in cases}) == len(cases)


def test_fingerprint_normalises_once_a_pair_and_hashes_texts_once_a_code(monkeypatch):
    pair = _tag_pair(50)
    calls = {"normalise": 0, "hashers": 0}
    real_norm, real_blake = model.normalize_for_fingerprint, hashlib.blake2b

    def counting_norm(t):
        calls["normalise"] += 1
        return real_norm(t)

    class CountingHashlib:
        @staticmethod
        def blake2b(**kw):
            calls["hashers"] += 1
            return real_blake(**kw)

    monkeypatch.setattr(model, "normalize_for_fingerprint", counting_norm)
    monkeypatch.setattr(model, "hashlib", CountingHashlib)
    norm: list = []
    got = [fingerprint(code, pair, (Span("target", 12 * i, 12 * i + 3),), norm)
           for i in range(50) for code in ("MRK001", "MRK002", "MRK003")]
    assert calls == {"normalise": 2, "hashers": 3}  # not 150 of each
    monkeypatch.undo()
    assert got == [_direct_fingerprint(code, pair, (Span("target", 12 * i, 12 * i + 3),))
                   for i in range(50) for code in ("MRK001", "MRK002", "MRK003")]


def test_many_tag_flags_on_one_segment_get_the_direct_fingerprints():
    pair = _tag_pair(2000)
    res = audit_pairs([pair], jobs=1)
    tags = [f for f in res.flags if f.code.startswith("MRK")]
    assert len(tags) >= 2000  # every <b> is an unknown tag against the source's <i>
    for f in tags:
        assert f.fingerprint == _direct_fingerprint(f.code, pair, f.spans)
        for sp in f.spans:
            assert pair.text(sp.side)[sp.start:sp.end].startswith(("<", "</"))
    # a fingerprint names the code and the flagged text, not where it is: one per distinct pair of those
    kinds = {(f.code, tuple(pair.text(sp.side)[sp.start:sp.end] for sp in f.spans)) for f in tags}
    assert len({f.fingerprint for f in tags}) == len(kinds)


# --- NUM: regrouped digit runs --------------------------------------------------------------

def _regroup_direct(whole, parts, parts_text):
    """The regrouping as it was before the index (every candidate run scanned, lists rebuilt)."""
    def index(ordered):
        dig = [numbers_mod._digits(n) for n in ordered]
        by_prefix = defaultdict(list)
        for i, d in enumerate(dig):
            if len(d) >= 2:
                by_prefix[d[:2]].append(i)
        return dig, by_prefix

    ordered = sorted(parts, key=lambda n: n.start)
    dig, by_prefix = index(ordered)
    for w in list(whole):
        digits = numbers_mod._digits(w)
        if len(digits) < 4 or not digits.isascii() or len(digits) > numbers_mod._REGROUP_MAX_DIGITS:
            continue
        for i in by_prefix.get(digits[:2], ()):
            if not digits.startswith(dig[i]):
                continue
            run, acc, last = [ordered[i]], dig[i], i
            for j in range(i + 1, len(ordered)):
                if (len(acc) >= len(digits) or len(dig[j]) < 2
                        or not numbers_mod._GROUP_GAP.fullmatch(parts_text[ordered[last].end:ordered[j].start])):
                    break
                run.append(ordered[j])
                acc += dig[j]
                last = j
            if len(run) >= 2 and acc == digits:
                whole.remove(w)
                for n in run:
                    parts.remove(n)
                ordered = [n for n in ordered if n not in run]
                dig, by_prefix = index(ordered)
                break


def _num(start: int, digits: str) -> Num:
    return Num(start, start + len(digits), digits, float(digits), frozenset({float(digits)}), num_end=start + len(digits))


def _numbers_in(text: str) -> list[Num]:
    import re
    return [_num(m.start(), m.group()) for m in re.finditer(r"\d+", text)]


def _random_case(rng: random.Random):
    pieces, text = [], ""
    for _ in range(rng.randint(2, 40)):
        d = "".join(rng.choice("1234") for _ in range(rng.choice((1, 2, 2, 2, 3))))
        text += d + rng.choice((" ", " ", " ", "\u00a0", "  ", ", ", "-"))
        pieces.append(d)
    parts = _numbers_in(text)
    whole = []
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(pieces))
        digits = "".join(pieces[i:i + rng.randint(1, 4)])
        if rng.random() < 0.2:
            digits = digits[:-1] + rng.choice("1234")
        whole.append(_num(10_000 + 10 * len(whole), digits or "11"))
    return whole, parts, text


def test_regroup_gives_what_the_direct_scan_gave():
    rng = random.Random(15)
    for _ in range(600):
        whole, parts, text = _random_case(rng)
        a_whole, a_parts, b_whole, b_parts = list(whole), list(parts), list(whole), list(parts)
        numbers_mod._regroup(a_whole, a_parts, text)
        _regroup_direct(b_whole, b_parts, text)
        assert (a_whole, a_parts) == (b_whole, b_parts), text


def test_regroup_examples():
    text = "031/43 36 11 und 43 36 12"
    parts = _numbers_in(text)
    whole = [_num(100, "433612"), _num(110, "433611"), _num(120, "4336")]
    numbers_mod._regroup(whole, parts, text)
    # each figure takes its own run; 4336 finds no run left (both were taken)
    assert [w.text for w in whole] == ["4336"]
    assert [p.text for p in parts] == ["031"]


def test_regroup_needs_single_gaps_and_two_digit_parts():
    text = "43  36 11 / 43 3 611"
    parts = _numbers_in(text)
    whole = [_num(100, "433611")]
    numbers_mod._regroup(whole, parts, text)
    assert [w.text for w in whole] == ["433611"] and len(parts) == 6


def test_regroup_leaves_figures_longer_than_the_limit():
    n = numbers_mod._REGROUP_MAX_DIGITS
    text = " ".join(["12"] * (n // 2 + 1))
    parts = _numbers_in(text)
    whole = [_num(1000, "12" * (n // 2 + 1)), _num(2000, "12" * (n // 2))]
    numbers_mod._regroup(whole, parts, text)
    assert [len(w.text) for w in whole] == [n + 2]  # the 64-digit one is regrouped, the 66-digit one is not
    assert len(parts) == 1


def test_thousands_of_regrouped_numbers_flag_nothing():
    rng = random.Random(7)
    figs = [f"{rng.randint(10, 99)}{rng.randint(10, 99)}{rng.randint(10, 99)}" for _ in range(2000)]
    src = " ; ".join(f"Tel. {f}" for f in figs)
    tgt = " ; ".join(f"Tel. {f[:2]} {f[2:4]} {f[4:]}" for f in figs)
    res = audit_pairs([Pair("1", src, tgt, source_lang="en", target_lang="de")], Config(select=("NUM",)), jobs=1)
    assert [f for f in res.flags if f.code in ("NUM001", "NUM002")] == []
    one = audit_pairs([Pair("1", src, tgt.replace(f"{figs[5][:2]} {figs[5][2:4]} {figs[5][4:]}", "99 99 99", 1),
                            source_lang="en", target_lang="de")], Config(select=("NUM",)), jobs=1)
    assert any(f.code.startswith("NUM") for f in one.flags)


# --- ENT: words looked for in a long other side ----------------------------------------------

def test_substring_test_is_in():
    rng = random.Random(3)
    alphabet = "AaBbEeÉéLlMmNnOo\u0301 ,.-'ไทย中文Ωω"
    long = "".join(rng.choice(alphabet) for _ in range(20_000))
    long += " " + "".join(rng.choice("abe\u0301") for _ in range(300)) + " Xyz"  # a lower-case run past _SUFFIXED_RUN
    idx = substring_test(long)
    assert not isinstance(idx, str)
    words = {long[i:i + rng.randint(1, 6)] for i in rng.sample(range(len(long) - 6), 3000)}
    words |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(3000)}
    words |= {"Merkel", "Élan", "É\u0301m", "A", "Ab", "", "Xyz", "xyz", "yz", long[-60:-10], long[-200:-150]}
    for w in sorted(words):
        assert (w in idx) == (w in long), repr(w)
        assert (w in idx) == (w in long), repr(w)  # remembered: the same answer again
    short = "Angela Merkel"
    assert substring_test(short) is short


_CITIES = ["Quetta", "Peshawar", "Multan", "Sukkur", "Gwadar", "Turbat", "Chitral", "Mardan", "Sialkot"]


def _names_pair(repeat: int) -> Pair:
    """A long English-Spanish pair: a train leaves a city (each city once); every third city is
    left out of the target (ENT003), the rest stand in it verbatim."""
    src = "The train left on Tuesday. " * repeat + " ".join(f"The train left {c} on Tuesday." for c in _CITIES)
    tgt = "El tren salió el martes. " * repeat + " ".join(
        "El tren salió el martes." if i % 3 == 0 else f"El tren salió de {c} el martes." for i, c in enumerate(_CITIES))
    return Pair("1", src, tgt, source_lang="en", target_lang="es")


def test_entity_flags_are_the_same_with_and_without_the_index(monkeypatch):
    pair = _names_pair(200)
    assert len(pair.target) > text_mod._INDEX_FROM
    with_index = audit_pairs([pair], Config(select=("ENT",)), jobs=1).flags
    monkeypatch.setattr(text_mod, "_INDEX_FROM", 10 ** 12)
    without = audit_pairs([pair], Config(select=("ENT",)), jobs=1).flags
    assert with_index == without
    missing = [pair.source[f.spans[0].start:f.spans[0].end] for f in with_index if f.code == "ENT003"]
    assert missing == _CITIES[::3]  # the names of the source missing in the target, and only those


@pytest.mark.parametrize(("sl", "tl", "tgt"), [("en", "th", "สวัสดีครับ"), ("en", "zh", "今天天气很好我们去公园"),
                                              ("en", "ru", "Привет всем ")])
def test_long_unspaced_target_against_a_repeated_english_name(sl, tl, tgt):
    pair = Pair("1", "Hello Johnson. " * 400, tgt * 600, source_lang=sl, target_lang=tl)
    flags = audit_pairs([pair], jobs=1).flags
    for f in flags:
        for sp in f.spans:
            assert 0 <= sp.start <= sp.end <= len(pair.text(sp.side))
    short = audit_pairs([Pair("1", "Hello Johnson.", tgt, source_lang=sl, target_lang=tl)], Config(select=("ENT",)), jobs=1).flags
    long_ent = [f.code for f in flags if f.code.startswith("ENT")]
    assert sorted(set(long_ent)) == sorted({f.code for f in short})


def _made_up_names(count: int, offset: int) -> list[str]:
    return ["".join(chr(97 + ((i + offset) // 26 ** k) % 26) for k in range(5)).capitalize() for i in range(count)]


def test_fuzzy_name_comparisons_stay_within_the_budget(monkeypatch):
    from audit.checks.families import entities
    calls = {"similar": 0, "loose": 0}
    real_sim, real_loose = entities.name_similarity, entities.loosely_same

    def sim(a, b):
        calls["similar"] += 1
        return real_sim(a, b)

    def loose(a, b):
        calls["loose"] += 1
        return real_loose(a, b)

    monkeypatch.setattr(entities, "name_similarity", sim)
    monkeypatch.setattr(entities, "loosely_same", loose)
    monkeypatch.setattr(entities, "_FUZZY_BUDGET", 5_000)
    src = " ".join(f"Mr {n} came." for n in _made_up_names(1500, 0))
    tgt = " ".join(f"Herr {n} kam." for n in _made_up_names(1500, 500_000))
    audit_pairs([Pair("1", src, tgt, source_lang="en", target_lang="de")], Config(select=("ENT003",)), jobs=1)
    # every missing name against every target word of its first sound: 135,298 without the budget
    assert 0 < calls["similar"] + calls["loose"] <= 5_000


def test_names_within_the_budget_are_reported_as_before(monkeypatch):
    from audit.checks.families import entities
    pair = _names_pair(200)
    default = audit_pairs([pair], Config(select=("ENT",)), jobs=1).flags
    monkeypatch.setattr(entities, "_FUZZY_BUDGET", 10 ** 12)
    assert audit_pairs([pair], Config(select=("ENT",)), jobs=1).flags == default


# --- the segment limit: what keeps one segment under the memory ceiling ---------------------

def _write_inputs(tmp_path, target: str) -> dict:
    import json
    tmx = tmp_path / "one.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" '
                   'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
                   f'<body><tu tuid="u1"><tuv xml:lang="en"><seg>Word.</seg></tuv><tuv xml:lang="de"><seg>{target}'
                   '</seg></tuv></tu></body></tmx>', encoding="utf-8")
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "source": "Word.", "target": target}) + "\n", encoding="utf-8")
    tsv = tmp_path / "one.tsv"
    tsv.write_text(f"source\ttarget\nWord.\t{target}\n", encoding="utf-8")
    return {"tmx": tmx, "jsonl": jsonl, "tsv": tsv}


@pytest.mark.parametrize("fmt", ["tmx", "jsonl", "tsv"])
def test_a_segment_above_the_limit_is_refused_in_one_line(tmp_path, capsys, fmt):
    from audit.cli import main
    from audit.core import limits
    assert limits.Limits().max_segment_chars == limits.MAX_SEGMENT_CHARS == 1_000_000
    path = _write_inputs(tmp_path, "Wort " * 20)[fmt]
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-segment-chars = 60\n", encoding="utf-8")
    out = tmp_path / "report.json"
    try:
        rc = main(["check", "--config", str(tmp_path / "transaudit.toml"), "-s", "en", "-t", "de", "--format", "json",
                   "-o", str(out), str(path)])
    finally:
        limits.configure(None)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and not out.exists()
    assert len(err) == 1 and str(path) in err[0] and "100 characters, above the limit of 60" in err[0]
    assert "limits.max-segment-chars" in err[0] and "target of segment" in err[0]


@pytest.mark.parametrize("fmt", ["tmx", "jsonl"])
def test_a_segment_within_the_limit_is_checked(tmp_path, fmt):
    from audit.cli import main
    from audit.core import limits
    path = _write_inputs(tmp_path, "Wort " * 20)[fmt]
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-segment-chars = 100\n", encoding="utf-8")
    out = tmp_path / "report.json"
    try:
        rc = main(["check", "--config", str(tmp_path / "transaudit.toml"), "-s", "en", "-t", "de", "--format", "json",
                   "-o", str(out), str(path)])
    finally:
        limits.configure(None)
    assert rc in (0, 1) and out.exists()
