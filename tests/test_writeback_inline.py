"""Write-back keeps a target's inline structure (issue 12): a post-edit is mapped back onto the
target it replaces, so ``<mrk>``, ``<hi>``, ``<sm/>``/``<em/>``, comments and CDATA around the text
the edit leaves survive, codes keep their payload; a code the edit removed is written as the user
wrote it, with a warning. States: edited -> translated, approved -> ``approved="yes"`` (1.2) /
``state="final"`` (2.0). Obsolete PO entries come back unchanged. Every test diffs input and output:
only the decided units may differ, and the input is never modified."""
from __future__ import annotations

import difflib

import pytest
from lxml import etree

from audit.inputs import open_input
from audit.outputs.decisions import write_edited
from audit.store.decisions import DecisionStore

XLF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:its="http://www.w3.org/2005/11/its">
  <file source-language="en-US" target-language="ru-RU" datatype="html" original="help.html" tool-id="okapi">
    <header><tool tool-id="okapi" tool-name="Okapi"/></header>
    <body>
      <trans-unit id="t1" resname="intro">
        <source>Read the <g id="1" ctype="link">manual</g> before <mrk mtype="term">setup</mrk>.</source>
        <target state="needs-review-translation">Прочтите <g id="1" ctype="link">руководство</g> перед <mrk mtype="term" its:termInfoRef="#setup">настройкой</mrk>.</target>
        <note from="dev">Link to the manual</note>
      </trans-unit>
      <trans-unit id="t2" approved="yes">
        <source>Press <ph id="1">&lt;kbd&gt;Enter&lt;/kbd&gt;</ph> to <mrk mtype="protected">continue</mrk>.</source>
        <target state="signed-off">Нажмите <ph id="1">&lt;kbd&gt;Enter&lt;/kbd&gt;</ph>, чтобы <mrk mtype="protected">продолжить</mrk>.</target>
      </trans-unit>
      <trans-unit id="t3">
        <source>Save &amp; quit</source>
        <target><!-- checked --><![CDATA[Сохранить & выйти]]></target>
      </trans-unit>
      <trans-unit id="t4">
        <source>Close</source>
        <target state="translated">Закрыть</target>
      </trans-unit>
      <trans-unit id="t5" translate="no">
        <source>ACME</source>
        <target>ACME</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="en" trgLang="ar">
  <file id="f1" original="ui.json">
    <unit id="u1" name="welcome">
      <notes><note category="context">Home screen</note></notes>
      <originalData>
        <data id="d1">&lt;b&gt;</data>
        <data id="d2">&lt;/b&gt;</data>
        <data id="d3">{user}</data>
      </originalData>
      <segment id="s1" state="translated">
        <source>Welcome <pc id="1" dataRefStart="d1" dataRefEnd="d2">back</pc>, <ph id="2" dataRef="d3"/>!</source>
        <target>مرحبا <pc id="1" dataRefStart="d1" dataRefEnd="d2">بعودتك</pc>، <ph id="2" dataRef="d3"/>!</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment state="translated">
        <source>Open the <mrk id="m1" translate="no">Dashboard</mrk> now</source>
        <target>افتح <mrk id="m1" translate="no">Dashboard</mrk> الآن</target>
      </segment>
    </unit>
    <unit id="u3">
      <segment state="reviewed">
        <source>Delete the file</source>
        <target>احذف <sm id="c1" type="comment" value="check"/>الملف<em startRef="c1"/> نهائيا</target>
      </segment>
    </unit>
    <unit id="u4">
      <segment state="translated">
        <source>Sign out</source>
        <target>تسجيل الخروج</target>
      </segment>
    </unit>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" datatype="html" segtype="sentence" adminlang="en" srclang="en" o-tmf="x"/>
  <body>
    <tu tuid="a1">
      <tuv xml:lang="en"><seg>Read the <hi type="b">guide</hi> first</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>请先阅读<hi type="b">指南</hi>内容</seg></tuv>
    </tu>
    <tu tuid="a2">
      <tuv xml:lang="en"><seg>Exit</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>退出</seg></tuv>
    </tu>
  </body>
</tmx>
"""

PO = """# Russian translation.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

#: app.py:10
#, fuzzy, python-format
#| msgid "Open %(name)s"
msgid "Open %(name)s now"
msgstr "Открыть %(name)s"

msgid "Close"
msgstr "Закрыть"

# old note
#, fuzzy, c-format
#| msgid "Save %s"
#~ msgid "Save %s now"
#~ msgstr "Сохранить %s"

