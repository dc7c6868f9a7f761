"""TRM001 (term not translated as required) and TRM002 (forbidden term) on en-es, en-de, en-ru,
en-zh and zh-en, with exact spans, and the traps: inflection, terms inside words, case, overlapping
terms, compounds, word order in the target."""
from __future__ import annotations

import json
import os

import pytest
from helpers import run_check

from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.checks.glossary import load
from audit.core.model import Pair

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures", "glossary")
ROOT = os.path.dirname(HERE)

G = {name: load(os.path.join(FIX, name)) for name in ("en-es.tsv", "en-de.csv", "en-ru.tbx", "en-zh.tbx", "zh-en.tsv")}
LANGS = {"en-es.tsv": ("en", "es"), "en-de.csv": ("en", "de"), "en-ru.tbx": ("en", "ru"), "en-zh.tbx": ("en", "zh"),
         "zh-en.tsv": ("zh", "en")}


def run(code, gloss, source, target):
    sl, tl = LANGS[gloss]
    return run_check(code, source, target, sl, tl, options={"glossary": G[gloss]})


def span_texts(flags, pair_source, pair_target):
    out = []
    for f in flags:
        out.append([(sp.side, (pair_source if sp.side == "source" else pair_target)[sp.start:sp.end]) for sp in f.spans])
    return out


# -- TRM001: flagged --------------------------------------------------------------------------------

@pytest.mark.parametrize("gloss,source,target,expected", [
    ("en-es.tsv", "The servers are down again.", "Las máquinas vuelven a estar caídas.", ["servers"]),
    ("en-es.tsv", "Restart the web server now.", "Reinicia la máquina ahora.", ["web server"]),
    ("en-es.tsv", "Apple released a new phone.", "La empresa lanzó un teléfono nuevo.", ["Apple"]),
    ("en-es.tsv", "The network is slow; check the network cable.", "La conexión va lenta; revisa el cable.",
     ["network", "network"]),  # one flag, every occurrence spanned
    ("en-es.tsv", "Create a user account first.", "Primero crea un perfil.", ["user account"]),
    ("en-de.csv", "The database is full.", "Der Speicher ist voll.", ["database"]),
    ("en-de.csv", "Open the user interface.", "Öffnen Sie die Oberfläche.", ["user interface"]),
    ("en-ru.tbx", "The server did not respond.", "Машина не ответила.", ["server"]),
    ("en-ru.tbx", "Install the operating system.", "Установите систему.", ["operating system"]),
    ("en-zh.tbx", "The server is restarting.", "主机正在重启。", ["server"]),
    ("en-zh.tbx", "Charge your mobile phone.", "请给您的电话充电。", ["mobile phone"]),
    ("zh-en.tsv", "服务器正在重启。", "The host is restarting.", ["服务器"]),
    ("zh-en.tsv", "请给手机充电。", "Please charge the telephone.", ["手机"]),
])
def test_trm001_flagged(gloss, source, target, expected):
    flags = run("TRM001", gloss, source, target)
    assert [f.code for f in flags] == ["TRM001"]
    got = span_texts(flags, source, target)[0]
    assert all(side == "source" for side, _ in got)
    assert [t for _, t in got] == expected


def test_trm001_message_names_the_required_variants_and_note():
    flags = run("TRM001", "en-es.tsv", "Open the database.", "Abre el almacén.")
    assert flags[0].message == "'database' should be translated as 'base de datos' or 'BD'"
    flags = run("TRM001", "en-es.tsv", "Apple is here.", "La manzana está aquí.")
    assert "glossary note: the company" in flags[0].message
    assert flags[0].severity.label == "major" and flags[0].category == "terminology/wrong-term"


# -- TRM001: clean (the traps) ---------------------------------------------------------------------

