"""Readers: what each format gives, exactly (texts, ids, languages, origins, notes, inline codes)."""
from __future__ import annotations

import codecs
import hashlib
import json
import os

import pytest

from audit.core.errors import InputError, UsageError
from audit.inputs import detect_format, lang_score, normalize_lang, open_input
from audit.inputs.sniff import sniff_format


def write(tmp_path, name: str, content, encoding: str = "utf-8") -> str:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_bytes(content.encode(encoding))
    return str(p)


def read(path, *args, **kw):
    src = open_input([path] if isinstance(path, str) else path, *args, **kw)
    return src, list(src)


# --- TMX -------------------------------------------------------------------------------------------

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header srclang="en-US" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
<body>
<tu tuid="greet">
  <note>homepage banner</note>
  <tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Start<ept i="1">&lt;/b&gt;</ept> &amp; wait<ph x="2">&lt;br/&gt;</ph></seg></tuv>
  <tuv xml:lang="ja-JP"><seg>「<bpt i="1">&lt;b&gt;</bpt>開始<ept i="1">&lt;/b&gt;</ept>」を押して待ちます<ph x="2">&lt;br/&gt;</ph></seg></tuv>
</tu>
<tu>
  <tuv xml:lang="ja-JP"><seg>順序が逆</seg></tuv>
  <tuv xml:lang="en-US"><seg>Reversed order</seg></tuv>
