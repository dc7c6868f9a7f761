"""CON001 (same source, different translations) and CON002 (different sources, same translation)
over small corpora through ``audit.audit_pairs``: en-es, en-ru, en-zh, de-fr; exact spans;
the traps (short UI strings, context notes, punctuation/whitespace-only differences, sources that
differ only in numbers or case)."""
from __future__ import annotations

import os

import pytest

from audit.core.config import Config
from audit.pipeline.engine import audit_pairs
from audit.core.model import Pair

SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared")
NTREX = os.path.join(SHARED, "data", "ntrex")


def corpus(rows, sl="en", tl="es"):
    out = []
    for i, row in enumerate(rows):
        src, tgt = row[0], row[1]
        note = row[2] if len(row) > 2 else None
        out.append(Pair(id=f"s{i + 1}", source=src, target=tgt, source_lang=sl, target_lang=tl, index=i, note=note))
    return out


def flags_of(pairs, code):
    res = audit_pairs(pairs, Config(select=(code,)), jobs=1)
    out = []
    for seg in res.segments:
        for f in seg.flags:
            assert f.code == code
            spans = {sp.side: seg.pair.text(sp.side)[sp.start:sp.end] for sp in f.spans}
            assert f.spans[0].side == "target"
            out.append((seg.pair.id, spans["target"], spans["source"], f.message))
    return out


# -- CON001 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sl,tl,rows,expected", [
    ("en", "es", [
        ("Click the button to save the file.", "Haga clic en el botón para guardar el archivo."),
        ("Open the settings menu.", "Abra el menú de configuración."),
        ("Click the button to save the file.", "Pulse el botón para guardar el fichero."),
        ("Click the button to save the file.", "Haga clic en el botón para guardar el archivo."),
    ], [("s3", "Pulse el botón para guardar el fichero.", "Click the button to save the file.", "s1")]),
    ("en", "ru", [
        ("The connection to the server was lost.", "Соединение с сервером потеряно."),
        ("The connection to the server was lost.", "Связь с сервером прервалась."),
        ("The connection to the server was lost.", "Связь с сервером прервалась."),
    ], [("s1", "Соединение с сервером потеряно.", "The connection to the server was lost.", "s2")]),
    ("en", "zh", [
        ("Your changes have been saved successfully.", "您的更改已成功保存。"),
        ("Your changes have been saved successfully.", "您的修改已保存。"),
    ], [("s2", "您的修改已保存。", "Your changes have been saved successfully.", "s1")]),
    ("de", "fr", [
        ("Bitte starten Sie das Gerät neu.", "Veuillez redémarrer l'appareil."),
        ("Bitte  starten Sie das Gerät neu. ", "Merci de redémarrer l'appareil."),  # whitespace-normalized source
    ], [("s2", "Merci de redémarrer l'appareil.", "Bitte  starten Sie das Gerät neu.", "s1")]),
])
def test_con001_flagged(sl, tl, rows, expected):
    got = flags_of(corpus(rows, sl, tl), "CON001")
    assert [(i, t, s) for i, t, s, _ in got] == [e[:3] for e in expected]
    for (_, _, _, msg), e in zip(got, expected):
        assert f"segment {e[3]}" in msg


@pytest.mark.parametrize("sl,tl,rows", [
    # renderings differing only in whitespace and punctuation
    ("en", "es", [("Click the button to save the file.", "Haga clic en el botón para guardar el archivo."),
                  ("Click the button to save the file.", "Haga clic en el botón  para guardar el archivo")]),
    ("en", "zh", [("Your changes have been saved successfully.", "您的更改已成功保存。"),
                  ("Your changes have been saved successfully.", "您的更改已成功保存!")]),
    # short UI strings legitimately vary with context
    ("en", "es", [("Open", "Abrir"), ("Open", "Abierto"), ("Close", "Cerrar"), ("Close", "Cerca")]),
    ("en", "ru", [("Save as", "Сохранить как"), ("Save as", "Сохранение как")]),
    ("en", "zh", [("打开", "Open"), ("打开", "Opened")]),
    # sources that differ in case are different sources
    ("en", "es", [("Save the file now.", "Guarda el archivo ahora."), ("Save The File Now.", "Guardar archivo ahora")]),
    # sources without letters
    ("en", "es", [("1 / 2 / 3", "1/2/3"), ("1 / 2 / 3", "1, 2, 3")]),
    # blank targets are EMP's business
    ("en", "es", [("Click the button to save the file.", "Haga clic en el botón para guardar el archivo."),
                  ("Click the button to save the file.", "")]),
])
def test_con001_clean(sl, tl, rows):
    assert flags_of(corpus(rows, sl, tl), "CON001") == []


def test_con001_short_strings_with_the_same_note_are_compared():
    rows = [("Open", "Abrir", "menu:file"), ("Open", "Abierto", "menu:file"), ("Open", "Abierta", "status")]
    assert [(i, t) for i, t, _, _ in flags_of(corpus(rows), "CON001")] == [("s2", "Abierto")]


def test_con001_long_segments_are_compared_whatever_their_notes():
    # notes only make short strings comparable; a sentence is a sentence (PO files give every
    # unit its own msgctxt, XLIFF notes are often translator comments)
    rows = [("The file could not be opened.", "No se pudo abrir el archivo.", "msgctxt: dialog"),
            ("The file could not be opened.", "El archivo no pudo abrirse.", "msgctxt: log")]
    assert [(i, t) for i, t, _, _ in flags_of(corpus(rows), "CON001")] == [("s2", "El archivo no pudo abrirse.")]