#~ msgid "Old %d item"
#~ msgid_plural "Old %d items"
#~ msgstr[0] "%d старый элемент"
#~ msgstr[1] "%d старых элемента"
#~ msgstr[2] "%d старых элементов"
"""


_COUNT: list[int] = []  # what write_edited returned, run by run


def _run(tmp_path, name, content, decide):
    """(input bytes, output bytes, warnings) after ``decide(store, pairs by id)``."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    source = open_input([str(path)])
    pairs = {p.id: p for p in source}
    out = tmp_path / ("out-" + name)
    warnings: list[str] = []
    with DecisionStore(str(tmp_path / f"{name}.db")) as st:
        decide(st, pairs)
        _COUNT.append(write_edited([str(path)], st, str(out), warn=warnings.append))
    assert path.read_bytes() == before  # the input is never modified
    return before, out.read_bytes(), warnings


def _changed_lines(before: bytes, after: bytes) -> set[int]:
    a = before.decode().splitlines(keepends=True)
    b = after.decode().splitlines(keepends=True)
    out: set[int] = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return out


def _line_of(data: bytes, needle: str) -> int:
    text = data.decode()
    return text[: text.index(needle)].count("\n") + 1


def _targets(path) -> dict:
    return {p.id: p.target for p in open_input([str(path)])}


# -- XLIFF 1.2 --------------------------------------------------------------------------------------


def test_xliff12_marks_kept_around_an_edit(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["t1"], 'Прочтите <g id="1">руководство</g> перед первой настройкой.')
        st.set_post_edit(pairs["t2"], 'Нажмите <ph id="1"/>, чтобы продолжить работу.')
        st.approve(pairs["t2"])
        st.set_post_edit(pairs["t3"], "Сохранить и выйти")
    before, after, warnings = _run(tmp_path, "help.xlf", XLF12, decide)
    text = after.decode()
    # the term mark keeps its attributes around the text the edit left; the code keeps its ctype
    assert ('<target state="translated">Прочтите <g id="1" ctype="link">руководство</g> перед первой '
            '<mrk mtype="term" its:termInfoRef="#setup">настройкой</mrk>.</target>') in text
    assert ('<target state="signed-off">Нажмите <ph id="1">&lt;kbd&gt;Enter&lt;/kbd&gt;</ph>, чтобы '
            '<mrk mtype="protected">продолжить</mrk> работу.</target>') in text
    assert '<trans-unit id="t2" approved="yes">' in text
    # comment and CDATA kept; the inserted text is escaped outside the CDATA section
    assert '<target state="translated"><!-- checked --><![CDATA[Сохранить ]]>и<![CDATA[ выйти]]></target>' in text
    assert warnings == []
    allowed = {_line_of(before, 'id="t1"') + 2, _line_of(before, 'id="t2"') + 2, _line_of(before, 'id="t3"') + 2}
    assert _changed_lines(before, after) <= allowed
    got = _targets(tmp_path / "out-help.xlf")
    assert got["t1"] == 'Прочтите <g id="1">руководство</g> перед первой настройкой.'
    assert got["t3"] == "Сохранить и выйти" and got["t4"] == "Закрыть"
    etree.fromstring(after)


def test_xliff12_edit_inside_a_mark_and_a_mark_deleted_whole(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["t1"], 'Прочтите <g id="1">руководство</g> перед настройками.')  # inside the mark
        st.set_post_edit(pairs["t2"], 'Нажмите <ph id="1"/>.')  # the protected mark's text all gone
    _before, after, _ = _run(tmp_path, "help.xlf", XLF12, decide)
    text = after.decode()
    assert '<mrk mtype="term" its:termInfoRef="#setup">настройками</mrk>.</target>' in text
    assert '<target state="translated">Нажмите <ph id="1">&lt;kbd&gt;Enter&lt;/kbd&gt;</ph>.</target>' in text
    assert 'mtype="protected"></mrk>' not in text
    assert '<trans-unit id="t2" approved="no">' in text  # edited, not approved: not approved any more


def test_xliff12_removed_code_is_written_as_edited_with_a_warning(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["t2"], "Нажмите Enter, чтобы продолжить.")
    before, after, warnings = _run(tmp_path, "help.xlf", XLF12, decide)
    assert _targets(tmp_path / "out-help.xlf")["t2"] == "Нажмите Enter, чтобы продолжить."
    assert b'<mrk mtype="protected">' in after.split(b'id="t2"')[1].split(b"</trans-unit>")[0].split(b"<target")[1]
    assert len(warnings) == 1 and "'t2'" in warnings[0] and '<ph id="1"/>' in warnings[0]
    assert _changed_lines(before, after) == {_line_of(before, 'id="t2"'), _line_of(before, 'id="t2"') + 2}


