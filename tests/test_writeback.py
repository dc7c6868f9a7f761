"""Write-back that changes only what it must: PO, XLIFF 1.2, XLIFF 2.0 and TMX files with inline
codes, notes, plurals and states come back byte-identical when nothing was decided, and differ only
in the decided units otherwise (checked line by line with difflib), with states set as decided."""
from __future__ import annotations

import difflib
import glob
import os
import shutil
import subprocess

import pytest

from audit.cli import main as cli_main
from audit.core.errors import InputError
from audit.inputs import open_input
from audit.outputs.decisions import write_edited
from audit.outputs.writeback_po import po_string
from audit.store.decisions import DecisionStore

FIX = os.path.join(os.path.dirname(__file__), "fixtures", "writeback")
FILES = ("app.fr.po", "crlf.ru.po", "app.xlf", "app2.xlf", "memory.tmx")


def _copy(tmp_path, name):
    dst = tmp_path / name
    if not dst.exists():  # a test may have written its own input there
        shutil.copyfile(os.path.join(FIX, name), dst)
    return str(dst)


def _read(path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _run(tmp_path, name, decide):
    """(input bytes, output bytes, pairs by id) after ``decide(store, pairs_by_id)``."""
    path = _copy(tmp_path, name)
    before = _read(path)
    pairs = {p.id: p for p in open_input([path])}
    out = str(tmp_path / ("out-" + name))
    db = tmp_path / "d.db"
    n = 0
    while db.exists():  # a fresh database for each run
        n += 1
        db = tmp_path / f"d{n}.db"
    with DecisionStore(str(db)) as st:
        decide(st, pairs)
        write_edited([path], st, out)
    assert _read(path) == before  # the input is never modified
    return before, _read(out), pairs


def _changed(before: bytes, after: bytes) -> set[int]:
    """1-based lines of ``before`` that the change replaces or deletes (an insertion counts as the
    line before it)."""
    a = before.decode("utf-8").splitlines(keepends=True)
    b = after.decode("utf-8").splitlines(keepends=True)
    out = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            out.update(range(i1 + 1, i2 + 1))
        elif tag == "insert":
            out.add(i1)
    return out


def _lines_of(data: bytes, needle: str) -> int:
    text = data.decode("utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("name", FILES)
def test_nothing_decided_is_byte_identical(tmp_path, name):
    before, after, _ = _run(tmp_path, name, lambda st, pairs: None)
    assert after == before


@pytest.mark.parametrize("name", FILES)
def test_edit_then_revert_is_byte_identical(tmp_path, name):
    def decide(st, pairs):
        for p in pairs.values():
            st.set_post_edit(p, (p.target or "") + " x")
            st.set_post_edit(p, p.target or "")  # back to the original: no decision left
    before, after, _ = _run(tmp_path, name, decide)
    assert after == before


# -- PO ---------------------------------------------------------------------------------------------


def test_po_one_wrapped_entry_edited_changes_only_its_msgstr(tmp_path):
    key = next(k for k in open_input([os.path.join(FIX, "app.fr.po")]).__iter__() if k.id.startswith("This program"))
    new = ("Ce programme est fourni SANS AUCUNE GARANTIE. C'est un logiciel libre ; vous "
           "pouvez le redistribuer sous certaines conditions.\nVoir la licence.")
    before, after, _ = _run(tmp_path, "app.fr.po", lambda st, pairs: st.set_post_edit(pairs[key.id], new))
    first = key.target_origin.line
    assert _changed(before, after) and _changed(before, after) <= set(range(first, first + 4))
    assert b'msgstr ""\n"Ce programme est fourni SANS AUCUNE GARANTIE. C\'est un logiciel libre ; vous "\n' in after
    assert b'"pouvez le redistribuer sous certaines conditions.\\n"\n"Voir la licence."\n' in after
    out = tmp_path / "out-app.fr.po"
    assert [p.target for p in open_input([str(out)]) if p.id == key.id] == [new]
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(out)], check=False, capture_output=True).returncode == 0


def test_po_approval_clears_fuzzy_only_when_approved(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["Hello {name}"], "Bonjour {name}")  # edited, not approved: stays fuzzy
        st.set_post_edit(pairs["Open %s"], "Ouvrir « %s »")
    before, after, _ = _run(tmp_path, "app.fr.po", decide)
    assert b"#, fuzzy, python-brace-format\nmsgid \"Hello {name}\"\nmsgstr \"Bonjour {name}\"\n" in after
    assert "msgstr \"Ouvrir « %s »\"\n".encode() in after
    assert _changed(before, after) == {24, 53}

    def approve(st, pairs):
        st.set_post_edit(pairs["Hello {name}"], "Bonjour {name}")
        st.approve(pairs["Hello {name}"])
    before, after, _ = _run(tmp_path, "app.fr.po", approve)
    assert b"#, python-brace-format\nmsgid \"Hello {name}\"\nmsgstr \"Bonjour {name}\"\n" in after
    assert _changed(before, after) == {51, 53}
    assert b"#, fuzzy\nmsgid \"\"" in after  # the header's fuzzy flag is no decision's


