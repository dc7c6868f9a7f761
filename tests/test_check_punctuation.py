"""PUN001 end punctuation, PUN002 brackets, PUN003 quotes: language conventions as clean cases."""
import pytest
from helpers import neighbour, run_check

from audit.checks.families.punctuation import end_punct


def span_texts(flags, source, target):
    return [[(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in f.spans]
            for f in flags]


@pytest.mark.parametrize("text,lang,cls,punct", [
    ("Done.", "en", ".", "."),
    ("¿Listo?", "es", "?", "?"),
    ("Est-ce prêt\u202f?", "fr", "?", "?"),
    ("他说：“好。”", "zh", ".", "。"),
    ("Τι ώρα είναι;", "el", "?", ";"),
    ("Ne var;", "tr", ";", ";"),
    ("क्या हुआ।", "hi", ".", "।"),
    ("Wait...", "en", "…", "..."),
    ("« Oui. »", "fr", ".", "."),
    ("Title", "en", "", ""),
    ("Он сказал —", "ru", "—", "—"),
])
def test_end_punct_classes(text, lang, cls, punct):
    got, s, e = end_punct(text, lang)
    assert got == cls and text[s:e] == punct


@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The meeting ended.", "La reunión terminó", "en", "es", [[("target", ""), ("source", ".")]]),
    ("Is it ready?", "Es ist fertig.", "en", "de", [[("target", "."), ("source", "?")]]),
    ("会议结束了。", "The meeting ended,", "zh", "en", [[("target", ","), ("source", "。")]]),
    ("Что случилось?", "Что случилось", "ru", "uk", [[("target", ""), ("source", "?")]]),
    ("Save", "Guardar.", "en", "es", [[("target", "."), ("source", "")]]),  # a label got a full stop
    ("Wait...", "Attendez.", "en", "fr", [[("target", "."), ("source", "...")]]),
    ("He left.", "وغادر!", "en", "ar", [[("target", "!"), ("source", ".")]]),
    ("Continue:", "継続", "en", "ja", [[("target", ""), ("source", ":")]]),
])
def test_end_punctuation_flagged(src, tgt, sl, tl, expected):
    flags = run_check("PUN001", src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected
    assert all(f.severity.label == "minor" for f in flags)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Are you coming?", "¿Vienes?", "en", "es"),
    ("Are you coming?", "Tu viens\u00a0?", "en", "fr"),
    ("Are you coming?", "你来吗？", "en", "zh"),
    ("Are you coming?", "هل ستأتي؟", "en", "ar"),
    ("Are you coming?", "Έρχεσαι;", "en", "el"),
    ("The meeting ended.", "बैठक समाप्त हुई।", "en", "hi"),
    ("The meeting ended.", "会議が終わった。", "en", "ja"),
    ("Wait...", "Warte…", "en", "de"),
    ("Note:", "注意：", "en", "zh"),
    ("He said: \"Yes.\"", "Il a dit : « Oui ».", "en", "fr"),
    ("She asked: \"Did you do it?\"", "彼女は「やったの？」と聞いた。", "en", "ja"),
    ("What will we do now?", "これからどうするのだろうか。", "en", "ja"),
    ("Here are the facts:", "次に事実を示す。", "en", "ja"),
    ("He arrived at noon.", "เขามาถึงตอนเที่ยง", "en", "th"),
    ("Are you coming?", "Գալի՞ս ես։", "en", "hy"),
    ("Storm brings heavy rain to the south coast", "La tormenta trae fuertes lluvias a la costa sur.", "en", "es"),
    ("I was about to say —", "Я хотел сказать…", "en", "ru"),
    ("Total: 5", "Gesamt: 5", "en", "de"),
])
def test_end_punctuation_clean(src, tgt, sl, tl):
    assert run_check("PUN001", src, tgt, sl, tl) == []