def test_xliff12_nothing_decided_and_untranslatable_unit_are_untouched(tmp_path):
    before, after, _ = _run(tmp_path, "help.xlf", XLF12, lambda st, pairs: None)
    assert after == before
    before, after, _ = _run(tmp_path, "help.xlf", XLF12, lambda st, pairs: st.approve(pairs["t4"]))
    assert "t5" not in _targets(tmp_path / "help.xlf")
    assert _changed_lines(before, after) == {_line_of(before, 'id="t4"'), _line_of(before, 'id="t4"') + 2}
    assert b'<trans-unit id="t4" approved="yes">' in after and b'<target state="signed-off">' in after


# -- XLIFF 2.0 --------------------------------------------------------------------------------------


def test_xliff20_marks_and_annotations_kept_states_as_decided(tmp_path):
    def decide(st, pairs):
        st.set_post_edit(pairs["u1"], 'أهلا <pc id="1">بعودتك</pc>، <ph id="2"/>!')
        st.set_post_edit(pairs["u2"], "افتح Dashboard فورا")
        st.set_post_edit(pairs["u3"], "احذف الملف نهائيًا")
        st.approve(pairs["u3"])
        st.approve(pairs["u4"])
    before, after, warnings = _run(tmp_path, "ui.xlf", XLF20, decide)
    text = after.decode()
    assert ('<target>أهلا <pc id="1" dataRefStart="d1" dataRefEnd="d2">بعودتك</pc>، '
            '<ph id="2" dataRef="d3"/>!</target>') in text
    assert '<target>افتح <mrk id="m1" translate="no">Dashboard</mrk> فورا</target>' in text
    assert '<target>احذف <sm id="c1" type="comment" value="check"/>الملف<em startRef="c1"/> نهائيًا</target>' in text
    assert text.count('state="final"') == 2 and 'state="reviewed"' not in text  # u3 edited and approved, u4 approved
    assert '<segment id="s1" state="translated">' in text
    assert warnings == []
    unit_lines = {_line_of(before, '<unit id="u1"') + 7, _line_of(before, '<unit id="u1"') + 9,
                  _line_of(before, '<unit id="u2"') + 1, _line_of(before, '<unit id="u2"') + 3,
                  _line_of(before, '<unit id="u3"') + 1, _line_of(before, '<unit id="u3"') + 3,
                  _line_of(before, '<unit id="u4"') + 1}
    assert _changed_lines(before, after) <= unit_lines
    got = {p.id: p for p in open_input([str(tmp_path / "out-ui.xlf")])}
    assert got["u2"].target == "افتح Dashboard فورا" and got["u4"].unit.state == "final"
    etree.fromstring(after)


def test_xliff20_removed_code_warns(tmp_path):
    _before, after, warnings = _run(tmp_path, "ui.xlf", XLF20,
                                    lambda st, pairs: st.set_post_edit(pairs["u1"], "أهلا بعودتك!"))
    assert "<target>أهلا بعودتك!</target>".encode() in after
    assert len(warnings) == 1 and '<pc id="1">' in warnings[0] and '<ph id="2" dataRef="d3"/>' not in warnings[0]


# -- TMX --------------------------------------------------------------------------------------------


def test_tmx_hi_kept(tmp_path):
    before, after, _ = _run(tmp_path, "m.tmx", TMX, lambda st, pairs: st.set_post_edit(pairs["a1"], "请先仔细阅读指南内容"))
    assert '<seg>请先仔细阅读<hi type="b">指南</hi>内容</seg>'.encode() in after
    assert _changed_lines(before, after) == {_line_of(before, 'tuid="a1"') + 2}


# -- PO: obsolete entries ---------------------------------------------------------------------------


def test_po_obsolete_entries_survive_and_previous_msgid_is_kept(tmp_path):
    def decide(st, pairs):
        assert {"#~ Save %s now", "#~ Old %d item[0]"} <= set(pairs)
        st.set_post_edit(pairs["#~ Save %s now"], "Сохранить %s сейчас")
        st.approve(pairs["#~ Save %s now"])
        st.set_post_edit(pairs["#~ Old %d item[1]"], "%d старых элементов")
        st.set_post_edit(pairs["Open %(name)s now"], "Открыть %(name)s сейчас")
    before, after, warnings = _run(tmp_path, "ru.po", PO, decide)
    assert _COUNT[-1] == 1  # the obsolete entries' post-edits are not counted as written
    assert _changed_lines(before, after) == {_line_of(before, 'msgstr "Открыть')}
    assert b'#, fuzzy, python-format\n#| msgid "Open %(name)s"\nmsgid "Open %(name)s now"\n' in after
    assert "#, fuzzy, c-format\n#| msgid \"Save %s\"\n#~ msgid \"Save %s now\"\n#~ msgstr \"Сохранить %s\"\n".encode() in after
    assert len(warnings) == 2 and all("obsolete" in w for w in warnings)