def test_po_plural_entry_is_approved_when_all_its_forms_are(tmp_path):
    one = lambda st, pairs: st.approve(pairs["Delete %d file?[0]"])
    before, after, _ = _run(tmp_path, "app.fr.po", one)
    assert after == before  # one form of two approved: the entry is not approved
    both = lambda st, pairs: [st.approve(pairs[f"Delete %d file?[{n}]"]) for n in (0, 1)]
    before, after, _ = _run(tmp_path, "app.fr.po", both)
    assert _changed(before, after) == {27}
    assert b'#: src/main.c:58\n#, c-format\n#| msgid "Delete %d file"\nmsgid "Delete %d file?"\n' in after


def test_po_crlf_plural_form_and_last_line_without_newline(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["%(count)s file[1]"], "%(count)s файла!")
        st.set_post_edit(pairs["Close"], "Закрыть")
    before, after, _ = _run(tmp_path, "crlf.ru.po", decide)
    assert after == before.replace("файла\"".encode(), "файла!\"".encode()).replace(
        "\"Закрыт\"".encode(), "\"Закрыть\"".encode())
    assert not after.endswith(b"\n") and after.count(b"\r\n") == before.count(b"\r\n")


def test_po_untranslated_entry_gets_its_translation(tmp_path):
    before, after, _ = _run(tmp_path, "app.fr.po", lambda st, pairs: st.set_post_edit(pairs["Quit"], "Quitter"))
    assert _changed(before, after) == {57}
    assert b'msgid "Quit"\nmsgstr "Quitter"\n' in after


def test_po_string_is_gettext_style():
    assert po_string("msgstr", 'Say "hi"\tnow') == 'msgstr "Say \\"hi\\"\\tnow"\n'
    assert po_string("msgstr[1]", "a\nb") == 'msgstr[1] ""\n"a\\n"\n"b"\n'
    long = "word " * 20
    out = po_string("msgstr", long).splitlines()
    assert out[0] == 'msgstr ""' and all(len(line) <= 79 for line in out)
    assert "".join(line[1:-1] for line in out[1:]) == long
    cjk = "ユニコード文字、数字、アンダースコアまたはハイフンで構成された、有効なスラグを入力してください。"
    assert po_string("msgstr", cjk) == ('msgstr ""\n"ユニコード文字、数字、アンダースコアまたはハイフンで構成された、有効なスラグ"\n'
                                         '"を入力してください。"\n')  # as msgcat wraps it: 2 columns a character


@pytest.mark.parametrize("name", ["app.fr.po", "crlf.ru.po"])
def test_po_serializer_reproduces_every_block_of_the_fixtures(name):
    from audit.outputs import writeback_po as W

    path = os.path.join(FIX, name)
    text = _read(path).decode("utf-8")
    spans = W._lines(text)
    for pair in open_input([path]):
        if pair.target is None or (pair.unit is not None and pair.unit.state == "obsolete"):
            continue  # obsolete entries (#~) are read as units, but never written back
        n = pair.target_origin.line
        last = n
        while last < len(spans) and W._line(text, spans, last + 1).strip().startswith('"'):
            last += 1
        orig = text[spans[n - 1][0]:spans[last - 1][1]]
        first = W._line(text, spans, n)
        kw = W._KEYWORD.match(first).group(2)
        eol = "\r\n" if first.endswith("\r\n") else "\n"
        assert W.po_string(kw, pair.target, eol).rstrip("\r\n") == orig.rstrip("\r\n")


DJANGO = sorted(glob.glob(os.environ.get("TRANSAUDIT_REAL_PO", "/nonexistent") + "/**/*.po", recursive=True))