# ------------------------------------------------------------------------------------- brackets

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The plan (approved) starts now.", "El plan (aprobado comienza ahora.", "en", "es", ["("]),
    ("价格（含税）为十元。", "The price (tax included)) is ten yuan.", "zh", "en", [")"]),
    ("См. [1] и (2).", "Voir [1 et (2).", "ru", "fr", ["["]),
    ("The [quick (brown] fox).", "Der [schnelle (braune] Fuchs).", "en", "de", []),  # same mess in source
])
def test_brackets_flagged(src, tgt, sl, tl, expected):
    flags = run_check("PUN002", src, tgt, sl, tl)
    got = [tgt[sp.start:sp.end] for f in flags for sp in f.spans]
    assert got == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The plan (approved) starts now.", "El plan (aprobado) comienza ahora.", "en", "es"),
    ("价格（含税）为十元。", "Der Preis (inkl. Steuer) beträgt zehn Yuan.", "zh", "de"),
    ("1) Open the file 2) Save it", "1) Ouvrez le fichier 2) Enregistrez-le", "en", "fr"),
    ("Great :)", "Отлично :)", "en", "ru"),
    ("a) first, b) second", "a) primero, b) segundo", "en", "es"),
    ("continued from above) and then", "продолжение) и затем", "en", "ru"),  # source cut the same way
    ("Hello {name}", "Hallo {name}", "en", "de"),
    ("See 《红楼梦》。", "Voir « Le Rêve dans le pavillon rouge » (《红楼梦》).", "zh", "fr"),
    ("The price (tax included).", "السعر (شامل الضريبة).", "en", "ar"),
])
def test_brackets_clean(src, tgt, sl, tl):
    assert run_check("PUN002", src, tgt, sl, tl) == []


# --------------------------------------------------------------------------------------- quotes

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ('He said "yes" and left.', 'Él dijo "sí y se fue.', "en", "es", ['"']),
    ('He said "yes" and left.', "Il a dit « oui et il est parti.", "en", "fr", ["«"]),
    ("他说“好”。", "Er sagte „gut.", "zh", "de", ["„"]),
    ('She called it "a treasure".', "彼女はそれを「宝物と呼んだ。", "en", "ja", ["「"]),
    ('He said "no".', "Он сказал «нет».»", "en", "ru", ["»"]),
])
def test_quotes_flagged(src, tgt, sl, tl, expected):
    flags = run_check("PUN003", src, tgt, sl, tl)
    got = [tgt[sp.start:sp.end] for f in flags for sp in f.spans]
    assert got == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ('He said "yes".', "Er sagte „ja“.", "en", "de"),
    ('He said "yes".', "Powiedział „tak”.", "en", "pl"),
    ('He said "yes".', "Han sa ”ja”.", "en", "sv"),
    ('He said "yes".', "Han sagde »ja«.", "en", "da"),
    ('He said "yes".', "Hän sanoi »kyllä».", "en", "fi"),
    ('He said "yes".', "Il a dit « oui ».", "en", "fr"),
    ('He said "yes".', "他说“是”。", "en", "zh"),
    ('He said "yes".', "彼は「はい」と言った。", "en", "ja"),
    ("The man's book from the '90s", "Le livre de l'homme des années 90", "en", "fr"),
    ("Don't go.", "N’y va pas.", "en", "fr"),
    ("The IDF and the USA", 'צה"ל וארה“ב', "en", "he"),  # gershayim, not quotes
    ("A 12-inch screen", 'Un écran de 12"', "en", "fr"),
    ('He said: "The inquiry has begun.', "Il a déclaré : « L’enquête a commencé.", "en", "fr"),  # source open too
    ("He said: 'The inquiry has begun.", "Er sagte: „Die Untersuchung hat begonnen.", "en", "de"),
    ('<a href="x">Link</a>', '<a href="x">Enlace</a>', "en", "es"),
])
def test_quotes_clean(src, tgt, sl, tl):
    assert run_check("PUN003", src, tgt, sl, tl) == []


def test_quote_running_over_segments_is_clean():
    # the human translator moved the quotation's end to the next segment
    nxt = neighbour("They agreed.", "Они согласились».", "en", "ru")
    flags = run_check("PUN003", "He said: \"People talk differently now.\"", "Он сказал: «Люди теперь говорят иначе.",
                      "en", "ru", next=nxt)
    assert flags == []
    flags = run_check("PUN003", "He said: \"People talk differently now.\"", "Он сказал: «Люди теперь говорят иначе.",
                      "en", "ru")
    assert [f.spans[0].start for f in flags] == [11]