@pytest.mark.parametrize("gloss,source,target", [
    # inflection on both sides
    ("en-es.tsv", "The servers are down again.", "Los servidores vuelven a estar caídos."),
    ("en-es.tsv", "All networks failed.", "Fallaron todas las redes."),
    ("en-es.tsv", "Open the file.", "Abre el archivo."),
    # a term inside another word is not the term: art / start, apple / pineapple
    ("en-es.tsv", "Start the engine.", "Arranca el motor."),
    ("en-es.tsv", "She bought a pineapple.", "Compró una piña."),
    # a capitalised glossary term matches case-sensitively: apple (fruit) is not Apple
    ("en-es.tsv", "I ate an apple.", "Me comí una manzana."),
    # the longest term wins: 'web server' satisfied, 'server' inside it is not checked separately
    ("en-es.tsv", "Restart the web server now.", "Reinicia el servidor web ahora."),
    # any variant satisfies; multi-word variants inflect and reorder
    ("en-es.tsv", "Back up the database.", "Haz una copia de la BD."),
    ("en-es.tsv", "Create two user accounts.", "Crea dos cuentas de usuario."),
    # forbidden-only entries require nothing
    ("en-es.tsv", "This is forbidden only here.", "Esto está permitido aquí."),
    # German compounds and case
    ("en-de.csv", "The database server is down.", "Der Datenbankserver ist ausgefallen."),
    ("en-de.csv", "Two databases were deleted.", "Zwei Datenbanken wurden gelöscht."),
    ("en-de.csv", "Restart the servers.", "Starten Sie die Server neu."),
    # Russian inflection
    ("en-ru.tbx", "Connect to the servers.", "Подключитесь к серверам."),
    ("en-ru.tbx", "Install the operating system.", "Установите операционную систему."),
    ("en-ru.tbx", "The file was deleted.", "Файл удалён."),
    # Chinese targets match by substring; an untranslated acronym may be a variant
    ("en-zh.tbx", "The server is restarting.", "服务器正在重启。"),
    ("en-zh.tbx", "Call the API twice.", "调用API两次。"),
    ("en-zh.tbx", "Call the API twice.", "调用应用程序接口两次。"),
    ("zh-en.tsv", "服务器正在重启。", "The servers are restarting."),
    ("zh-en.tsv", "数据库已满。", "The DB is full."),
    # no glossary term in the source: nothing to check
    ("en-zh.tbx", "The weather is nice.", "天气很好。"),
])
def test_trm001_clean(gloss, source, target):
    assert run("TRM001", gloss, source, target) == []


def test_trm001_latin_term_inside_a_longer_latin_word_in_chinese_text_is_not_the_term():
    assert run("TRM001", "en-zh.tbx", "Use RAPID mode.", "使用快速模式。") == []


def test_no_glossary_no_flags():
    assert run_check("TRM001", "The server is down.", "El equipo está caído.", "en", "es") == []
    assert run_check("TRM002", "Open the file.", "Abre el fichero.", "en", "es") == []


def test_glossary_languages_must_fit_the_pair():
    # the en-ru TBX has no German: nothing applies to en-de
    flags = run_check("TRM001", "The server is down.", "Der Rechner ist aus.", "en", "de",
                      options={"glossary": G["en-ru.tbx"]})
    assert flags == []


# -- TRM002 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("gloss,source,target,expected", [
    ("en-es.tsv", "Open the file.", "Abre el fichero.", [("target", "fichero"), ("source", "file")]),
    ("en-es.tsv", "Open the files.", "Abre los ficheros.", [("target", "ficheros"), ("source", "files")]),
    ("en-es.tsv", "Close it.", "Cierra el fichero.", [("target", "fichero")]),  # anywhere in the target
    ("en-de.csv", "Charge the mobile phone.", "Laden Sie das Handy auf.",
     [("target", "Handy"), ("source", "mobile phone")]),
    ("en-ru.tbx", "The computer is old.", "ЭВМ устарела.", [("target", "ЭВМ"), ("source", "computer")]),
    ("en-zh.tbx", "Charge your mobile phone.", "给大哥大充电。", [("target", "大哥大"), ("source", "mobile phone")]),
])
def test_trm002_flagged(gloss, source, target, expected):
    flags = run("TRM002", gloss, source, target)
    assert [f.code for f in flags] == ["TRM002"]
    assert span_texts(flags, source, target)[0] == expected


def test_trm002_message_and_trm001_defers_to_it():
    flags = run("TRM002", "en-es.tsv", "Open the file.", "Abre el fichero.")
    assert flags[0].message == "forbidden term 'fichero': use 'archivo' for 'file'"
    # the same defect is not reported twice
    assert run("TRM001", "en-es.tsv", "Open the file.", "Abre el fichero.") == []