</tu>
<tu tuid="nt"><tuv xml:lang="en-US"><seg>Nobody translated this</seg></tuv></tu>
<tu tuid="empty"><tuv xml:lang="en-US"><seg>Empty one</seg></tuv><tuv xml:lang="ja-JP"><seg/></tuv></tu>
<tu tuid="hi"><tuv xml:lang="en-US"><seg>A <hi type="b">highlighted</hi> word <ut>{x}</ut></seg></tuv><tuv xml:lang="ja-JP"><seg>強調<it pos="begin" x="3">&lt;i&gt;</it></seg></tuv></tu>
</body>
</tmx>
"""


def test_tmx_pairs_ids_languages_and_inline_codes(tmp_path):
    src, pairs = read(write(tmp_path, "m.tmx", TMX))
    assert (src.format, src.source_lang, src.target_lang) == ("tmx", "en-US", "ja-JP")
    assert [p.id for p in pairs] == ["greet", "2", "nt", "empty", "hi"]
    p = pairs[0]
    assert p.source == 'Press <bpt i="1"/>Start<ept i="1"/> & wait<ph x="2"/>'
    assert p.target == '「<bpt i="1"/>開始<ept i="1"/>」を押して待ちます<ph x="2"/>'
    assert p.note == "homepage banner"
    assert (p.source_lang, p.target_lang) == ("en-US", "ja-JP")
    assert p.source_origin.unit == "greet" and p.source_origin.line == 8 and p.target_origin.line == 9
    assert p.source_origin.offset is None
    # variants in the other order are matched by language, not position
    assert (pairs[1].source, pairs[1].target) == ("Reversed order", "順序が逆")
    assert pairs[1].source_origin.unit is None
    # no target variant: None; empty seg: ""
    assert pairs[2].target is None
    assert pairs[3].target == ""
    # <hi> is transparent, <ut> and <it> are codes without their payload
    assert pairs[4].source == 'A highlighted word <ut/>'
    assert pairs[4].target == '強調<it pos="begin" x="3"/>'
    assert [p.index for p in pairs] == [0, 1, 2, 3, 4]


def test_tmx_cli_languages_override_and_select_variant(tmp_path):
    tmx = TMX.replace('<tuv xml:lang="ja-JP"><seg>強調', '<tuv xml:lang="ko"><seg>강조</seg></tuv><tuv xml:lang="ja-JP"><seg>強調')
    path = write(tmp_path, "m.tmx", tmx)
    src, pairs = read(path, src_lang="en", tgt_lang="ko")
    assert (src.source_lang, src.target_lang) == ("en", "ko")
    assert pairs[-1].target == "강조"
    assert pairs[0].target is None  # no Korean variant in the first unit
    assert pairs[0].target_lang == "ko"


def test_tmx_multilingual_header_all_takes_first_variant_as_source(tmp_path):
    tmx = TMX.replace('srclang="en-US"', 'srclang="*all*"')
    src, pairs = read(write(tmp_path, "m.tmx", tmx))
    assert (src.source_lang, src.target_lang) == ("en-US", "ja-JP")
    assert pairs[0].source.startswith("Press")


def test_tmx_unit_without_source_variant_is_skipped_and_counted(tmp_path):
    tmx = TMX.replace('<tu tuid="nt"><tuv xml:lang="en-US"><seg>Nobody translated this</seg></tuv></tu>',
                      '<tu tuid="nt"><tuv xml:lang="ja-JP"><seg>原文なし</seg></tuv></tu>')
    src, pairs = read(write(tmp_path, "m.tmx", tmx))
    assert "nt" not in [p.id for p in pairs]
    assert src.meta["skipped"] == 1


def test_tmx_legacy_lang_attribute_and_declared_encoding(tmp_path):
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<tmx version="1.1"><header srclang="FR"/><body>\n'
            '<tu><tuv lang="FR"><seg>café crème</seg></tuv><tuv lang="DE"><seg>Milchkaffee</seg></tuv></tu>'
            '</body></tmx>\n').encode("latin-1")
    src, pairs = read(write(tmp_path, "old.tmx", data))
    assert (src.source_lang, src.target_lang) == ("fr", "de")
    assert pairs[0].source == "café crème" and pairs[0].target == "Milchkaffee"


def test_tmx_root_must_be_tmx(tmp_path):
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "x.tmx", '<?xml version="1.0"?>\n<xliff version="1.2"/>\n'))
    assert "not a TMX file" in str(e.value) and e.value.line == 2


# --- XLIFF -----------------------------------------------------------------------------------------

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="page.html" source-language="en" target-language="ar" datatype="html">
  <body>
   <group id="g1">
   <trans-unit id="btn">
    <source>Press <g id="1">Save</g> <x id="2"/>now<ph id="3">&lt;br/&gt;</ph> <bpt id="4">&lt;i&gt;</bpt>x<ept id="4">&lt;/i&gt;</ept> <mrk mtype="term">cloud</mrk><bx id="5"/><ex id="5"/></source>
    <target state="translated">اضغط <g id="1">حفظ</g> <x id="2"/>الآن<ph id="3">&lt;br/&gt;</ph> <it id="6" pos="open">&lt;u&gt;</it></target>
    <note from="dev">Button label</note>
    <note>second note</note>
    <alt-trans><source>ignored</source><target>تجاهل</target></alt-trans>
   </trans-unit>
   </group>
   <trans-unit id="missing"><source>No target at all</source></trans-unit>
   <trans-unit id="blank"><source>Blank target</source><target/></trans-unit>
   <trans-unit id="locked" translate="no"><source>ACME</source><target>ACME</target></trans-unit>
   <trans-unit id="ws" xml:space="preserve"><source>  two  spaces  </source><target>  مسافتان  </target></trans-unit>
  </body>
 </file>
 <file original="other.html" source-language="en" target-language="fa" datatype="html">
  <body><trans-unit id="f2"><source>Hello</source><target>سلام</target></trans-unit></body>
 </file>
</xliff>
"""


def test_xliff12_units_codes_notes_and_file_languages(tmp_path):
    src, pairs = read(write(tmp_path, "p.xlf", XLIFF12))
    assert (src.format, src.source_lang, src.target_lang, src.meta["version"]) == ("xliff", "en", "ar", 1)
    assert [p.id for p in pairs] == ["btn", "missing", "blank", "ws", "f2"]
    p = pairs[0]
    assert p.source == ('Press <g id="1">Save</g> <x id="2"/>now<ph id="3"/> <bpt id="4"/>x<ept id="4"/> cloud'
                        '<bx id="5"/><ex id="5"/>')
    assert p.target == 'اضغط <g id="1">حفظ</g> <x id="2"/>الآن<ph id="3"/> <it id="6" pos="open"/>'
    assert p.note == "Button label\nsecond note"
    assert (p.source_origin.unit, p.source_origin.line, p.target_origin.line) == ("btn", 7, 8)
    assert pairs[1].target is None and pairs[2].target == ""
    assert (pairs[3].source, pairs[3].target) == ("  two  spaces  ", "  مسافتان  ")
    assert pairs[4].target_lang == "fa"  # languages follow each <file>