@pytest.mark.parametrize(("name", "content"), [("help.xlf", XLF12), ("ui.xlf", XLF20), ("m.tmx", TMX), ("ru.po", PO)])
def test_edit_back_to_the_original_is_byte_identical(tmp_path, name, content):
    def decide(st, pairs):
        for p in pairs.values():
            if p.target:
                st.set_post_edit(p, p.target + " x")
                st.set_post_edit(p, p.target)
    before, after, warnings = _run(tmp_path, name, content, decide)
    assert after == before and warnings == []


def test_an_empty_target_element_gets_the_edit_and_its_state(tmp_path):
    xlf = XLF12.replace('<target state="translated">Закрыть</target>', '<target state="new"/>')
    before, after, _ = _run(tmp_path, "e.xlf", xlf, lambda st, pairs: (
        st.set_post_edit(pairs["t4"], "Закрыть <окно>"), st.approve(pairs["t4"])))
    assert '<target state="signed-off">Закрыть &lt;окно&gt;</target>'.encode() in after
    assert _changed_lines(before, after) == {_line_of(before, 'id="t4"'), _line_of(before, 'id="t4"') + 2}
    assert _targets(tmp_path / "out-e.xlf")["t4"] == "Закрыть <окно>"


def test_a_paired_code_missing_one_end_is_written_as_text_with_a_warning(tmp_path):
    new = 'Прочтите <g id="1">руководство перед настройкой.'  # the </g> deleted
    before, after, warnings = _run(tmp_path, "help.xlf", XLF12, lambda st, pairs: st.set_post_edit(pairs["t1"], new))
    assert ('<target state="translated">Прочтите &lt;g id="1"&gt;руководство перед '
            '<mrk mtype="term" its:termInfoRef="#setup">настройкой</mrk>.</target>') in after.decode()
    assert _targets(tmp_path / "out-help.xlf")["t1"] == new  # what the user wrote
    assert len(warnings) == 1 and '<g id="1">' in warnings[0]
    assert _changed_lines(before, after) == {_line_of(before, 'id="t1"') + 2}
    xlf2 = XLF20  # XLIFF 2: the same with <pc>
    new2 = 'مرحبا بعودتك</pc>، <ph id="2"/>!'
    _before, after, warnings = _run(tmp_path, "ui.xlf", xlf2, lambda st, pairs: st.set_post_edit(pairs["u1"], new2))
    assert 'مرحبا بعودتك&lt;/pc&gt;، <ph id="2" dataRef="d3"/>!</target>' in after.decode()
    assert {p.id: p.target for p in open_input([str(tmp_path / "out-ui.xlf")])}["u1"] == new2
    assert len(warnings) == 1 and '<pc id="1">' in warnings[0]


SEGMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="hi" datatype="plaintext" original="doc.txt">
    <body>
      <trans-unit id="p1">
        <source>Save the file. Then close it.</source>
        <seg-source><mrk mtype="seg" mid="1">Save the <mrk mtype="term">file</mrk>.</mrk> <mrk mtype="seg" mid="2">Then close it.</mrk></seg-source>
        <target state="translated"><mrk mtype="seg" mid="1"><mrk mtype="term">फ़ाइल</mrk> सहेजें।</mrk> <mrk mtype="seg" mid="2">फिर उसे बंद करें।</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_segmented_xliff12_unit_one_segment_edited_keeps_the_other_and_the_marks(tmp_path):
    pairs_seen = {}

    def decide(st, pairs):
        pairs_seen.update(pairs)
        st.set_post_edit(pairs["p1/1"], "फ़ाइल को सहेजें।")
    before, after, warnings = _run(tmp_path, "seg.xlf", SEGMENTED, decide)
    assert set(pairs_seen) == {"p1/1", "p1/2"}
    assert ('<target state="translated"><mrk mtype="seg" mid="1"><mrk mtype="term">फ़ाइल</mrk> को सहेजें।</mrk> '
            '<mrk mtype="seg" mid="2">फिर उसे बंद करें।</mrk></target>') in after.decode()
    got = _targets(tmp_path / "out-seg.xlf")
    assert got == {"p1/1": "फ़ाइल को सहेजें।", "p1/2": "फिर उसे बंद करें।"} and warnings == []
    assert _changed_lines(before, after) == {_line_of(before, "<target")}
