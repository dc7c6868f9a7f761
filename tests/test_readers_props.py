"""Property tests: random Unicode text written by scripts/build_formats.py's writers comes back
from our readers exactly (markup characters, quotes, RTL, emoji, CJK, whitespace, escapes)."""
from __future__ import annotations

import importlib.util
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.inputs import open_input

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("build_formats", os.path.join(ROOT, "scripts", "build_formats.py"))
bf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bf)

# Characters that stress the writers and readers, mixed with anything hypothesis likes.
_SPECIAL = list('<>&"\'\\;%{}$#') + list("\u05e9\u05dc\u05d5\u0645\u0631\u062d\u0628\u0627\u200f\u200e") + \
    list("中文字日本語한국어ไทย") + ["🎉", "👩🏽‍💻", "\u00a0", "\u202f", "\u2028", "\u0085", "\ufeff", " ", "  "]
_BASE = st.characters(blacklist_categories=("Cs",))  # no lone surrogates: no UTF-8 file can hold them


def _text(exclude: str = "") -> st.SearchStrategy[str]:
    pieces = st.one_of(_BASE, st.sampled_from(_SPECIAL)).filter(lambda c: not any(x in c for x in exclude))
    return st.lists(pieces, max_size=30).map("".join)


_XML_EXCLUDE = "".join(chr(c) for c in range(0x20) if c not in (9, 10, 13)) + "\ufffe\uffff"
_TSV_EXCLUDE = "\t\n\r\x00"

_ROW = st.fixed_dictionaries({"source": _text(), "target": st.one_of(st.none(), _text())})


def _roundtrip(fmt: str, rows: list[dict], src="en", tgt="ar") -> list[tuple[str, str | None]]:
    rows = [{"id": str(i + 1), "references": [], **r} for i, r in enumerate(rows)]
    with tempfile.TemporaryDirectory() as d:
        folder = os.path.join(d, f"{src}-{tgt}")
        os.mkdir(folder)
        c = bf.Corpus(os.path.join(folder, "c.jsonl"), rows, src, tgt)
        assert bf.why_not(fmt, c) is None
        path = os.path.join(folder, f"c.{fmt}")
        with open(path, "wb") as fh:
            fh.write(bf.WRITERS[fmt](c))
        source = open_input([path])
        pairs = list(source)
        if fmt != "tsv" and not (fmt == "tmx" and all(r["target"] is None for r in rows)):
            # TSV says nothing of languages; TMX names the target language only on its variants
            assert (source.source_lang, source.target_lang) == (src, tgt)
    return [(p.source, p.target) for p in pairs]


def _expected(fmt: str, rows: list[dict]) -> list[tuple[str, str | None]]:
    out = []
    for r in rows:
        e = bf.as_read(fmt, {"id": "x", "references": [], **r})
        out.append((e["source"], e["target"]))
    return out


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.lists(st.fixed_dictionaries({"source": _text(_XML_EXCLUDE),
                                       "target": st.one_of(st.none(), _text(_XML_EXCLUDE))}), min_size=1, max_size=5))
def test_tmx_roundtrip(rows):
    assert _roundtrip("tmx", rows) == _expected("tmx", rows)


@_SETTINGS
@given(st.lists(st.fixed_dictionaries({"source": _text(_XML_EXCLUDE),
                                       "target": st.one_of(st.none(), _text(_XML_EXCLUDE))}), min_size=1, max_size=5))
def test_xliff12_roundtrip(rows):
    assert _roundtrip("xlf", rows) == _expected("xlf", rows)


@_SETTINGS
@given(st.lists(_ROW, min_size=1, max_size=5))
def test_xliff2_roundtrip_even_control_characters(rows):
    # XLIFF 2 carries what XML cannot as <cp hex=".."/>
    assert _roundtrip("v2.xlf", rows, "zh-Hans", "he") == _expected("v2.xlf", rows)


@_SETTINGS
@given(st.lists(st.fixed_dictionaries({"source": _text("\x00"), "target": st.one_of(st.none(), _text("\x00"))}),
                min_size=1, max_size=5))
def test_po_roundtrip(rows):
    assert _roundtrip("po", rows, "ja", "ru") == _expected("po", rows)