def test_xliff12_cli_language_wins(tmp_path):
    src, pairs = read(write(tmp_path, "p.xlf", XLIFF12), tgt_lang="ar-EG")
    assert src.target_lang == "ar-EG"
    assert {p.target_lang for p in pairs} == {"ar-EG"}


XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-Hans">
 <file id="f1">
  <unit id="u1">
   <notes><note category="context">Welcome screen</note></notes>
   <originalData><data id="d1">&lt;br/&gt;</data><data id="d2">&lt;b&gt;</data></originalData>
   <segment id="s1"><source>Hello <pc id="1" dataRefStart="d2">world</pc><ph id="2" dataRef="d1"/>.</source><target>你好<pc id="1" dataRefStart="d2">世界</pc><ph id="2" dataRef="d1"/>。</target></segment>
   <ignorable><source> </source></ignorable>
   <segment><source><sc id="3"/>Bye<ec startRef="3"/> now<cp hex="0007"/> <mrk id="m1" type="term">cloud</mrk><sm id="a"/>ok<em startRef="a"/></source></segment>
  </unit>
  <unit id="u2"><segment><source>One</source><target></target></segment></unit>
  <unit id="u3" translate="no"><segment><source>ACME</source></segment></unit>
 </file>
</xliff>
"""


def test_xliff2_segments_codes_and_languages(tmp_path):
    src, pairs = read(write(tmp_path, "p.xliff", XLIFF2))
    assert (src.source_lang, src.target_lang, src.meta["version"]) == ("en", "zh-Hans", 2)
    assert [p.id for p in pairs] == ["u1/s1", "u1/2", "u2"]
    a, b, c = pairs
    assert a.source == 'Hello <pc id="1">world</pc><ph id="2"/>.'
    assert a.target == '你好<pc id="1">世界</pc><ph id="2"/>。'
    assert "<br/>" not in a.source + a.target  # originalData payload is never text
    assert a.note == "Welcome screen" and b.note == "Welcome screen"
    assert b.source == '<sc id="3"/>Bye<ec startRef="3"/> now\x07 cloudok'
    assert b.target is None
    assert c.target == "" and c.note is None
    assert (a.source_origin.line, a.target_origin.line, c.source_origin.unit) == (7, 7, "u2")


def test_xliff_root_must_be_xliff(tmp_path):
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "x.xlf", '<?xml version="1.0"?>\n\n<tmx version="1.4"/>\n'))
    assert "not an XLIFF file" in str(e.value) and e.value.line == 3


# --- safety: entities, DTDs, network --------------------------------------------------------------

def test_xxe_external_entities_are_not_resolved_or_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    dtd = f"""<?xml version="1.0"?>
<!DOCTYPE ROOT [
<!ENTITY xxe SYSTEM "file://{secret}">
<!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">
<!ENTITY % pe SYSTEM "http://127.0.0.1:9/pe.dtd">
%pe;
]>
"""
    xlf = dtd.replace("ROOT", "xliff") + (
        '<xliff version="1.2"><file source-language="en" target-language="es"><body>\n'
        '<trans-unit id="1"><source>A &xxe; B &remote;</source><target>ok</target></trans-unit>\n'
        '</body></file></xliff>\n')
    path = write(tmp_path, "evil.xlf", xlf)
    before = hashlib.sha256(open(path, "rb").read()).hexdigest()
    _, pairs = read(path)
    assert pairs[0].source == "A &xxe; B &remote;"  # kept as written, never expanded
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == before
    tmx = dtd.replace("ROOT", "tmx") + (
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>'
        '<tuv xml:lang="es"><seg>x</seg></tuv></tu></body></tmx>\n')
    _, pairs = read(write(tmp_path, "evil.tmx", tmx))
    assert pairs[0].source == "&xxe;"


def test_billion_laughs_is_not_expanded(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">\n' for i in range(1, 10))
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY lol0 "lol">\n{lol}]>\n'
            '<xliff version="1.2"><file source-language="en" target-language="es"><body>\n'
            '<trans-unit id="1"><source>A &lol9; B</source><target>ok</target></trans-unit>\n'
            '</body></file></xliff>\n')
    path = write(tmp_path, "lol.xlf", data)
    try:
        _, pairs = read(path)
    except InputError as exc:  # libxml2 may refuse the file outright: fine, one clean error
        assert exc.path == path and "entity" in exc.message.lower()
    else:
        assert pairs[0].source == "A &lol9; B"


# --- PO --------------------------------------------------------------------------------------------

PO = r'''# Translator: someone
msgid ""
msgstr ""
"Project-Id-Version: demo\n"
"Language: ru_RU\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

# translator says hi
#. Shown in the File menu
#: src/menu.c:12
#, fuzzy, c-format
msgctxt "menu"
msgid "Open %s"
msgstr "Открыть %s"

#, c-format
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] ""

msgid ""
"Two lines\n"
"with \"quotes\", a\ttab and a \\ backslash"
msgstr ""
"Две строки\n"
"с «кавычками», \tтабуляцией и \\ косой"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Старое"

msgid "Octal \101 hex \x42"
msgstr "Восьм. \101 шестн. \x42"
'''


def test_po_entries_plurals_fuzzy_header_obsolete(tmp_path):
    src, pairs = read(write(tmp_path, "m.po", PO))
    assert (src.format, src.source_lang, src.target_lang) == ("po", None, "ru-RU")
    ids = [p.id for p in pairs]
    assert ids == ["menu|Open %s", "%d file[0]", "%d file[1]", "%d file[2]",
                   'Two lines\nwith "quotes", a\ttab and a \\ backslash', "Untranslated", "#~ Old", "Octal A hex B"]
    m = pairs[0]
    assert (m.source, m.target) == ("Open %s", "Открыть %s")
    assert m.note == "fuzzy\nmsgctxt: menu\ntranslator says hi\nShown in the File menu"
    assert (m.source_origin.line, m.target_origin.line) == (14, 15)
    # Russian msgstr[0] is used for 1, 21, 31...: it translates msgid_plural, like the other forms
    assert [(p.source, p.target) for p in pairs[1:4]] == [("%d files", "%d файл"), ("%d files", "%d файла"),
                                                          ("%d files", None)]
    assert [(p.unit.form, p.unit.forms, p.unit.singular, p.unit.state) for p in pairs[1:4]] == [
        (n, 3, "%d file", "translated") for n in range(3)]
    assert m.unit.state == "fuzzy" and m.unit.flags == {"fuzzy", "c-format"} and m.unit.context == "menu"
    assert m.unit.location == "src/menu.c:12" and m.unit.key == "menu|Open %s"
    assert pairs[1].unit.nplurals == 3 and pairs[1].unit.header_line == 7 and pairs[1].unit.single is None
    assert pairs[5].unit.state == "untranslated" and pairs[4].unit.state == "translated"
    assert src.meta["units"] == {"translated": 3, "fuzzy": 1, "untranslated": 1, "obsolete": 1}
    assert pairs[3].target_origin.line == 22
    assert pairs[4].target == "Две строки\nс «кавычками», \tтабуляцией и \\ косой"
    assert pairs[5].target is None  # untranslated PO entry: no target
    # the obsolete entry is a pair of state "obsolete" (left out unless --only obsolete selects it)
    assert (pairs[6].source, pairs[6].target, pairs[6].unit.state) == ("Old", "Старое", "obsolete")
    assert (pairs[7].source, pairs[7].target) == ("Octal A hex B", "Восьм. A шестн. B")
    assert all(p.target_lang == "ru-RU" for p in pairs)


def test_po_agrees_with_translate_toolkit(tmp_path):
    from translate.storage import pypo

    # pypo ignores gettext's octal/hex escapes (\\101 -> "101"); gettext's msgfmt decodes them, as we do
    path = write(tmp_path, "m.po", PO.split('msgid "Octal')[0])
    ours = [(p.unit.singular if p.unit.form is not None else p.source, p.target or "")
            for p in open_input([path]) if not p.id.endswith(("[1]", "[2]"))]
    theirs = []
    for u in pypo.pofile.parsefile(path).units:
        if u.isheader():
            continue
        if u.hasplural():
            theirs.append((u.source.strings[0], u.target.strings[0]))
        else:
            theirs.append((u.source, u.target))
    assert ours == theirs


def test_po_legacy_charset_and_source_language_header(tmp_path):
    text = ('msgid ""\nmsgstr ""\n"Language: de\\n"\n"X-Source-Language: fr\\n"\n'
            '"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "Crème brûlée"\nmsgstr "Crème brûlée (Süßspeise)"\n')
    src, pairs = read(write(tmp_path, "l.po", text, encoding="latin-1"))
    assert (src.source_lang, src.target_lang) == ("fr", "de")
    assert (pairs[0].source, pairs[0].target) == ("Crème brûlée", "Crème brûlée (Süßspeise)")


def test_po_charset_is_taken_from_the_header_only(tmp_path):
    text = ('msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "Content-Type: text/html; charset=ISO-8859-1"\n'
            'msgstr "Tipo de contenido: texto/html; juego de caracteres=ISO-8859-1 — ñ"\n')
    _, pairs = read(write(tmp_path, "u.po", text))
    assert pairs[0].target.endswith("— ñ")


@pytest.mark.parametrize("body, line, what", [
    ('msgid "a"\nmsgstr "b\n', 2, "double quotes"),
    ('msgid "a"\n', 1, "without msgstr"),
    ('msgid "a"\nmsgstr "b"\n"orphan" x\n', 3, "double quotes"),
    ('msgstr "b"\n', 1, "before msgid"),
    ('msgid "a\\q"\nmsgstr "b"\n', 1, "escape"),
    ('msgid "a"\nmsgstr[0] "b"\n', 2, "msgid_plural"),
    ('msgid "a"\nmsgstr "b"\nbogus line\n', 3, "unexpected"),
])
def test_po_errors_name_the_line(tmp_path, body, line, what):
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "bad.po", body))
    assert e.value.line == line and what in e.value.message


# --- TSV, JSONL, text pairs -------------------------------------------------------------------------

def test_tsv_header_references_and_no_quoting(tmp_path):
    text = 'Source\tTarget\tReference\tid\n"quoted"\t«цитата»\tref one\tx7\nback\\tslash\tобратная\\n\t\t\n\n\t\n'
    src, pairs = read(write(tmp_path, "d.tsv", text))
    assert src.format == "tsv"
    assert [(p.id, p.source, p.target, p.references) for p in pairs] == [
        ("x7", '"quoted"', "«цитата»", ("ref one",)),
        ("3", "back\\tslash", "обратная\\n", ()),
        ("5", "", "", ()),
    ]
    assert pairs[1].source_origin.line == 3


def test_tsv_without_header_extra_columns_are_references(tmp_path):
    text = "Hello\tनमस्ते\tनमस्कार\t\tहैलो\r\nsource\ttarget\n"
    _, pairs = read(write(tmp_path, "d.tsv", text))
    assert pairs[0].references == ("नमस्कार", "हैलो")
    assert (pairs[1].source, pairs[1].target) == ("source", "target")  # only the first row can be a header


def test_tsv_row_without_tab_is_an_error_naming_the_line(tmp_path):
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "d.tsv", "a\tb\nno tab here\n"))
    assert e.value.line == 2 and "2 tab-separated columns" in e.value.message


def test_jsonl_fields_and_languages(tmp_path):
    rows = [{"id": 7, "source": "Hi", "target": None, "source_lang": "en", "target_lang": "tr", "note": "greeting"},
            {"source": "Bye", "target": "Hoşça kal", "references": ["Güle güle", "Hoşça kalın"], "extra": 1}]
    path = write(tmp_path, "c.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    src, pairs = read(path)
    assert (src.source_lang, src.target_lang) == ("en", "tr")
    assert [(p.id, p.target, p.references, p.note) for p in pairs] == [
        ("7", None, (), "greeting"), ("2", "Hoşça kal", ("Güle güle", "Hoşça kalın"), None)]


def test_text_pair_lines_offsets_and_crlf(tmp_path):
    s = write(tmp_path, "s.txt", "One.\r\nTwo.\r\n\r\nFour.\n")
    t = write(tmp_path, "t.txt", "Один.\nДва.\n\nЧетыре.")
    src, pairs = read([s, t], "text")
    assert [(p.source, p.target) for p in pairs] == [("One.", "Один."), ("Two.", "Два."), ("", ""), ("Four.", "Четыре.")]
    assert [p.target_origin.offset for p in pairs] == [0, 6, 11, 12]
    assert "Два." == "Один.\nДва.\n\nЧетыре."[6:10]
    assert pairs[3].source_origin.line == 4


def test_text_pair_with_carriage_returns_only(tmp_path):
    # classic Mac OS line ends: no \n anywhere, so \r ends lines (offsets still index the file's text)
    s = write(tmp_path, "s.txt", "One.\rTwo.\rThree.\r")
    t = write(tmp_path, "t.txt", "Uno.\rDos.\rTres.")
    src, pairs = read([s, t], "text")
    assert [(p.source, p.target) for p in pairs] == [("One.", "Uno."), ("Two.", "Dos."), ("Three.", "Tres.")]
    assert [p.target_origin.offset for p in pairs] == [0, 5, 10]
    assert [p.source_origin.line for p in pairs] == [1, 2, 3]
    # a \r inside a file that has \n line ends stays in the text
    s = write(tmp_path, "s2.txt", "A\rB.\nC.\n")
    t = write(tmp_path, "t2.txt", "A B.\nC.\n")
    src, pairs = read([s, t], "text")
    assert [p.source for p in pairs] == ["A\rB.", "C."]


# --- decoding ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-8", b""),
])
def test_text_encodings_with_bom(tmp_path, encoding, bom):
    text = "source\ttarget\nПривет, мир\t你好，世界\r\nمرحبا\tनमस्ते 🎉\n"
    path = write(tmp_path, "e.tsv", bom + text.encode(encoding))
    _, pairs = read(path)
    assert [(p.source, p.target) for p in pairs] == [("Привет, мир", "你好，世界"), ("مرحبا", "नमस्ते 🎉")]


def test_utf16_xml_with_bom(tmp_path):
    data = XLIFF12.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    _, pairs = read(write(tmp_path, "u16.xlf", data))
    assert pairs[0].target.startswith("اضغط")


def test_bad_utf8_reports_line_and_character_column(tmp_path):
    path = write(tmp_path, "b.tsv", "ok\tok\nпривет\tcaf".encode() + b"\xe9" + b"\n")
    with pytest.raises(InputError) as e:
        read(path)
    assert e.value.line == 2 and "column 11" in e.value.message and "0xe9" in e.value.message


def test_bad_utf16_reports_line(tmp_path):
    data = codecs.BOM_UTF16_LE + "a\tb\nc\td\n".encode("utf-16-le") + b"\x00\xdc" + "x\n".encode("utf-16-le")
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "b.tsv", data))
    assert e.value.line == 3 and "UTF-16" in e.value.message


# --- format detection ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, fmt", [
    ("a.xml", TMX, "tmx"),
    ("a.xml", XLIFF2, "xliff"),
    ("a.dat", '<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE xliff [ <!ENTITY a "b"> ]>\n<xliff version="1.2"/>', "xliff"),
    ("a", '{"source": "a", "target": "b"}\n', "jsonl"),
    ("a.txt", "a\tb\n", "tsv"),
    ("a.txt", '# comment\nmsgid ""\nmsgstr ""\n', "po"),
    ("a.pot", 'msgid "x"\nmsgstr ""\n', "po"),
    ("a.tab", "a\tb\n", "tsv"),
    ("a.sdlxliff", "", "xliff"),
    ("a.ndjson", '{"source": "a"}\n', "jsonl"),
])
def test_detect_format_by_extension_then_content(tmp_path, name, content, fmt):
    assert detect_format(write(tmp_path, name, content)) == fmt


def test_sniff_unknown_content_is_none(tmp_path):
    assert sniff_format(write(tmp_path, "a.bin", "just some words\n")) is None
    assert sniff_format(write(tmp_path, "b.xml", "<html><body/></html>")) is None


def test_single_plain_text_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        open_input([write(tmp_path, "one.txt", "just one line\n")])


def test_input_format_override(tmp_path):
    path = write(tmp_path, "data.xlf", "a\tb\n")  # misnamed TSV
    _, pairs = read(path, input_format="tsv")
    assert (pairs[0].source, pairs[0].target) == ("a", "b")


# --- streaming and re-iteration --------------------------------------------------------------------

@pytest.mark.parametrize("name, good, bad", [
    ("s.tmx", '<tmx version="1.4"><header srclang="en"/><body>'
              '<tu><tuv xml:lang="en"><seg>one</seg></tuv><tuv xml:lang="de"><seg>eins</seg></tuv></tu>\n',
     "<tu><tuv xml:lang='en'><seg>two</tuv></tu></body></tmx>\n"),
    ("s.xlf", '<xliff version="1.2"><file source-language="en" target-language="de"><body>'
              '<trans-unit id="1"><source>one</source><target>eins</target></trans-unit>\n',
     "<trans-unit id='2'><source>two</trans-unit></body></file></xliff>\n"),
    ("s.po", 'msgid "one"\nmsgstr "eins"\n\n', 'msgid "two"\nmsgstr "zwei\n'),
    ("s.tsv", "one\teins\n", "two\n"),
    ("s.jsonl", '{"source": "one", "target": "eins"}\n', '{"source": "two",\n'),
])
def test_readers_stream_pairs_before_reading_the_rest(tmp_path, name, good, bad):
    filler = {"s.tmx": "<!-- pad -->\n", "s.xlf": "<!-- pad -->\n", "s.po": "# pad\n", "s.tsv": "x\ty\n",
              "s.jsonl": '{"source": "x", "target": "y"}\n'}[name]
    path = write(tmp_path, name, good + filler * 20000 + bad)
    it = iter(open_input([path]))
    first = next(it)
    assert (first.source, first.target) == ("one", "eins")
    with pytest.raises(InputError) as e:
        list(it)
    assert e.value.line == {"s.po": 20005}.get(name, 20002)


def test_pair_source_is_reiterable(tmp_path):
    src = open_input([write(tmp_path, "m.tmx", TMX)])
    assert [p.id for p in src] == [p.id for p in src]


def test_readers_never_modify_input(tmp_path):
    paths = [write(tmp_path, "m.tmx", TMX), write(tmp_path, "p.xlf", XLIFF12), write(tmp_path, "m.po", PO),
             write(tmp_path, "p2.xlf", XLIFF2)]
    before = {p: (hashlib.sha256(open(p, "rb").read()).hexdigest(), os.stat(p).st_mtime_ns) for p in paths}
    for p in paths:
        list(open_input([p]))
    after = {p: (hashlib.sha256(open(p, "rb").read()).hexdigest(), os.stat(p).st_mtime_ns) for p in paths}
    assert before == after


# --- language tags ---------------------------------------------------------------------------------

def test_language_tags():
    assert normalize_lang("pt_BR") == "pt-BR"
    assert normalize_lang("zh_hans_cn") == "zh-Hans-CN"
    assert normalize_lang("sr@latin") == "sr-Latn"
    assert normalize_lang("de_DE.UTF-8") == "de-DE"
    assert normalize_lang(" ") is None
    assert lang_score("en-US", "en-us") == 2 and lang_score("en-GB", "en") == 1 and lang_score("fr", "en") == 0


def test_xliff12_segmented_units_give_a_pair_per_segment(tmp_path):
    xlf = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="doc.docx" source-language="en-US" target-language="hi-IN" datatype="x-docx"><body>
  <trans-unit id="p1">
   <source>First sentence. Second <g id="1">bold</g> one.</source>
   <seg-source><mrk mtype="seg" mid="1">First sentence.</mrk> <mrk mtype="seg" mid="2">Second <g id="1">bold</g> one.</mrk></seg-source>
   <target><mrk mtype="seg" mid="2">दूसरा <g id="1">मोटा</g> वाक्य।</mrk> <mrk mtype="seg" mid="1">पहला वाक्य।</mrk></target>
  </trans-unit>
  <trans-unit id="p2">
   <source>Only one.</source>
   <seg-source><mrk mtype="seg" mid="3">Only one.</mrk></seg-source>
  </trans-unit>
  <trans-unit id="p3">
   <source>Not segmented target.</source>
   <seg-source><mrk mtype="seg" mid="4">Not segmented target.</mrk></seg-source>
   <target>लक्ष्य खंडित नहीं।</target>
  </trans-unit>
 </body></file>
</xliff>
"""
    _, pairs = read(write(tmp_path, "seg.xlf", xlf))
    assert [(p.id, p.source, p.target) for p in pairs] == [
        ("p1/1", "First sentence.", "पहला वाक्य।"),
        ("p1/2", 'Second <g id="1">bold</g> one.', 'दूसरा <g id="1">मोटा</g> वाक्य।'),
        ("p2", "Only one.", None),
        ("p3", "Not segmented target.", "लक्ष्य खंडित नहीं।"),
    ]
    assert pairs[1].source_origin.line == 6 and pairs[1].target_origin.line == 7