def test_con001_min_words_option():
    rows = [("Save as", "Guardar como"), ("Save as", "Guardar como…  copia")]
    pairs = corpus(rows)
    res = audit_pairs(pairs, Config(select=("CON001",), options={"CON001": {"min_words": 2}}), jobs=1)
    assert [seg.pair.id for seg in res.segments if seg.flags] == ["s2"]


# -- CON002 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sl,tl,rows,expected", [
    ("en", "es", [
        ("Delete the selected items now.", "Elimine los elementos seleccionados ahora."),
        ("Open the settings menu.", "Abra el menú de configuración."),
        ("Remove the selected entries now.", "Elimine los elementos seleccionados ahora."),
    ], [("s3", "Elimine los elementos seleccionados ahora.", "Remove the selected entries now.", "s1")]),
    ("en", "ru", [
        ("The printer is out of paper.", "В принтере закончилась бумага."),
        ("The printer is out of ink.", "В принтере закончилась бумага."),
    ], [("s2", "В принтере закончилась бумага.", "The printer is out of ink.", "s1")]),
    ("zh", "en", [
        ("打印机缺纸了，请添加纸张。", "The printer is out of paper."),
        ("打印机没有墨水了，请更换墨盒。", "The printer is out of paper."),
    ], [("s2", "The printer is out of paper.", "打印机没有墨水了，请更换墨盒。", "s1")]),
])
def test_con002_flagged(sl, tl, rows, expected):
    got = flags_of(corpus(rows, sl, tl), "CON002")
    assert [(i, t, s) for i, t, s, _ in got] == [e[:3] for e in expected]
    for (_, _, _, msg), e in zip(got, expected):
        assert f"segment {e[3]}" in msg


@pytest.mark.parametrize("sl,tl,rows", [
    # sources differing only in numbers, punctuation or case
    ("en", "es", [("Page 1 of 3 is loading.", "La página se está cargando."),
                  ("Page 2 of 3 is loading.", "La página se está cargando.")]),
    ("en", "ru", [("It is very bad.", "Это очень плохо."), ("It Is Very Bad!", "Это очень плохо.")]),
    ("en", "es", [("Click <b>Save</b> to keep the file.", "Haga clic en Guardar para conservar el archivo."),
                  ("Click Save to keep the file.", "Haga clic en Guardar para conservar el archivo.")]),
    # short segments
    ("en", "es", [("OK", "Aceptar"), ("Accept", "Aceptar"), ("Yes, go", "Sí, adelante"), ("Go ahead", "Sí, adelante")]),
    ("en", "zh", [("Cancel", "取消"), ("Abort", "取消")]),
    # the same source twice is CON001's business, not CON002's
    ("en", "es", [("Open the settings menu.", "Abra el menú de configuración."),
                  ("Open the settings menu.", "Abra el menú de configuración.")]),
])
def test_con002_clean(sl, tl, rows):
    assert flags_of(corpus(rows, sl, tl), "CON002") == []


def test_consistency_flags_are_minor_and_categorised():
    rows = [("Click the button to save the file.", "Haga clic en el botón para guardar el archivo."),
            ("Click the button to save the file.", "Pulse el botón para guardar el fichero.")]
    res = audit_pairs(corpus(rows), Config(select=("CON",)), jobs=1)
    (f,) = [f for seg in res.segments for f in seg.flags]
    assert f.severity.label == "minor" and f.category == "fluency/inconsistency"
    assert f.data == {"other": "s1"}


@pytest.mark.skipif(not os.path.isdir(NTREX), reason="shared NTREX data not available")
@pytest.mark.parametrize("lang,code", [("spa", "es"), ("rus", "ru"), ("zho-CN", "zh")])
def test_ntrex_human_translations_are_consistent(lang, code):
    src = open(os.path.join(NTREX, "eng.txt"), encoding="utf-8").read().splitlines()
    tgt = open(os.path.join(NTREX, f"{lang}.txt"), encoding="utf-8").read().splitlines()
    pairs = [Pair(id=str(i + 1), source=s, target=t, source_lang="en", target_lang=code, index=i)
             for i, (s, t) in enumerate(zip(src, tgt))]
    res = audit_pairs(pairs, Config(select=("CON",)), jobs=1)
    assert sum(1 for seg in res.segments if seg.flags) == 0


def test_one_source_into_several_languages_is_not_inconsistent():
    """A multilingual corpus (one English source, many target languages) compares within each
    language pair only."""
    from audit.core.config import Config
    from audit.pipeline.engine import audit_pairs
    from audit.core.model import Pair

    src = "The museum will reopen its doors to visitors next spring."
    pairs = [
        Pair("1", src, "El museo volverá a abrir sus puertas a los visitantes la próxima primavera.", source_lang="en", target_lang="es", index=0),
        Pair("2", src, "Музей вновь откроет свои двери для посетителей следующей весной.", source_lang="en", target_lang="ru", index=1),
        Pair("3", src, "博物馆将于明年春天重新向游客开放。", source_lang="en", target_lang="zh", index=2),
        Pair("4", src, "El museo reabrirá sus puertas al público la próxima primavera.", source_lang="en", target_lang="es", index=3),
    ]
    result = audit_pairs(pairs, Config(select=("CON",)), jobs=1)
    flagged = {seg.pair.id: [f.code for f in seg.flags] for seg in result.segments if seg.flags}
    assert flagged == {"4": ["CON001"]}
