"""ICU MessageFormat (and Java MessageFormat, .NET composite formats): the parser in
audit.lang.placeholders and MRK004 icu-mismatch, flagged and clean cases in en-ru, en-ja, en-ar
(CLDR plural categories of the target), en-fr and en-de, with exact spans; MRK002 leaves ICU
arguments to MRK004."""
import pytest
from helpers import run_check

from audit.core.model import Unit
from audit.lang.placeholders import code_mask, icu_message, looks_icu, parse_icu, scan


def spans_of(flags, source, target):
    return [[(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in f.spans]
            for f in flags]


def mrk4(source, target, tgt, **kw):
    flags = run_check("MRK004", source, target, tgt=tgt, **kw)
    return [(f.severity.name.lower(), spans_of([f], source, target)[0]) for f in flags]


# ------------------------------------------------------------------------------------- the parser

def test_parse_plural_with_offset_nested_messages_and_hash():
    t = "{count, plural, offset:1 =0 {nobody} one {{name} and # other} other {{name} and # others}}"
    msg = parse_icu(t)
    assert msg.error is None and msg.complex
    (plural,) = msg.args
    assert (plural.name, plural.type, plural.style) == ("count", "plural", "offset:1")
    assert t[plural.start:plural.head_end] == "{count, plural, offset:1"
    assert [b.key for b in plural.branches] == ["=0", "one", "other"]
    assert [t[b.start:b.end] for b in plural.branches] == ["{nobody}", "{{name} and # other}", "{{name} and # others}"]
    assert [t[h] for b in plural.branches for h in b.hashes] == ["#", "#"]
    assert [a.key for a in msg.walk()] == ["{count,plural,offset:1}", "{name}", "{name}"]


def test_parse_simple_typed_and_java_arguments():
    t = "{n, number, integer} of {0,number,#.##} on {d, date, short} at {t,time} {0,choice,0#no files|1<{0} files}"
    keys = [a.key for a in parse_icu(t).walk()]
    assert keys == ["{n,number,integer}", "{0,number,#.##}", "{d,date,short}", "{t,time}", "{0,choice}", "{0}"]


def test_apostrophe_quoting():
    t = "It''s '{'literal'}' and '{n}' but l'heure {n, number}"
    msg = parse_icu(t)
    assert msg.error is None
    assert [t[a.start:a.end] for a in msg.walk()] == ["{n, number}"]
    # '#' is quoted only inside a plural
    t = "{n, plural, other {'#' # items}}"
    (b,) = parse_icu(t).args[0].branches
    assert [t[h:h + 3] for h in b.hashes] == ["# i"]


@pytest.mark.parametrize("text,pos", [
    ("{n, plural, one {# item} other {# items}", 0),
    ("{n, plural, one {# item} other {# items}}}", 41),
    ("{n, plural, one {# item} other }", 31),
])
def test_parse_errors_have_exact_offsets(text, pos):
    msg = parse_icu(text)
    assert msg.error is not None and msg.error[0] == pos


@pytest.mark.parametrize("prose", [
    "Press {Enter} to continue", "{see the note}", "Sets {a, b} and {1, 2}", "Der Wert {x, y} ist {siehe unten}",
    "Выберите {a, b или c}", "{数, 値}",
])
def test_prose_with_braces_is_not_icu(prose):
    assert not looks_icu(prose) and icu_message(prose) is None


def test_scan_keeps_sub_message_text_as_prose():
    t = "You have {count, plural, =0 {no messages} one {# message from {name}} other {{count} messages}}"
    found = scan(t)
    assert [(c.kind, t[c.start:c.end]) for c in found] == [
        ("icu", "{count, plural,"), ("icu", "=0 {"), ("icu", "}"), ("icu", "one {"), ("icu", "#"),
        ("placeholder", "{name}"), ("icu", "}"), ("icu", "other {"), ("placeholder", "{count}"),
        ("icu", "}"), ("icu", "}")]
    masked = code_mask(t, found)
    assert len(masked) == len(t)
    assert "no messages" in masked and "message from" in masked and "plural" not in masked


def test_dotnet_composite_format_items():
    t = "{0,-10}|{1,5:N2}|{0:N2}"
    assert [c.text for c in scan(t)] == ["{0,-10}", "{1,5:N2}", "{0:N2}"]
    flags = run_check("MRK002", "Name: {0,-10} Total: {1:N2}", "Nom : {0,10} Total : {1:N2}", tgt="fr")
    assert spans_of(flags, "Name: {0,-10} Total: {1:N2}", "Nom : {0,10} Total : {1:N2}") == [
        [("target", "{0,10}"), ("source", "{0,-10}")]]


# ------------------------------------------------------------------ MRK004: CLDR plural categories

SRC = "{count, plural, one {# file} other {# files}}"


def test_ru_needs_few_and_many():
    tgt = "{count, plural, one {# файл} other {# файлов}}"
    assert mrk4(SRC, tgt, "ru") == [("major", [("target", "{count, plural,"), ("source", "{count, plural,")])]


def test_ru_with_its_categories_is_clean():
    assert mrk4(SRC, "{count, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", "ru") == []


def test_ja_only_other_is_clean_and_one_is_minor():
    assert mrk4(SRC, "{count, plural, other {#個のファイル}}", "ja") == []
    tgt = "{count, plural, one {1個} other {#個のファイル}}"
    assert mrk4(SRC, tgt, "ja") == [("minor", [("target", "one")])]


def test_ar_six_categories():
    full = "{count, plural, zero {لا ملفات} one {ملف واحد} two {ملفان} few {# ملفات} many {# ملفًا} other {# ملف}}"
    assert mrk4(SRC, full, "ar") == []
    # explicit =0 and =2 cover the categories zero (0) and two (2)
    explicit = "{count, plural, =0 {لا ملفات} one {ملف واحد} =2 {ملفان} few {# ملفات} many {# ملفًا} other {# ملف}}"
    assert mrk4(SRC, explicit, "ar") == []
    short = "{count, plural, one {ملف واحد} other {# ملف}}"
    found = run_check("MRK004", SRC, short, tgt="ar")
    assert len(found) == 1 and "zero, two, few, many" in found[0].message


def test_missing_other_is_major():
    tgt = "{count, plural, one {# fichier} many {# fichiers}}"
    assert mrk4(SRC, tgt, "fr") == [("major", [("target", "{count, plural,"), ("source", "{count, plural,")])]


def test_other_without_the_count():
    tgt = "{count, plural, one {un fichier} other {des fichiers}}"
    assert mrk4(SRC, tgt, "fr") == [("major", [("target", "{des fichiers}"), ("source", "{# files}")])]
    # {count} stands for #, and a 'one' form without the number is normal
    assert mrk4(SRC, "{count, plural, one {un fichier} other {{count} fichiers}}", "fr") == []
    assert mrk4(SRC, "{count, plural, one {ファイル} other {{count} 個のファイル}}", "ja") == [
        ("minor", [("target", "one")])]


# --------------------------------------------------------------------- MRK004: names, types, syntax

def test_argument_renamed_retyped_restyled():
    s, t = "{n, number, integer} items by {name}", "{n, number} éléments par {nom}"
    assert mrk4(s, t, "fr") == [
        ("major", [("target", "{nom}"), ("source", "{name}")]),
        ("major", [("target", "{n, number}"), ("source", "{n, number, integer}")])]
    assert mrk4("Today is {d, date, short}", "Сегодня {d, date, long}", "ru") == [
        ("minor", [("target", "{d, date, long}"), ("source", "{d, date, short}")])]
    assert mrk4("{0,number,#.##} MB", "{0,number,#.#} МБ", "ru") == [
        ("major", [("target", "{0,number,#.#}"), ("source", "{0,number,#.##}")])]


def test_plural_flattened_and_nested_argument_lost():
    assert mrk4(SRC, "{count} ファイル", "ja") == [("major", [("target", "{count}"), ("source", "{count, plural,")])]
    s = "{count, plural, one {# file in {folder}} other {# files in {folder}}}"
    t = "{count, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}"
    assert mrk4(s, t, "ru") == [("major", [("source", "{folder}")])]
    # the argument in some forms only: fine (the language's forms differ)
    t = "{count, plural, one {# файл в {folder}} few {# файла} many {# файлов} other {# файла в {folder}}}"
    assert mrk4(s, t, "ru") == []


def test_quoted_argument_in_the_target_is_lost():
    s, t = "Delete {n, number} files?", "Удалить '{n, number}' файлов?"
    assert mrk4(s, t, "ru") == [("major", [("source", "{n, number}")])]


def test_broken_target_syntax():
    t = "{count, plural, one {# élément} other {# éléments}"
    assert mrk4("{count, plural, one {# item} other {# items}}", t, "fr") == [("major", [("target", "{")])]
    t = "{count, plural, one {# элемент} few {# элемента} many {# элементов} other {# элемента}}}"
    assert mrk4("{count, plural, one {# item} other {# items}}", t, "ru") == [("major", [("target", "}")])]


def test_select_keywords_are_values():
    s = "{gender, select, male {He} female {She} other {They}} liked it"
    t = "{gender, select, masculin {Il} female {Elle} other {Iel}} a aimé"
    assert mrk4(s, t, "fr") == [("major", [("target", "{gender, select,"), ("source", "male")]),
                                ("minor", [("target", "masculin")])]
    assert mrk4(s, "{gender, select, male {他} female {她} other {他们}}喜欢它", "zh") == []


def test_flags_declare_icu_for_simple_messages():
    unit = Unit(key="k", flags=frozenset({"icu-format"}))
    assert mrk4("{name} has {n} files", "{nom a {n} fichiers", "fr", unit=unit) == [("major", [("target", "{")])]
    assert mrk4("{name} has {n} files", "{name} a {n} fichiers", "fr", unit=unit) == []


# ------------------------------------------------------------------------------ no false alarms

@pytest.mark.parametrize("source,target,tgt", [
    ("Press {Enter} to continue, {see the note}", "Нажмите {Enter}, {см. примечание}", "ru"),
    ("Sets {a, b} and {1, 2}", "集合 {a, b} と {1, 2}", "ja"),
    ("It''s '{'{n, number}'}'", "C''est '{'{n, number}'}'", "fr"),
    ("{count, plural, =0 {none} one {# item} other {# items}}",
     "{count, plural, =0 {لا شيء} zero {لا عناصر} one {عنصر واحد} two {عنصران} few {# عناصر} many {# عنصرًا} other {# عنصر}}",
     "ar"),
    ("{0,choice,0#no files|1#one file|1<{0,number,integer} files}",
     "{0,choice,0#keine Dateien|1#eine Datei|1<{0,number,integer} Dateien}", "de"),
    ("{n, plural, one {{name} sent # photo} other {{name} sent # photos}}",
     "{n, plural, other {{name}が#枚の写真を送りました}}", "ja"),
    ("{count} files", "{count, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", "ru"),
])
def test_clean_pairs(source, target, tgt):
    assert [f.message for f in run_check("MRK004", source, target, tgt=tgt)
            if f.severity.name != "MINOR"] == []
    # MRK002 leaves ICU arguments and sub-messages ({none} -> {لا شيء}) alone
    assert [f.message for f in run_check("MRK002", source, target, tgt=tgt)] == []


def test_plural_added_by_the_target_is_checked_for_its_categories():
    s = "{count} files"
    t = "{count, plural, one {# файл} other {# файлов}}"
    assert mrk4(s, t, "ru") == [("major", [("target", "{count, plural,")])]
    assert mrk4(s, "{count, plural, one {# ملف} other {# ملف}}", "ar") == [("major", [("target", "{count, plural,")])]
    assert mrk4(s, "{count, plural, other {#個のファイル}}", "ja") == []
    assert mrk4("{n} files", "{n, number} Dateien", "de") == [("minor", [("target", "{n, number}"), ("source", "{n}")])]


def test_explicit_values_do_not_cover_a_whole_category():
    s = "{count, plural, =0 {no offices} =1 {one office} other {# offices}}"
    t = "{count, plural, =0 {нет офисов} =1 {один офис} other {# офисов}}"
    (flag,) = run_check("MRK004", s, t, tgt="ru")
    # =1 is not the whole of 'one' in Russian (21, 31...), nor does anything cover few (2) or many (5)
    assert "one, few, many" in flag.message and "21, 2, 5" in flag.message
    # French 'one' is 0 and 1 (its 'many' covers no whole number below 1000): =0 and =1 cover it
    assert mrk4(s, "{count, plural, =0 {aucun bureau} =1 {un bureau} other {# bureaux}}", "fr") == []
    assert mrk4(s, "{count, plural, =1 {un bureau} other {# bureaux}}", "fr") == [
        ("major", [("target", "{count, plural,"), ("source", "{count, plural,")])]


def test_tags_repeated_by_plural_forms():
    s = "{n, plural, one {<b>#</b> file} other {<b>#</b> files}}"
    assert run_check("MRK001", s, "{n, plural, other {<b>#</b>個のファイル}}", tgt="ja") == []
    t = "{n, plural, other {#個のファイル}}"
    flags = run_check("MRK001", s, t, tgt="ja")
    assert spans_of(flags, s, t) == [[("source", "<b>")], [("source", "</b>")]]
    # without ICU, counts still matter
    assert len(run_check("MRK001", "<b>a</b> or <b>b</b>", "<b>a</b> или b", tgt="ru")) == 2


def test_dotted_argument_names():
    s = "Hello {user.name}, {n, plural, one {# message} other {# messages}}"
    t = "Привет, {user.name}, {n, plural, one {# сообщение} few {# сообщения} many {# сообщений} other {# сообщения}}"
    assert mrk4(s, t, "ru") == []
    assert mrk4(s, t.replace("{user.name}", "{user.nom}"), "ru") == [
        ("major", [("target", "{user.nom}"), ("source", "{user.name}")])]


def test_java_quoting_hides_arguments_after_a_lone_apostrophe():
    java = Unit(key="k", flags=frozenset({"java-format"}))
    s = "It is {0} o''clock"
    flags = run_check("MRK004", s, "Il est l'heure {0}", tgt="fr", unit=java)
    assert spans_of(flags, s, "Il est l'heure {0}") == [[("source", "{0}")]] and "write ''" in flags[0].message
    assert run_check("MRK002", s, "Il est l'heure {0}", tgt="fr", unit=java) == []  # MRK004 owns it
    assert run_check("MRK004", s, "Il est l''heure {0}", tgt="fr", unit=java) == []
    assert run_check("MRK004", "Файл {0} удалён", "ファイル{0}を削除しました", tgt="ja", unit=java) == []
    # ICU's own quoting (no java-format flag): the apostrophe is a letter
    assert run_check("MRK004", "{0, number} o''clock", "l'heure {0, number}", tgt="fr") == []


def test_java_choice_limits_are_not_translated():
    s = "{0,choice,0#no files|1#one file|1<{0,number,integer} files}"
    t = "{0,choice,0#keine Dateien|1<{0,number,integer} Dateien}"
    assert mrk4(s, t, "de") == [("major", [("target", "{0,choice,"), ("source", "{0,choice,")])]
    t = "{0,choice,0#файлов нет|1#один файл|1<{0,number,integer} файлов}"
    assert mrk4(s, t, "ru") == []