def test_tmx_wrong_source_language_is_an_error_not_an_empty_report(tmp_path):
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "m.tmx", TMX), src_lang="fr")
    assert "source language 'fr'" in e.value.message


def test_cli_takes_languages_from_the_file_and_honours_input_format(tmp_path, capsys):
    from audit.cli import main

    out = tmp_path / "r.json"
    assert main(["check", write(tmp_path, "m.tmx", TMX), "--select", "EMP", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["source_lang"], report["target_lang"]) == ("en-US", "ja-JP")
    misnamed = write(tmp_path, "po-really.txt", PO)
    assert main(["check", misnamed, "-f", "po", "--select", "EMP", "-F", "json", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["target_lang"] == "ru-RU" and len(report["segments"]) == 7
    capsys.readouterr()


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = write(tmp_path, "s.jsonl", '{"source": "bad \\ud800 here", "target": "ok \\ud83d\\ude00", "references": ["\\udfff"]}\n')
    _, pairs = read(path)
    assert (pairs[0].source, pairs[0].target, pairs[0].references) == ("bad \ufffd here", "ok 😀", ("\ufffd",))
    xlf = XLIFF2.replace('<cp hex="0007"/>', '<cp hex="D800"/>')
    _, pairs = read(write(tmp_path, "s.xlf", xlf))
    assert "\ufffd" in pairs[1].source and "\ud800" not in pairs[1].source


def test_file_language_tags_are_normalised_on_every_pair(tmp_path):
    xlf = XLIFF12.replace('target-language="ar"', 'target-language="AR_eg"')
    src, pairs = read(write(tmp_path, "p.xlf", xlf))
    assert src.target_lang == "ar-EG" and pairs[0].target_lang == "ar-EG"
    _, pairs = read(write(tmp_path, "m.tmx", TMX.replace('xml:lang="ja-JP"', 'xml:lang="ja_jp"')))
    assert pairs[0].target_lang == "ja-JP"
