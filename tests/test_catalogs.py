"""Catalogs (issue 12): Pair.unit from the PO/XLIFF/TMX readers, plural forms matched with the
right source by the numbers they cover, CON checks that never compare two forms of one entry,
untranslated units counted instead of flagged, and the PLR plural checks, on the real-world-shaped
catalogs of tests/fixtures/catalogs/."""
from __future__ import annotations

import json
import os

import pytest

from audit.core.config import Config
from audit.inputs import open_input
from audit.lang.plurals import PluralError, cldr_nplurals, parse_plural_forms
from audit.pipeline.engine import run_audit

HERE = os.path.join(os.path.dirname(__file__), "fixtures", "catalogs")


def path(name: str) -> str:
    return os.path.join(HERE, name)


def read_text(name: str) -> str:
    with open(path(name), encoding="utf-8") as fh:
        return fh.read()


def audit(name: str, **cfg):
    return run_audit([path(name)], source_lang="en", config=Config(**cfg), jobs=1)


def flags_by_code(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for seg in result.segments:
        for f in seg.flags:
            out.setdefault(f.code, []).append((seg.pair, f))
    return out


# --- plural forms: the header parser and CLDR ------------------------------------------------------

def test_plural_forms_parser_distribution_and_errors():
    ru = parse_plural_forms("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                            "(n%100<10 || n%100>=20) ? 1 : 2);")
    dist = ru.distribution()
    assert ru.nplurals == 3 and dist[0][:4] == (1, 21, 31, 41) and dist[2][:3] == (0, 5, 6)
    ar = parse_plural_forms("nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                            ": n%100>=11 ? 4 : 5;")
    assert ar.distribution()[:3] == ((0,), (1,), (2,))
    header = "nplurals=2; plural=(n > 1 ? 2 : 0);"
    with pytest.raises(PluralError) as e:
        parse_plural_forms(header)
    assert header[e.value.start:e.value.end] == "(n > 1 ? 2 : 0)"
    for bad in ("nplurals=2; plural=__import__('os');", "nplurals=2; plural=n >> 1;", "plural=n != 1;",
                "nplurals=2; plural=n / 0;", "nplurals=2;"):
        with pytest.raises(PluralError):
            parse_plural_forms(bad)


@pytest.mark.parametrize("lang, counts", [("fr", (2, 3)), ("ru", (3, 4)), ("ja", (1,)), ("zh-Hans", (1,)),
                                          ("ar", (6,)), ("hi", (2,)), ("de", (2,)), ("pl", (3, 4))])
def test_cldr_form_counts(lang, counts):
    assert cldr_nplurals(lang) == counts


# --- the PO reader: units, states, the source of each form ----------------------------------------

def test_po_units_states_and_sources():
    pairs = list(open_input([path("ja.po")]))
    first = pairs[0]
    # nplurals=1: msgstr[0] is used for every number, so it translates msgid_plural
    assert (first.source, first.unit.form, first.unit.forms, first.unit.single) == (
        "%(count)s files were deleted.", 0, 1, None)
    assert first.unit.singular == "%(count)s file was deleted." and first.unit.flags == {"python-format"}
    assert first.unit.location == "demo/views.py:10" and first.unit.plural_forms == "nplurals=1; plural=0;"
    assert [p.unit.state for p in pairs] == ["translated"] * 3 + ["fuzzy", "untranslated", "untranslated", "obsolete"]
    fr = list(open_input([path("fr.po")]))
    assert fr[1].unit.previous == "Delete the file %(name)s now?" and fr[1].unit.state == "fuzzy"
    ar = list(open_input([path("ar.po")]))[:6]
    # Arabic: the forms for 0, 1, 2 are used for one number each; only the form for 1 translates msgid
    assert [p.unit.single for p in ar] == [0, 1, 2, None, None, None]
    assert [p.source == "%(count)s file" for p in ar] == [False, True, False, False, False, False]
    ru = list(open_input([path("ru.po")]))
    assert {p.source for p in ru[:3]} == {"%(count)s products in the cart"}  # msgstr[0]: 1, 21, 31...
    assert ru[0].unit.context == "cart" and ru[0].unit.key == "cart|%(count)s product in the cart"
    fr_ok = list(open_input([path("fr_ok.po")]))
    assert fr_ok[0].source == "%(count)s files were deleted."  # French msgstr[0] is used for 0 and 1


def test_po_state_counts_match_msgfmt_statistics():
    # msgfmt --statistics: ru.po 5 translated, 1 fuzzy, 2 untranslated; ja.po 3, 1, 2
    src = open_input([path("ru.po")])
    list(src)
    assert src.meta["units"] == {"translated": 5, "fuzzy": 1, "untranslated": 2, "obsolete": 2}
    src = open_input([path("ja.po")])
    list(src)
    assert src.meta["units"] == {"translated": 3, "fuzzy": 1, "untranslated": 2, "obsolete": 1}


def test_po_errors_keep_their_line_numbers(tmp_path):
    from audit.core.errors import InputError

    p = tmp_path / "bad.po"
    p.write_text('msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n#| msgid "old"\n'
                 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(open_input([str(p)]))
    assert e.value.line == 8


# --- checks on the fixture catalogs ---------------------------------------------------------------

CATALOGS = ["fr.po", "fr_ok.po", "fr_n1.po", "ja.po", "zh_Hans.po", "ru.po", "ar.po", "nohdr.po", "badexpr.po"]


@pytest.mark.parametrize("name", CATALOGS)
def test_no_flag_compares_two_forms_of_one_entry(name):
    result = audit(name)
    by_id = {seg.pair.id: seg.pair for seg in result.segments}
    for seg in result.segments:
        for f in seg.flags:
            if f.code in ("CON001", "CON002"):
                other = by_id[f.data["other"]]
                assert other.unit.key != seg.pair.unit.key, (f.code, seg.pair.id, other.id)


def test_con001_compares_the_same_form_of_two_entries(tmp_path):
    text = read_text("ru.po").replace(
        'msgstr[2] "%(count)s товаров в корзине"\n\n#, python-format\nmsgid "%(count)s day',
        'msgstr[2] "%(count)s изделий в корзине"\n\n#, python-format\nmsgid "%(count)s day')
    p = tmp_path / "ru.po"
    p.write_text(text, encoding="utf-8")
    result = run_audit([str(p)], source_lang="en", config=Config(select=("CON",)), jobs=1)
    got = [(seg.pair.id, f.data["other"]) for seg in result.segments for f in seg.flags]
    assert got == [("order|%(count)s product in the cart[2]", "cart|%(count)s product in the cart[2]")]


@pytest.mark.parametrize("name", ["fr.po", "ja.po", "zh_Hans.po", "ru.po", "ar.po"])
def test_untranslated_units_are_counted_not_flagged(name):
    result = audit(name)
    for seg in result.segments:
        if seg.pair.unit.state == "untranslated":
            assert not seg.flags, (seg.pair.id, seg.flags)
    flagged = audit(name, options={"EMP001": {"untranslated": True}})
    untranslated = [s for s in flagged.segments if s.pair.unit.state == "untranslated" and s.pair.source.strip()]
    assert untranslated and all("EMP001" in {f.code for f in s.flags} for s in untranslated)


def test_an_empty_form_of_a_translated_entry_is_still_missing():
    got = [(p.id, f.spans) for p, f in flags_by_code(audit("ru.po", select=("EMP",))).get("EMP001", [])]
    assert [pid for pid, _ in got] == ["%(count)s hour ago[2]"]


@pytest.mark.parametrize("name, lang", [("ja.po", "ja"), ("zh_Hans.po", "zh"), ("ar.po", "ar"), ("ru.po", "ru")])
def test_count_placeholder_is_not_reported_on_plural_forms(name, lang):
    found = flags_by_code(audit(name, select=("MRK", "NUM")))
    # ja/zh: msgstr[0] compared with msgid_plural, so %(count)s is not "added"; ar forms for 0/1/2 may drop it
    bad = [(p.id, f.message) for code in ("MRK002", "NUM001", "NUM002") for p, f in found.get(code, [])
           if "count" in f.message]
    assert bad == []


def test_a_single_number_form_may_drop_only_the_count():
    found = flags_by_code(audit("ar.po", select=("MRK002",)))["MRK002"]
    assert [(p.id, p.source[f.spans[0].start:f.spans[0].end]) for p, f in found] == [
        ("%(count)s file in %(folder)s[1]", "%(folder)s")]


def _plr(name):
    return [(f.code, f.severity.label, p.id, f.spans, dict(f.data or {})) for code, items in
            sorted(flags_by_code(audit(name, select=("PLR",))).items()) for p, f in items]


def test_plr002_nplurals_differs_from_cldr():
    (code, sev, pid, spans, data), = _plr("fr.po")
    assert (code, sev, pid, spans) == ("PLR002", "major", "%(count)s file was deleted.[0]", ())
    assert data["header"][data["start"]:data["end"]] == "nplurals=1" and data["header_line"] == 9


def test_plr002_partition_differs_from_cldr_is_minor():
    (code, sev, _, _, data), = _plr("fr_n1.po")
    assert (code, sev) == ("PLR002", "minor")
    assert data["header"][data["start"]:data["end"]] == "(n != 1)"


def test_plr003_form_count_differs_from_nplurals():
    got = _plr("ru.po")
    assert [(c, pid) for c, _, pid, _, _ in got] == [("PLR003", "%(count)s day remaining[1]"),
                                                    ("PLR003", "%(count)s week remaining[3]")]
    day = next(p for p in open_input([path("ru.po")]) if p.id == "%(count)s day remaining[1]")
    end = len(day.target)
    assert [(s.side, s.start, s.end) for s in got[0][3]] == [("target", end, end)]  # where msgstr[2] should follow
    week = got[1][3][0]
    assert (week.side, week.start) == ("target", 0)


def test_plr001_missing_or_unusable_header():
    (code, _, pid, _, data), = _plr("nohdr.po")
    assert (code, pid, data["header"]) == ("PLR001", "%(count)s file[0]", None)
    (code, _, _, _, data), = _plr("badexpr.po")
    assert code == "PLR001" and data["header"][data["start"]:data["end"]] == "(n > 1 ? 2 : 0)"


@pytest.mark.parametrize("name", ["fr_ok.po", "ja.po", "zh_Hans.po", "ar.po"])
def test_plr_clean_catalogs(name):
    assert _plr(name) == []


def test_plr_accepts_cldr_generated_four_form_russian(tmp_path):
    text = read_text("ru.po").replace(
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=4; plural=(n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || "
        "n % 100 > 14) ? 1 : n % 10 == 0 || (n % 10 >= 5 && n % 10 <= 9) || (n % 100 >= 11 && n % 100 <= 14)? 2 : 3);")
    p = tmp_path / "ru4.po"
    p.write_text(text, encoding="utf-8")
    result = run_audit([str(p)], source_lang="en", config=Config(select=("PLR002",)), jobs=1)
    assert result.flags == []


# --- reports --------------------------------------------------------------------------------------

def test_reports_count_units_by_state(tmp_path, capsys):
    from audit.cli import main

    out = tmp_path / "r.json"
    assert main(["check", path("ru.po"), "-s", "en", "-j", "1", "-F", "json", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    counts = {"translated": 5, "untranslated": 2, "fuzzy": 1, "obsolete": 2}
    assert report["catalog"]["total"] == counts
    assert list(report["catalog"]["files"].values()) == [counts]
    seg = next(s for s in report["segments"] if s["id"] == "%(count)s minute ago[0]")
    assert seg["unit"]["state"] == "fuzzy" and seg["unit"]["forms"] == 3
    txt = tmp_path / "r.txt"
    assert main(["check", path("ru.po"), "-s", "en", "-j", "1", "-F", "text", "-o", str(txt)]) == 0
    text = txt.read_text(encoding="utf-8")
    assert "Catalog units" in text and "5 translated, 2 untranslated, 1 fuzzy, 2 obsolete" in text
    capsys.readouterr()


def test_fuzzy_segments_are_checked_and_marked(tmp_path, capsys):
    from audit.cli import main

    p = tmp_path / "fz.po"
    p.write_text('msgid ""\nmsgstr "Language: de\\n"\n\n#, fuzzy, python-format\nmsgid "Delete %(name)s?"\n'
                 'msgstr "Löschen?"\n', encoding="utf-8")
    txt = tmp_path / "r.txt"
    assert main(["check", str(p), "-s", "en", "-j", "1", "--select", "MRK", "-F", "text", "-o", str(txt)]) == 0
    text = txt.read_text(encoding="utf-8")
    assert "(fuzzy)" in text and "MRK002" in text
    capsys.readouterr()


# --- XLIFF and TMX units --------------------------------------------------------------------------

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
 <file original="a" source-language="en" target-language="ru" datatype="plaintext"><body>
  <trans-unit id="new"><source>Open the file.</source><target state="new">Open the file.</target></trans-unit>
  <trans-unit id="none"><source>Close the file.</source></trans-unit>
  <trans-unit id="review"><source>Save the file.</source><target state="needs-review-translation">Сохранить файл.</target></trans-unit>
  <trans-unit id="ok"><source>Print the file.</source><target state="translated">Печать файла.</target></trans-unit>
  <trans-unit id="appr" approved="yes"><source>Copy the file.</source><target>Копировать файл.</target></trans-unit>
  <trans-unit id="lock" mq:locked="locked"><source>Move the file.</source><target>Переместить файл.</target></trans-unit>
  <trans-unit id="final"><source>Rename the file.</source><target state="final">Переименовать файл.</target></trans-unit>
  <trans-unit id="no" translate="no"><source>ACME</source><target>ACME</target></trans-unit>
 </body></file>
</xliff>
"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">
 <file id="f1">
  <unit id="a"><segment state="initial"><source>Open</source></segment></unit>
  <unit id="b"><segment state="initial"><source>Close</source><target>閉じる</target></segment></unit>
  <unit id="c"><segment state="reviewed"><source>Save</source><target>保存</target></segment></unit>
  <unit id="d"><segment><source>Print</source><target>印刷</target></segment></unit>
 </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
 <tu tuid="1"><tuv xml:lang="en"><seg>Hello there.</seg></tuv><tuv xml:lang="ar"><seg>مرحبا.</seg></tuv></tu>
 <tu tuid="2"><tuv xml:lang="en"><seg>Good night.</seg></tuv></tu>
</body></tmx>
"""


def _read(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    src = open_input([str(p)])
    return src, list(src)


def test_xliff12_states(tmp_path):
    src, pairs = _read(tmp_path, "a.xlf", XLIFF12)
    assert {p.id: p.unit.state for p in pairs} == {
        "new": "untranslated", "none": "untranslated", "review": "fuzzy", "ok": "translated",
        "appr": "approved", "lock": "locked", "final": "final"}
    assert src.meta["units"]["locked"] == 2  # the mq:locked unit and the translate="no" one (not a pair)
    assert "needs-review-translation" in pairs[2].unit.flags


def test_xliff2_states(tmp_path):
    _src, pairs = _read(tmp_path, "b.xlf", XLIFF2)
    assert [p.unit.state for p in pairs] == ["untranslated", "fuzzy", "approved", "translated"]
    result = run_audit([str(tmp_path / "b.xlf")], config=Config(select=("EMP",)), jobs=1)
    assert result.flags == []


def test_tmx_units(tmp_path):
    src, pairs = _read(tmp_path, "c.tmx", TMX)
    assert [p.unit.state for p in pairs] == ["translated", "untranslated"]
    assert src.meta["units"] == {"translated": 1, "untranslated": 1}
    assert run_audit([str(tmp_path / "c.tmx")], config=Config(select=("EMP",)), jobs=1).flags == []
    flagged = run_audit([str(tmp_path / "c.tmx")], config=Config(select=("EMP",), options={"EMP001": {"untranslated": True}}),
                        jobs=1)
    assert [f.pair_id for f in flagged.flags] == ["2"]


def test_the_form_for_zero_may_drop_every_placeholder(tmp_path):
    p = tmp_path / "ar0.po"
    p.write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
                 'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"\n\n#, python-format\n'
                 'msgid "%(count)s %(name)s was changed successfully."\nmsgid_plural "%(count)s %(name)s were changed successfully."\n'
                 'msgstr[0] "لم يتم تغيير أي شيء"\nmsgstr[1] "تم تغيير %(name)s بنجاح."\nmsgstr[2] "تم تغيير %(name)s بنجاح."\n'
                 'msgstr[3] "تم تغيير %(count)s %(name)s بنجاح."\nmsgstr[4] "تم تغيير %(count)s %(name)s بنجاح."\n'
                 'msgstr[5] "تم تغيير %(name)s بنجاح."\n', encoding="utf-8")
    result = run_audit([str(p)], source_lang="en", config=Config(select=("MRK002",)), jobs=1)
    # forms 0, 1, 2 are used for one number each; form 5 (100, 101...) must keep the count
    assert [(f.pair_id, f.message) for f in result.flags] == [
        ("%(count)s %(name)s was changed successfully.[5]", "placeholder %(count)s missing in the target")]


def test_header_parser_and_cldr_evaluator_agree_with_babel():
    """Babel writes each language's CLDR rules as a gettext expression; ours must parse it and split
    0..1000 exactly as our own reading of the shipped CLDR rules does (expressions that use CLDR
    operands other than n, which gettext does not know, are left out)."""
    import re

    babel = pytest.importorskip("babel")
    from babel.plural import to_gettext

    from audit.lang import cldr
    from audit.lang.plurals import cldr_forms

    compared = 0
    for lang in cldr.meta()["languages"]:
        header = to_gettext(babel.Locale.parse(lang).plural_form)
        if re.search(r"[a-mo-z]", header.split("plural=")[1]):
            continue
        dist = parse_plural_forms(header).distribution()
        assert [set(x) for x in dist] == [set(nums) for _, nums in cldr_forms(lang)], lang
        compared += 1
    assert compared >= 50


@pytest.mark.parametrize("lang, header, severity", [
    ("he", "nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : (n%10==0 && n>10) ? 2 : 3);", "minor"),  # older CLDR: one too many
    ("ar", "nplurals=2; plural=(n != 1);", "major"),
    ("ru", "nplurals=2; plural=(n != 1);", "major"),
    ("pt", "nplurals=2; plural=(n != 1);", None),  # pt-PT's split: a bare pt does not say which region
    ("de", "nplurals=2; plural=(n != 1);", None),
])
def test_plr002_severity_by_direction(tmp_path, lang, header, severity):
    p = tmp_path / f"{lang}.po"
    p.write_text(f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Plural-Forms: {header}\\n"\n\n'
                 'msgid "%(count)s file"\nmsgid_plural "%(count)s files"\n'
                 + "".join(f'msgstr[{k}] "%(count)s x{k}"\n' for k in range(int(header[9]))), encoding="utf-8")
    result = run_audit([str(p)], source_lang="en", config=Config(select=("PLR",)), jobs=1)
    assert [f.severity.label for f in result.flags] == ([severity] if severity else [])
