"""WSP001-WSP005: whitespace differences, with NBSP conventions as clean cases; exact spans."""
import pytest
from helpers import run_check


def span_texts(flags, source, target):
    return [[(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in f.spans]
            for f in flags]


# ---------------------------------------------------------------------------- leading / trailing

@pytest.mark.parametrize("code,src,tgt,sl,tl,expected", [
    ("WSP001", "Name:", "  Nombre:", "en", "es", [[("target", "  ")]]),
    ("WSP001", " of %d files", "из %d файлов", "en", "ru", [[("source", " "), ("target", "")]]),
    ("WSP001", "文件", "\tDatei", "zh", "de", [[("target", "\t")]]),
    ("WSP002", "Total: ", "Total :", "en", "fr", [[("source", " "), ("target", "")]]),
    ("WSP002", "保存", "Save   ", "zh", "en", [[("target", "   ")]]),
    ("WSP002", "Ошибка", "Fehler\u00a0", "ru", "de", [[("target", "\u00a0")]]),
])
def test_edges_flagged(code, src, tgt, sl, tl, expected):
    flags = run_check(code, src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected
    assert all(f.severity.label == "minor" for f in flags)


def test_lost_leading_space_points_at_source_first():
    flags = run_check("WSP001", " files", "fichiers", "en", "fr")
    assert flags[0].primary.side == "source"
    assert (flags[0].primary.start, flags[0].primary.end) == (0, 1)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    (" of %d files", "\u00a0de %d archivos", "en", "es"),  # another kind of space is still a space
    ("Name: ", "名前：\u3000", "en", "ja"),
    ("\nHello", "Bonjour", "en", "fr"),  # leading line break: WSP005's business
    ("Hello\n", "Привет", "en", "ru"),
    ("Done.", "Fertig.", "en", "de"),
    ("Is it ready?", "Est-ce prêt\u202f?", "en", "fr"),  # French narrow NBSP before ?
    ("The file", "", "en", "es"),  # empty target: EMP002
    ("  ", "  ", "en", "es"),
])
def test_edges_clean(src, tgt, sl, tl):
    assert run_check("WSP001", src, tgt, sl, tl) == []
    assert run_check("WSP002", src, tgt, sl, tl) == []


# ---------------------------------------------------------------------------------- double space

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The new law applies now.", "La nueva  ley se aplica ya.", "en", "es", [[("target", "  ")]]),
    ("Он сказал: «да».", "Er sagte:  „ja“ und  ging.", "ru", "de", [[("target", "  "), ("target", "  ")]]),
    ("He said: yes.", "Il a dit \u00a0: oui.", "en", "fr", [[("target", " \u00a0")]]),
    ("一位官员表示。", "An official  said.", "zh", "en", [[("target", "  ")]]),
    ("Bitte warten", "कृपया  प्रतीक्षा करें", "de", "hi", [[("target", "  ")]]),
])
def test_double_space_flagged(src, tgt, sl, tl, expected):
    flags = run_check("WSP003", src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("He said: yes.", "Il a dit\u00a0: «\u00a0oui\u00a0».", "en", "fr"),  # NBSP conventions
    ("It costs 1000 euros.", "Это стоит 1\u00a0000 евро.", "en", "ru"),
    ("Is it?", "C’est ça\u202f?", "en", "fr"),
    ("One.  Two.", "Uno.  Dos.", "en", "es"),  # house style of the source
    ("Line one\n  indented", "Zeile eins\n  eingerückt", "en", "de"),
    ("He arrived. Then he left.", "เขามาถึง  แล้วเขาก็จากไป", "en", "th"),  # Thai: spaces separate phrases
    ("会议开始了。", "会议开始了。", "zh", "ja"),
])
def test_double_space_clean(src, tgt, sl, tl):
    assert run_check("WSP003", src, tgt, sl, tl) == []


# --------------------------------------------------------------------------------- tabs, newlines

@pytest.mark.parametrize("code,src,tgt,sl,tl,expected,primary", [
    ("WSP004", "Name\tValue", "Nombre Valor", "en", "es", [[("source", "\t"), ("target", "")]], "source"),
    ("WSP004", "Имя", "Name\tWert", "ru", "de", [[("target", "\t")]], "target"),
    ("WSP005", "First line\nSecond line", "Première ligne deuxième ligne", "en", "fr",
     [[("source", "\n"), ("target", "")]], "source"),
    ("WSP005", "第一行", "First\r\nline\nhere", "zh", "en", [[("target", "\r\n"), ("target", "\n")]], "target"),
])
def test_tabs_newlines_flagged(code, src, tgt, sl, tl, expected, primary):
    flags = run_check(code, src, tgt, sl, tl)
    got = span_texts(flags, src, tgt)
    assert got == expected
    assert flags[0].primary.side == primary


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Name\tValue", "Nombre\tValor", "en", "es"),
    ("a\r\nb", "а\r\nб", "en", "ru"),  # CR LF on both sides
    ("a\r\nb\nc", "а\nб\r\nв", "en", "ru"),  # mixed kinds in the source: no convention to keep
    ("一\n二", "One\nTwo", "zh", "en"),
    ("No breaks.", "Keine Umbrüche.", "en", "de"),
])
def test_tabs_newlines_clean(src, tgt, sl, tl):
    """(Session 10: a CR LF of the source rendered LF, or the reverse, is now a WSP005 flag; see
    test_break_kind_changed.)"""
    assert run_check("WSP004", src, tgt, sl, tl) == []
    assert run_check("WSP005", src, tgt, sl, tl) == []


def test_newline_count_of_aligned_document_pairs_is_not_judged():
    from audit.core.model import Alignment

    flags = run_check("WSP005", "Adiós.\nTres.", "Bye. Three.", "es", "en", align=Alignment((0, 1), (0,), 0.9))
    assert flags == []
    flags = run_check("WSP005", "Adiós.\nTres.", "Bye. Three.", "es", "en")
    assert [f.code for f in flags] == ["WSP005"]


@pytest.mark.parametrize("src,tgt,sl,tl,kinds", [
    ("A file\n", "'n Leer\r\n", "en", "af", "CR LF in the target, LF"),
    ("a\r\nb", "а\nб", "en", "ru", "LF in the target, CR LF"),
    ("第一行\n第二行", "First line\r\nsecond line", "zh", "en", "CR LF in the target, LF"),
])
def test_break_kind_changed(src, tgt, sl, tl, kinds):
    flags = run_check("WSP005", src, tgt, sl, tl)
    assert len(flags) == 1 and kinds in flags[0].message and flags[0].severity.label == "minor"