@pytest.mark.parametrize("gloss,source,target", [
    ("en-es.tsv", "Open the file.", "Abre el archivo."),
    # forbidden 'base' inside the required 'base de datos'
    ("en-es.tsv", "Open the database.", "Abre la base de datos."),
    # a forbidden term inside another word, or differently cased when it is capitalised
    ("en-es.tsv", "The hotel was full.", "El hotel estaba lleno."),
    ("en-de.csv", "Use your hands.", "Benutzen Sie Ihre Hände."),
    ("en-de.csv", "It is handy.", "Es ist handlich."),
    ("en-ru.tbx", "The computer is old.", "Компьютер устарел."),
    ("en-zh.tbx", "Charge your mobile phone.", "给手机充电。"),
])
def test_trm002_clean(gloss, source, target):
    assert run("TRM002", gloss, source, target) == []


# -- corpus, engine, speed ------------------------------------------------------------------------

def _news():
    rows = [json.loads(line) for line in open(os.path.join(ROOT, "corpora", "es-en", "news.jsonl"), encoding="utf-8")]
    return [Pair(id=r["id"], source=r["source"], target=r["target"], source_lang="es", target_lang="en", index=i)
            for i, r in enumerate(rows)]


def test_bundled_glossary_is_clean_on_its_corpus_and_catches_a_changed_term():
    gpath = os.path.join(ROOT, "corpora", "es-en", "glossary.tsv")
    cfg = Config(select=("TRM",), glossary=(gpath,))
    pairs = _news()
    res = audit_pairs(pairs, cfg, jobs=1)
    assert [f for seg in res.segments for f in seg.flags] == []
    # the glossary does apply to this corpus: swap one rendering and it is caught
    i = next(k for k, p in enumerate(pairs) if "railway" in (p.target or ""))
    bad = pairs[i].__class__(**{**{s: getattr(pairs[i], s) for s in pairs[i].__slots__},
                                "target": pairs[i].target.replace("railway", "railroad")})
    res = audit_pairs(pairs[:i] + [bad] + pairs[i + 1:], cfg, jobs=1)
    flags = res.segments[i].flags
    assert [f.code for f in flags] == ["TRM002"]
    sp = flags[0].spans[0]
    assert bad.target[sp.start:sp.end] == "railroad"


def test_large_glossary_is_indexed_not_scanned():
    """5,000 entries: a pair costs about as much as with a handful (index by first-word key)."""
    from audit.checks.context import Context

    words = [f"term{i}" for i in range(5000)]
    big = "\n".join(f"{w} alpha{i}\t{w}-es" for i, w in enumerate(words))
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as fh:
        fh.write(big + "\nserver\tservidor\n")
    try:
        g = load(fh.name)
    finally:
        os.unlink(fh.name)
    idx = g.index("en", "es")
    assert idx.sources.size == 5001
    pair = Pair(id="x", source="The server and the term17 alpha17 are here today.", target="El servidor está aquí.",
                source_lang="en", target_lang="es")
    hits = Context(pair).src.memo(idx.source_hits)
    assert sorted(t.text for _, _, t in hits) == ["server", "term17 alpha17"]
    # Timing belongs to bench/, not to tests: the index is what keeps lookups off a full scan.


# -- false-alarm guards measured on human news translations -------------------------------------

def _g(*rows):
    from audit.checks.glossary import Entry, Glossary

    return Glossary(entries=[Entry((s,), tuple(t.split("|"))) for s, t in rows])


@pytest.mark.parametrize("source,target,sl,tl,rows", [
    # a lower-case glossary term capitalised mid-sentence is a name: Maxine Waters, Kansas City
    ("A statement by Maxine Waters followed.", "Siguió un comunicado de Maxine Waters.", "en", "es", [("water", "agua")]),
    ("It is hot in Kansas City today.", "Hace calor hoy en Kansas City.", "en", "es", [("city", "ciudad")]),
    # a derivation is not an inflection: hospitality is not hospital, governing is not government
    ("He works in the hospitality industry.", "Trabaja en la hostelería.", "en", "es", [("hospital", "hospital")]),
    ("The governing body met.", "La junta directiva se reunió.", "en", "es", [("government", "gobierno")]),
    # French and Italian elision in the target: l’eau, dell'acqua
    ("They got out of the water.", "Ils sont sortis de l’eau.", "en", "fr", [("water", "eau")]),
    ("A glass of water.", "Un bicchiere dell'acqua.", "en", "it", [("water", "acqua")]),
    # German compounds of an inflected stem: diesjährigen has Jahr
    ("At this year's event.", "Bei der diesjährigen Veranstaltung.", "en", "de", [("year", "Jahr")]),
    # short variants with plural endings: año/años
    ("He was 20 years old.", "Tenía 20 años.", "en", "es", [("year", "año")]),
])
def test_trm001_clean_guards(source, target, sl, tl, rows):
    assert run_check("TRM001", source, target, sl, tl, options={"glossary": _g(*rows)}) == []