@_SETTINGS
@given(st.lists(st.fixed_dictionaries({"source": _text(_TSV_EXCLUDE),
                                       "target": st.one_of(st.none(), _text(_TSV_EXCLUDE))}), min_size=1, max_size=5))
def test_tsv_roundtrip(rows):
    assert _roundtrip("tsv", rows) == _expected("tsv", rows)


def test_writers_refuse_what_a_format_cannot_carry(tmp_path):
    c = bf.Corpus(str(tmp_path / "en-de" / "c.jsonl"),
                  [{"id": "1", "source": "a\tb", "target": "c\x01", "references": []}], "en", "de")
    assert bf.why_not("tsv", c) and bf.why_not("tmx", c) and bf.why_not("xlf", c)
    assert bf.why_not("v2.xlf", c) is None and bf.why_not("po", c) is None


@_SETTINGS
@given(st.lists(_ROW, min_size=1, max_size=5))
def test_jsonl_roundtrip_keeps_unicode_line_separators(rows):
    import json

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "c.jsonl")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        got = [(p.source, p.target) for p in open_input([path])]
    assert got == [(r["source"], r["target"]) for r in rows]


@_SETTINGS
@given(st.lists(st.tuples(_text("\n\x00"), _text("\n\x00")), min_size=1, max_size=5))
def test_text_pair_roundtrip_splits_on_newline_only(lines):
    # U+2028, U+0085 and a lone \r are text, not line ends (str.splitlines would split on them)
    lines = [(s.rstrip("\r"), t.rstrip("\r")) for s, t in lines]
    with tempfile.TemporaryDirectory() as d:
        sp, tp = os.path.join(d, "s.txt"), os.path.join(d, "t.txt")
        with open(sp, "w", encoding="utf-8", newline="") as fs, open(tp, "w", encoding="utf-8", newline="") as ft:
            fs.write("".join(s + "\n" for s, _ in lines))
            ft.write("".join(t + "\n" for _, t in lines))
        if not all("".join(side).lstrip("\ufeff").strip() for side in zip(*lines)):
            return  # an all-blank file is refused as empty
        got = [(p.source, p.target) for p in open_input([sp, tp], "text")]
    # a U+FEFF that starts a file is a byte-order mark, not text
    s0, t0 = lines[0]
    lines[0] = (s0[1:] if s0.startswith("\ufeff") else s0, t0[1:] if t0.startswith("\ufeff") else t0)
    assert got == lines


# --- robustness: any damage to a valid file gives pairs or one InputError, never a crash -------------

def _valid_files() -> dict[str, bytes]:
    c = bf.Corpus("x/en-ru/c.jsonl", [
        {"id": "1", "source": 'Press <b>OK</b> & "go"', "target": "Нажмите <b>OK</b> и «вперёд»", "references": ["r"]},
        {"id": "2", "source": "Line\nbreak", "target": None, "references": []},
        {"id": "3", "source": "Empty", "target": "", "references": []},
    ], "en", "ru")
    files = {fmt: bf.WRITERS[fmt](c) for fmt in ("tmx", "xlf", "v2.xlf", "po")}
    c.rows[1]["source"] = "Line break"
    files["tsv"] = bf.tsv_bytes(c)
    files["jsonl"] = b'{"id": "1", "source": "a", "target": "b"}\n{"source": "c", "target": null, "references": ["d"]}\n'
    return files


_VALID = _valid_files()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(sorted(_VALID)), cut=st.integers(0, 10_000), junk=st.binary(max_size=12),
       mode=st.sampled_from(["truncate", "insert", "replace"]))
def test_damaged_files_give_pairs_or_one_input_error(fmt, cut, junk, mode):
    from audit.core.errors import AuditError

    data = _VALID[fmt]
    pos = cut % (len(data) + 1)
    if mode == "truncate":
        data = data[:pos]
    elif mode == "insert":
        data = data[:pos] + junk + data[pos:]
    else:
        data = data[:pos] + junk + data[pos + len(junk):]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "damaged." + fmt.split(".")[-1])
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            pairs = list(open_input([path], None, "en", "ru"))
        except AuditError as exc:
            assert "\n" not in exc.format()
            assert exc.path == path
        else:
            for p in pairs:
                assert isinstance(p.source, str) and (p.target is None or isinstance(p.target, str))
