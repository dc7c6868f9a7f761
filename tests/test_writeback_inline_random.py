"""Random post-edits written back over marked-up targets (seeded, deterministic): the targets of the
bundled ru/ar/zh corpora get a non-code mark (XLIFF 1.2 ``<mrk mtype="term">``, XLIFF 2 ``<mrk
type="term">``, TMX ``<hi>``) around one word and a placeholder code; each unit then gets a random
edit (insert, delete or replace a stretch of text; codes stay whole). After write-back the file is
well-formed, the reader gives every edited target back exactly as edited and every other unit as it
was, only the decided units' lines differ, the input is unchanged, and every mark the edit did not
touch is in the output around the same text."""
from __future__ import annotations

import difflib
import glob
import os
import random
import re

import pytest
from lxml import etree

from audit.inputs import open_input
from audit.outputs.decisions import write_edited
from audit.store.decisions import DecisionStore

CORPORA = os.path.join(os.path.dirname(__file__), "fixtures", "corpora")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE = re.compile(r"<[^<>]+/>")


def _targets() -> list[str]:
    out = []
    for path in sorted(glob.glob(os.path.join(CORPORA, "en-*", "*.xlf"))):
        if ".v2." not in path:
            out += [p.target for p in open_input([path]) if p.target and _WORD.search(p.target)]
    return out


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unit_xml(fmt: str, k: int, target: str, rng: random.Random) -> tuple[str, str, str]:
    """(the target's XML content, the marked word, the target as the reader renders it)."""
    words = list(_WORD.finditer(target))
    w = rng.choice(words)
    before, word, after = target[: w.start()], w.group(), target[w.end():]
    if fmt == "xliff1":
        mark, code = f'<mrk mtype="term">{_esc(word)}</mrk>', '<ph id="1">{0}</ph>'
        shown = '<ph id="1"/>'
    elif fmt == "xliff2":
        mark, code, shown = f'<mrk id="m{k}" type="term">{_esc(word)}</mrk>', '<ph id="1" dataRef="d1"/>', None
        shown = '<ph id="1"/>'
    else:
        mark, code, shown = f'<hi type="b">{_esc(word)}</hi>', '<ph x="1">{0}</ph>', '<ph x="1"/>'
    return _esc(before) + mark + _esc(after) + " " + code, word, before + word + after + " " + shown


def _file(fmt: str, units: list[str]) -> str:
    if fmt == "xliff1":
        body = "".join(f'      <trans-unit id="u{k}">\n        <source>S{k} <ph id="1">{{0}}</ph></source>\n'
                       f"        <target>{u}</target>\n      </trans-unit>\n" for k, u in enumerate(units))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                '  <file source-language="en" target-language="ru" datatype="plaintext" original="x">\n    <body>\n'
                f"{body}    </body>\n  </file>\n</xliff>\n")
    if fmt == "xliff2":
        body = "".join(f'    <unit id="u{k}">\n      <originalData><data id="d1">{{0}}</data></originalData>\n'
                       f'      <segment>\n        <source>S{k} <ph id="1" dataRef="d1"/></source>\n'
                       f"        <target>{u}</target>\n      </segment>\n    </unit>\n" for k, u in enumerate(units))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                f'srcLang="en" trgLang="ru">\n  <file id="f1">\n{body}  </file>\n</xliff>\n')
    body = "".join(f'    <tu tuid="u{k}">\n      <tuv xml:lang="en"><seg>S{k} <ph x="1">{{0}}</ph></seg></tuv>\n'
                   f'      <tuv xml:lang="ru"><seg>{u}</seg></tuv>\n    </tu>\n' for k, u in enumerate(units))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="x" creationtoolversion="1" '
            'datatype="plaintext" segtype="sentence" adminlang="en" srclang="en" o-tmf="x"/>\n'
            f"  <body>\n{body}  </body>\n</tmx>\n")