@pytest.mark.parametrize("source,target,sl,tl,rows,expected", [
    # the same terms are still found where they are what they seem
    ("Water is scarce in the city.", "El líquido escasea en la urbe.", "en", "es", [("water", "agua"), ("city", "ciudad")],
     ["Water", "city"]),
    ("Two hospitals were closed.", "Se cerraron dos clínicas.", "en", "es", [("hospital", "hospital")], ["hospitals"]),
    ("The government's plan failed.", "El plan del ejecutivo fracasó.", "en", "es", [("government", "gobierno")],
     ["government's"]),
])
def test_trm001_guards_keep_real_hits(source, target, sl, tl, rows, expected):
    flags = run_check("TRM001", source, target, sl, tl, options={"glossary": _g(*rows)})
    got = sorted(source[f.spans[0].start:f.spans[0].end] for f in flags)
    assert got == sorted(expected)


def test_untranslated_copy_is_left_to_unt001():
    src = "Restart the server and the database now."
    assert run("TRM001", "en-es.tsv", src, src) == []
    assert [f.code for f in run("TRM001", "en-es.tsv", src, "Reinicia el server ahora.")] == ["TRM001", "TRM001"]


@pytest.mark.parametrize("source,target,sl,tl,rows,expected", [
    # terms with punctuation keep it: C++ is not C, .NET needs its dot
    ("I write C++ code daily.", "Escribo código en Java.", "en", "es", [("C++", "C++")], ["C++"]),
    ("I write C code daily.", "Escribo código en Java.", "en", "es", [("C++", "C++")], []),
    ("Install .NET now.", "Instala Java ahora.", "en", "es", [(".NET", ".NET")], [".NET"]),
    ("The U.S. economy grew.", "La economía creció.", "en", "es", [("U.S.", "EE. UU.")], ["U.S."]),
    # Arabic source: the article is written onto the word (الخادم for خادم)
    ("الخادم لا يعمل.", "The machine is down.", "ar", "en", [("خادم", "server")], ["الخادم"]),
    ("الخادم لا يعمل.", "The server is down.", "ar", "en", [("خادم", "server")], []),
    # Hindi and Japanese
    ("सर्वर बंद है।", "The machine is down.", "hi", "en", [("सर्वर", "server")], ["सर्वर"]),
    ("The server is down.", "सर्वरों बंद है।", "en", "hi", [("server", "सर्वर")], []),
    ("サーバーが停止しました。", "The machine stopped.", "ja", "en", [("サーバー", "server")], ["サーバー"]),
    ("サーバーが停止しました。", "The servers stopped.", "ja", "en", [("サーバー", "server")], []),
    # German source: capitalised nouns are not names there
    ("Die Server laufen nicht.", "The machines are not running.", "de", "en", [("server", "server")], ["Server"]),
])
def test_trm001_scripts_and_punctuation(source, target, sl, tl, rows, expected):
    flags = run_check("TRM001", source, target, sl, tl, options={"glossary": _g(*rows)})
    assert [source[f.spans[0].start:f.spans[0].end] for f in flags] == expected


@pytest.mark.parametrize("source,target,sl,tl,rows,expected", [
    # Ukrainian has no Snowball stemmer: a bounded common prefix stands in for it
    ("Restart the servers.", "Перезапустіть серверів.", "en", "uk", [("server", "сервер")], []),
    ("Restart the servers.", "Перезапустіть машини.", "en", "uk", [("server", "сервер")], ["servers"]),
    ("Оновіть програми.", "Update the apps.", "uk", "en", [("програма", "program")], ["програми"]),
    ("Оновіть програми.", "Update the programs.", "uk", "en", [("програма", "program")], []),
    ("Це програмування.", "This is coding.", "uk", "en", [("програма", "program")], []),  # a longer word
])
def test_trm001_without_a_stemmer(source, target, sl, tl, rows, expected):
    flags = run_check("TRM001", source, target, sl, tl, options={"glossary": _g(*rows)})
    assert [source[f.spans[0].start:f.spans[0].end] for f in flags] == expected