# ------------------------------------------------------------------------ Spanish opening marks

@pytest.mark.parametrize("src,tgt,expected", [
    ("Are you coming?", "Vienes?", [6]),
    ("What a day!", "Qué día!", [7]),
    ("Hello. How are you? Fine!", "Hola. ¿Cómo estás? Bien!", [23]),
    ("Is the F.B.I. involved? Yes!", "Está involucrado el F.B.I.? Sí.", [26]),
])
def test_spanish_opening_mark_flagged(src, tgt, expected):
    flags = run_check("PUN004", src, tgt, "en", "es")
    assert [sp.start for f in flags for sp in f.spans] == expected
    assert all(tgt[sp.start] in "?!" for f in flags for sp in f.spans)


@pytest.mark.parametrize("src,tgt,tl", [
    ("Are you coming?", "¿Vienes?", "es"),
    ("If it rains, are you coming?", "Si llueve, ¿vienes?", "es"),
    ("What are you saying?!", "¡Qué dices?!", "es"),
    ("Did the U.S. agree?", "¿Aceptaron los EE. UU. el acuerdo?", "es"),
    ('They chanted "November is coming!" outside.', 'Coreaban "November is coming!" afuera.', "es"),
    ("Visit http://x.com/?a=1 now.", "Visita http://x.com/?a=1 ahora.", "es"),
    ("Are you coming?", "Véns?", "ca"),  # Catalan: closing mark only
    ("Are you coming?", "Vens?", "pt"),
    ("Are you coming?", "你来吗？", "zh"),
])
def test_spanish_opening_mark_clean(src, tgt, tl):
    assert run_check("PUN004", src, tgt, "en", tl) == []


# ------------------------------------------------------------------- space before punctuation

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("He condemned the Democrats, calling it a plot.", "Condenó a los demócratas , calificándolo de complot.",
     "en", "es", [(24, 25)]),
    ("He is 20 years old.", "Ему 20 лет .", "en", "ru", [(10, 11)]),
    ("They ordered the carillon.", "그들은 카리용을 주문했습니다 .", "en", "ko", [(15, 16)]),
    ("Wait: what?", "Warte : was ?", "en", "de", [(5, 6), (11, 12)]),
])
def test_space_before_punctuation_flagged(src, tgt, sl, tl, expected):
    flags = run_check("PUN005", src, tgt, sl, tl)
    assert [(sp.start, sp.end) for f in flags for sp in f.spans] == expected
    assert all(tgt[s:e] == " " for s, e in expected)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Why? Note: yes!", "Pourquoi ? Note : oui !", "en", "fr"),  # French spacing
    ("Why? Note: yes!", "Pourquoi\u202f? Note\u00a0: oui\u202f!", "en", "fr"),
    ("Prices rose .5 points, see example .com", "Los precios subieron .5 puntos, ver ejemplo .com", "en", "es"),
    ("and then ...", "und dann ...", "en", "de"),
    ("Long Lartin prison: six hurt", "จากเรือนจำ Long Lartin : เจ้าหน้าที่หกคนได้รับบาดเจ็บ", "en", "th"),
    ("A list , with spaces .", "Una lista , con espacios .", "en", "es"),  # the source spaces them too
    ("He left.", "他离开了。", "en", "zh"),
    # tokenized corpora: the source spaces its marks, the target follows (other marks included)
    ("Die Touren gehören der Vergangenheit an .", "Les courses , elles , appartiennent au passé .", "de", "fr"),
    ("Он сказал , что придёт", "He said he would come : soon .", "ru", "en"),
])
def test_space_before_punctuation_clean(src, tgt, sl, tl):
    assert run_check("PUN005", src, tgt, sl, tl) == []


def test_pun005_long_segment_is_linear():
    """Issue 15: every spaced mark used to be looked up in the whole source again (a 1 MB target of
    ``a , `` took minutes). A 600,000-character pair now takes one pass; all spaces are found."""
    src, tgt = "a, " * 200_000, "a , " * 150_000
    flags = run_check("PUN005", src, tgt, "en", "de")
    assert len(flags) == 1 and len(flags[0].spans) == 150_000
    assert {tgt[sp.start:sp.end] for sp in flags[0].spans} == {" "}