def _edit(text: str, rng: random.Random) -> tuple[str, int, int]:
    """A random edit of ``text`` that keeps codes whole: (new text, start, end of the old text it changed)."""
    cuts = sorted({0, len(text), *(i for i in range(len(text) + 1)
                                   if not any(m.start() < i < m.end() for m in _CODE.finditer(text)))})
    a = rng.choice(cuts)
    b = rng.choice([c for c in cuts if a <= c <= a + 6])
    kind = rng.choice(("insert", "delete", "replace"))
    new = rng.choice((" новое", "جديد ", "新的", " и", "X", "& <b>"))
    if kind == "insert":
        return text[:a] + new + text[a:], a, a
    piece = text[a:b]
    if _CODE.search(piece):  # never delete a code here (removing one is tested apart)
        return text[:a] + new + text[a:], a, a
    return text[:a] + (new if kind == "replace" else "") + text[b:], a, b


@pytest.mark.parametrize("fmt", ["xliff1", "xliff2", "tmx"])
def test_random_edits_keep_untouched_marks(tmp_path, fmt):
    rng = random.Random(20261203)
    units, words, shown = [], [], []
    for k, t in enumerate(_targets()):
        xml, word, rendered = _unit_xml(fmt, k, t, rng)
        units.append(xml)
        words.append(word)
        shown.append(rendered)
    path = tmp_path / ("in.tmx" if fmt == "tmx" else "in.xlf")
    path.write_text(_file(fmt, units), encoding="utf-8")
    before = path.read_bytes()
    pairs = {p.id: p for p in open_input([str(path)])}
    assert [pairs[f"u{k}"].target for k in range(len(units))] == shown
    edits, untouched = {}, []
    for k, text in enumerate(shown):
        if k % 4 == 3:
            continue  # a unit nothing was decided about
        new, a, b = _edit(text, rng)
        if new == text:
            continue
        edits[f"u{k}"] = new
        ws = text.index(words[k])
        if b < ws or a > ws + len(words[k]):  # the edit does not touch the marked word or its edges
            untouched.append(k)
    out = tmp_path / ("out." + path.name.split(".")[1])
    with DecisionStore(str(tmp_path / "d.db")) as st:
        for pid, new in edits.items():
            st.set_post_edit(pairs[pid], new)
        write_edited([str(path)], st, str(out))
    after = out.read_bytes()
    assert path.read_bytes() == before
    etree.fromstring(after)
    got = {p.id: p.target for p in open_input([str(out)])}
    assert got == {pid: edits.get(pid, p.target) for pid, p in pairs.items()}
    # only the edited units' target lines changed
    a_lines, b_lines = before.decode().splitlines(), after.decode().splitlines()
    changed = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            changed.update(range(i1, i2))
    offset = {"xliff1": 2, "xliff2": 4, "tmx": 2}[fmt]  # the target's line after the unit's first line
    starts = {pid: next(i for i, line in enumerate(a_lines) if f'id="{pid}"' in line) for pid in edits}
    allowed = {i + offset for i in starts.values()}
    if fmt == "xliff2":
        allowed |= {i + 2 for i in starts.values()}  # the <segment> line: state="translated"
    assert changed <= allowed
    # every mark the edit left alone is still there around its word
    kept = 0
    for k in untouched:
        unit = after.decode().split(f'"u{k}"', 1)[1]
        mark = (f'<mrk mtype="term">{_esc(words[k])}</mrk>' if fmt == "xliff1" else
                f'<mrk id="m{k}" type="term">{_esc(words[k])}</mrk>' if fmt == "xliff2" else
                f'<hi type="b">{_esc(words[k])}</hi>')
        kept += mark in unit.split("</tu>" if fmt == "tmx" else "</target>", 1)[0]
    assert len(untouched) >= 10 and kept == len(untouched)
    assert not re.search(r"<(mrk|hi)\b[^>]*></(mrk|hi)>", after.decode())  # no mark left empty