@pytest.mark.skipif(not DJANGO, reason="set TRANSAUDIT_REAL_PO to a folder of real catalogs (pip download django)")
def test_real_catalogs_one_edit_changes_one_block(tmp_path):
    for path in DJANGO[:: max(1, len(DJANGO) // 12)]:
        pairs = [p for p in open_input([path]) if p.target]
        if not pairs:
            continue
        victim = pairs[len(pairs) // 2]
        db = str(tmp_path / (os.path.basename(os.path.dirname(os.path.dirname(path))) + ".db"))
        out = db + ".po"
        with DecisionStore(db) as st:
            write_edited([path], st, out)
            assert _read(out) == _read(path)
            st.set_post_edit(victim, victim.target + " (edited)")
            write_edited([path], st, out)
        before, after = _read(path), _read(out)
        changed = _changed(before, after)
        assert changed and min(changed) >= victim.target_origin.line, path
        assert [p.target for p in open_input([out]) if p.id == victim.id] == [victim.target + " (edited)"]


# -- XLIFF 1.2 --------------------------------------------------------------------------------------


def test_xliff12_edits_keep_codes_and_states_as_decided(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["1"], 'Klicken Sie auf <g id="1">Öffnen</g>, um zu beginnen.')
        st.approve(pairs["2"])  # approved, not edited
        st.set_post_edit(pairs["4"], 'Willkommen <bpt id="1"/>zurück<ept id="1"/>, <b>!')  # un-approves
        st.set_post_edit(pairs["5"], "Abbrechen")  # no target yet
    before, after, pairs = _run(tmp_path, "app.xlf", decide)
    text = after.decode()
    assert ('<target state="translated" state-qualifier="mt-suggestion">Klicken Sie auf '
            '<g id="1" ctype="bold">Öffnen</g>, um zu beginnen.</target>') in text
    assert '<trans-unit id="1" resname="menu.open" approved="no">' in text
    assert '<trans-unit id="2" resname="menu.size" mq:locked="false" approved="yes">' in text
    assert ('<target state="signed-off">Größe: <ph id="1" ctype="x-param">{0}</ph> &amp; <x id="2"/> mehr'
            '</target>') in text
    assert '<trans-unit id="4" approved="no">' in text
    assert ('<target state="translated">Willkommen <bpt id="1">&lt;b&gt;</bpt>zurück<ept id="1">&lt;/b&gt;'
            '</ept>, &lt;b&gt;!</target>') in text  # a tag the unit does not have is text
    assert '<source>Cancel</source>\n        <target state="translated">Abbrechen</target>\n' in text
    units = {1: _lines_of(before, 'id="1" resname'), 2: _lines_of(before, 'id="2" resname'),
             4: _lines_of(before, 'id="4"'), 5: _lines_of(before, 'id="5"')}
    allowed = {units[1], units[1] + 2, units[2], units[2] + 2, units[4], units[4] + 2, units[5] + 1}
    assert _changed(before, after) <= allowed
    got = {p.id: p for p in open_input([str(tmp_path / "out-app.xlf")])}
    assert got["1"].target == 'Klicken Sie auf <g id="1">Öffnen</g>, um zu beginnen.'
    assert got["2"].unit.state == "approved" and got["4"].unit.state == "translated"
    assert got["6"].target == pairs["6"].target and got["5"].target == "Abbrechen"
    from translate.storage import xliff

    tk = {u.getid().split("\x04")[-1]: u for u in xliff.xlifffile.parsestring(after).units}
    assert tk["2"].isapproved() and not tk["4"].isapproved() and not tk["1"].isapproved()
    assert tk["1"].getnotes() == "Button label in bold"


def test_xliff12_misnested_codes_are_refused(tmp_path):
    with pytest.raises(InputError, match="malformed"):
        _run(tmp_path, "app.xlf", lambda st, pairs: st.set_post_edit(pairs["1"], '</g>Öffnen<g id="1">'))
    assert not (tmp_path / "out-app.xlf").exists()


def test_xliff_external_entity_is_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    src = (f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
           'target-language="fr" datatype="plaintext" original="x"><body>\n'
           '<trans-unit id="a"><source>A &xxe;</source><target>A &xxe;</target></trans-unit>\n'
           '<trans-unit id="b"><source>B</source><target>Bé</target></trans-unit>\n</body></file></xliff>\n')
    (tmp_path / "x.xlf").write_text(src)
    before, after, _ = _run(tmp_path, "x.xlf", lambda st, pairs: st.set_post_edit(pairs["b"], "Bê"))
    assert b"TOP-SECRET" not in after
    assert after == before.replace("<target>Bé".encode(), '<target state="translated">Bê'.encode())


# -- XLIFF 2.0 --------------------------------------------------------------------------------------


def test_xliff20_edits_keep_codes_and_states_as_decided(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["u1"], 'こんにちは、<pc id="1">親愛なる</pc> <ph id="2"/>さん!')
        st.approve(pairs["u2/a"])
        st.approve(pairs["u3"])  # already final, not edited: stays final
        st.set_post_edit(pairs["u4"], "ログアウト")
    before, after, _ = _run(tmp_path, "app2.xlf", decide)
    text = after.decode()
    assert ('<target>こんにちは、<pc id="1" dataRefStart="d1" dataRefEnd="d2">親愛なる</pc> '
            '<ph id="2" dataRef="d3"/>さん!</target>') in text
    assert '<segment id="s1" state="translated">' in text and '<segment id="a" state="final">' in text
    assert '<segment state="final">' in text
    assert '<segment state="translated">\n        <source>Logout</source>\n        <target>ログアウト</target>' in text
    assert _changed(before, after) == {14, 18, 35, 36}  # u1 target, u2/a state, u4 state and new target
    got = {p.id: p for p in open_input([str(tmp_path / "out-app2.xlf")])}
    assert got["u2/a"].unit.state == "final" and got["u3"].unit.state == "final"
    assert got["u4"].target == "ログアウト" and got["u2/b"].target == "もう一つ."


def test_xml_illegal_characters_in_a_post_edit(tmp_path):
    _before, after, _ = _run(tmp_path, "app2.xlf", lambda st, pairs: st.set_post_edit(pairs["u2/b"], "もう\x01つ"))
    assert "<target>もう<cp hex=\"0001\"/>つ</target>".encode() in after  # XLIFF 2 has <cp/> for them
    assert [p.target for p in open_input([str(tmp_path / "out-app2.xlf")]) if p.id == "u2/b"] == ["もう\x01つ"]
    with pytest.raises(InputError, match="XML 1.0 cannot carry"):
        _run(tmp_path, "app.xlf", lambda st, pairs: st.set_post_edit(pairs["2"], "Größe\x0b"))


def test_approving_a_unit_without_translation_changes_nothing(tmp_path):
    for name, pid in (("app.xlf", "5"), ("app2.xlf", "u4"), ("memory.tmx", "home.3"), ("app.fr.po", "Quit")):
        before, after, _ = _run(tmp_path, name, lambda st, pairs, pid=pid: st.approve(pairs[pid]))
        assert after == before, name


# -- TMX --------------------------------------------------------------------------------------------


def test_tmx_edit_restores_inline_payload_and_changedate(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["home.1"], 'Сперва прочтите <bpt i="1" x="1"/>ЧаВо<ept i="1"/>.')
        st.set_post_edit(pairs["home.3"], "Свяжитесь с нами")
        st.approve(pairs["home.2"])  # TMX has no states: nothing to write
    before, after, _ = _run(tmp_path, "memory.tmx", decide)
    text = after.decode()
    assert ('<seg>Сперва прочтите <bpt i="1" x="1">&lt;a href="/faq"&gt;</bpt>ЧаВо<ept i="1">&lt;/a&gt;</ept>.'
            '</seg>') in text
    assert 'changedate="20240102T090000Z"' not in text and 'changeid="anna"' in text
    assert ('<seg>Contact us</seg>\n      </tuv>\n      <tuv xml:lang="ru-RU">\n        <seg>Свяжитесь с нами</seg>\n'
            '      </tuv>\n    </tu>') in text
    assert _changed(before, after) <= {14, 15, 24, 25}  # 24/25: difflib may align the insertion either way
    got = {p.id: p for p in open_input([str(tmp_path / "out-memory.tmx")])}
    assert got["home.3"].target == "Свяжитесь с нами" and got["home.2"].target == "Цена: <ph x=\"2\"/>"
    from translate.storage import tmx

    assert len(tmx.tmxfile.parsestring(after).units) == 3


# -- the command ------------------------------------------------------------------------------------


def test_cli_edited_round_trip_and_bad_input(tmp_path, capsys):
    path = _copy(tmp_path, "app.xlf")
    db = str(tmp_path / "d.db")
    with DecisionStore(db) as st:
        st.approve({p.id: p for p in open_input([path])}["2"])
    out = str(tmp_path / "edited.xlf")
    assert cli_main(["export-decisions", db, "-o", str(tmp_path / "d.json"), "--edited", out, "--input", path]) == 0
    assert _read(out) != _read(path)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("<broken")
    capsys.readouterr()
    assert cli_main(["export-decisions", db, "-o", str(tmp_path / "d2.json"), "--edited", out, "--input", path]) == 2
    err = [e for e in capsys.readouterr().err.strip().splitlines() if "decisions written" not in e]
    assert len(err) == 1 and "malformed" in err[0].lower()
