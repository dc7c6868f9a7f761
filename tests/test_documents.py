"""Documents: extraction, segmentation offsets, the document reader, ALN checks, `transaudit align`."""
import json
import os

import pytest
from helpers import run_check, spans

from audit.cli import main
from audit.core.config import Config
from audit.align.documents import load_document, segment_document
from audit.pipeline.engine import run_audit
from audit.core.model import Alignment
from audit.inputs import open_input


@pytest.fixture(autouse=True)
def no_embeddings(monkeypatch):
    monkeypatch.setenv("TRANSAUDIT_SEMANTIC", "0")  # tests must not depend on the optional extra


EN = """Annual report

The museum opened a new wing in March. It hosts 120 paintings from the Dutch collection.
Visitors increased by 15% compared to last year. Dr. Ana Ruiz led a restoration team of 12 experts.

The café was closed for two weeks in August. A new director, Tom Berger, will start in 2024.
"""
ES = """Informe anual

El museo abrió un ala nueva en marzo. Alberga 120 cuadros de la colección holandesa.
Los visitantes aumentaron un 15 % respecto al año anterior.

La cafetería estuvo cerrada dos semanas en agosto. Un nuevo director, Tom Berger, empezará en 2024.
Ahora el museo abre también los lunes de 10 a 18 horas.
"""


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return str(p)


def audit_docs(tmp_path, src_text, tgt_text, sl, tl, names=("src.txt", "tgt.txt"), **kw):
    sp = write(tmp_path, names[0], src_text)
    tp = write(tmp_path, names[1], tgt_text)
    return sp, tp, run_audit([sp, tp], source_lang=sl, target_lang=tl, config=Config(select=("ALN",)), **kw)


def test_different_line_counts_are_aligned_with_exact_origins(tmp_path):
    sp, tp, result = audit_docs(tmp_path, EN, ES, "en", "es")
    src_text = open(sp, encoding="utf-8").read()
    tgt_text = open(tp, encoding="utf-8").read()
    beads = [(seg.pair.align.source, seg.pair.align.target) for seg in result.segments]
    assert ((0,), (0,)) in beads
    assert ((4,), ()) in beads  # "Dr. Ana Ruiz led a restoration team of 12 experts." omitted
    assert ((), (6,)) in beads  # the opening hours were added
    for seg in result.segments:
        p = seg.pair
        assert isinstance(p.align, Alignment)
        assert src_text[p.source_origin.offset:p.source_origin.offset + len(p.source)] == p.source
        assert tgt_text[p.target_origin.offset:p.target_origin.offset + len(p.target)] == p.target
        for f in seg.flags:
            for sp_ in f.spans:
                side_text, origin = (src_text, p.source_origin) if sp_.side == "source" else (tgt_text, p.target_origin)
                assert side_text[origin.offset + sp_.start:origin.offset + sp_.end] == p.text(sp_.side)[sp_.start:sp_.end]
    flags = {(f.code, seg.pair.text(f.spans[0].side)[f.spans[0].start:f.spans[0].end])
             for seg in result.segments for f in seg.flags}
    assert flags == {("ALN001", "Dr. Ana Ruiz led a restoration team of 12 experts."),
                     ("ALN002", "Ahora el museo abre también los lunes de 10 a 18 horas.")}
    omitted = next(seg.pair for seg in result.segments if seg.pair.align.bead == "1-0")
    assert omitted.target == "" and omitted.source_origin.line == 4


def test_same_line_counts_stay_line_aligned_unless_asked(tmp_path):
    sp = write(tmp_path, "a.txt", "One.\nTwo.\n")
    tp = write(tmp_path, "b.txt", "Uno.\nDos.\n")
    assert open_input([sp, tp]).format == "text"
    src = open_input([sp, tp], align=True, src_lang="en", tgt_lang="es")
    assert src.format == "documents"
    assert [(p.source, p.target) for p in src] == [("One.", "Uno."), ("Two.", "Dos.")]


def test_bom_and_crlf_offsets(tmp_path):
    sp = str(tmp_path / "a.txt")
    with open(sp, "wb") as fh:
        fh.write("\ufeffFirst line here.\r\nSecond one, longer than the first.\r\n".encode("utf-8"))
    tp = write(tmp_path, "b.txt", "Primera línea aquí.\nSegunda, más larga que la primera.\nTercera.\n")
    pairs = list(open_input([sp, tp], src_lang="en", tgt_lang="es"))
    decoded = open(sp, encoding="utf-8-sig", newline="").read()
    for p in pairs:
        if p.source:
            o = p.source_origin.offset
            assert decoded[o:o + len(p.source)] == p.source


def test_presegmented_keeps_lines_as_sentences(tmp_path):
    sp = write(tmp_path, "a.txt", "Dr. Smith arrived. He sat down.\nThe end.\n")
    tp = write(tmp_path, "b.txt", "El Dr. Smith llegó. Se sentó.\nFin.\n")
    src = open_input([sp, tp], presegmented=True, src_lang="en", tgt_lang="es")
    assert [(p.align.source, p.align.target) for p in src] == [((0,), (0,)), ((1,), (1,))]


@pytest.mark.parametrize("sl,tl,src,tgt,omitted", [
    ("en", "de", "The plan was approved. It costs 12 million euros. Work starts in May 2022.",
     "Der Plan wurde genehmigt. Die Arbeiten beginnen im Mai 2022.", "It costs 12 million euros."),
    ("en", "ru", "The plan was approved in 2021. It costs 12 million euros. Work starts on 4 May 2022.",
     "План утвердили в 2021 году. Работы начнутся 4 мая 2022 года.", "It costs 12 million euros."),
    ("zh", "en", "该计划于2021年获批。费用为1200万欧元。工程将于2022年5月4日开工。",
     "The plan was approved in 2021. Work starts on 4 May 2022.", "费用为1200万欧元。"),
])
def test_omission_flag_in_three_language_pairs(tmp_path, sl, tl, src, tgt, omitted):
    _, _, result = audit_docs(tmp_path, src + "\n", tgt + "\n", sl, tl, align=True)
    flags = [(f, seg.pair) for seg in result.segments for f in seg.flags]
    assert [f.code for f, _ in flags] == ["ALN001"]
    f, pair = flags[0]
    assert pair.source[f.spans[0].start:f.spans[0].end] == omitted


@pytest.mark.parametrize("sl,tl,src,tgt", [
    ("en", "es", "The plan was approved. It costs 12 million euros.", "El plan fue aprobado. Cuesta 12 millones de euros."),
    ("en", "ja", "The plan was approved in 2021. It costs 12 million euros.", "計画は2021年に承認された。費用は1200万ユーロだ。"),
    ("de", "fr", "Der Plan wurde genehmigt. Er kostet 12 Millionen Euro, sagte Frau Weber.",
     "Le plan a été approuvé. Il coûte 12 millions d'euros, a déclaré Mme Weber."),
])
def test_complete_translations_are_clean(tmp_path, sl, tl, src, tgt):
    _, _, result = audit_docs(tmp_path, src + "\n", tgt + "\n", sl, tl, align=True)
    assert result.flags == []


def test_aln_checks_ignore_line_aligned_pairs():
    assert run_check("ALN001", "The cat sleeps.", "", "en", "es") == []
    assert run_check("ALN002", "", "Le chat dort.", "en", "fr") == []
    flags = run_check("ALN001", "  Сон.  ", "", "ru", "en", align=Alignment((3,), ()))
    assert spans(flags, "source") == [(2, 6)]
    flags = run_check("ALN002", "", "猫在睡觉。", "en", "zh", align=Alignment((), (5,)))
    assert spans(flags, "target") == [(0, 5)]
    assert run_check("ALN001", "Hi.", "Hola.", "en", "es", align=Alignment((0,), (0,))) == []


# --- extraction of other formats ------------------------------------------------------------------

def test_html_extraction_blocks_and_no_scripts(tmp_path):
    p = write(tmp_path, "a.html", "<html><head><title>T&amp;C</title><script>var x = 'no';</script></head>"
              "<body><h1>Terms</h1><p>First rule. Second <b>rule</b>.</p><ul><li>Item one</li></ul></body></html>")
    doc = segment_document(load_document(p), "en")
    assert doc.sentence_texts() == ["T&C", "Terms", "First rule.", "Second rule.", "Item one"]
    assert "var x" not in doc.text


def test_markdown_extraction(tmp_path):
    p = write(tmp_path, "a.md", "# Title\n\nSome **bold** text with a [link](http://x.org).\nSame paragraph.\n\n- one\n- two\n")
    doc = segment_document(load_document(p), "en")
    assert doc.sentence_texts() == ["Title", "Some bold text with a link.", "Same paragraph.", "one", "two"]
    assert [s.line for s in doc.sentences] == [1, 3, 3, 6, 7]


def test_srt_cues_are_origins(tmp_path):
    p = write(tmp_path, "a.srt", "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n"
              "2\n00:00:03,000 --> 00:00:05,000\n<i>How are</i>\nyou today?\n")
    doc = segment_document(load_document(p), "en")
    assert doc.sentence_texts() == ["Hello there.", "How are you today?"]
    assert doc.sentences[1].unit == "cue 2 00:00:03,000 --> 00:00:05,000"
    assert doc.sentences[1].line == 5


def test_srt_pair_alignment_keeps_cue_units(tmp_path):
    sp = write(tmp_path, "a.srt", "1\n00:00:01,000 --> 00:00:02,000\nGood morning.\n\n2\n00:00:02,500 --> 00:00:04,000\nSit down, please.\n")
    tp = write(tmp_path, "b.srt", "1\n00:00:01,000 --> 00:00:02,000\nBuenos días.\n\n2\n00:00:02,500 --> 00:00:04,000\nSiéntese, por favor.\n")
    pairs = list(open_input([sp, tp], src_lang="en", tgt_lang="es"))
    assert [p.target_origin.unit for p in pairs] == ["cue 1 00:00:01,000 --> 00:00:02,000",
                                                     "cue 2 00:00:02,500 --> 00:00:04,000"]


def test_bad_srt_is_one_line_error(tmp_path):
    from audit.core.errors import InputError

    p = write(tmp_path, "a.srt", "1\nnot a time\nHello\n")
    with pytest.raises(InputError) as exc:
        load_document(p)
    assert ":2:" in str(exc.value) or "line" in str(exc.value) or exc.value.line == 2


def test_docx_extraction(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Report", 1)
    d.add_paragraph("The first sentence. The second one.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Cell A"
    t.cell(0, 1).text = "Cell B"
    p = str(tmp_path / "a.docx")
    d.save(p)
    doc = segment_document(load_document(p), "en")
    assert doc.sentence_texts() == ["Report", "The first sentence.", "The second one.", "Cell A", "Cell B"]
    for s in doc.sentences:
        assert doc.text[s.start:s.end].strip() == doc.text[s.start:s.end]


# --- the align command ------------------------------------------------------------------------------

def test_align_command_outputs(tmp_path, capsys):
    sp = write(tmp_path, "src.txt", EN)
    tp = write(tmp_path, "tgt.txt", ES)
    out = str(tmp_path / "out.jsonl")
    assert main(["align", sp, tp, "-s", "en", "-t", "es", "-o", out]) == 0
    recs = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert {"source": [4], "target": []}.items() <= recs[[r["source"] for r in recs].index([4])].items()
    assert all(0 <= r["confidence"] <= 1 for r in recs)
    src_text = open(sp, encoding="utf-8").read()
    for r in recs:
        if r["source"]:
            assert src_text[r["source_offset"]:r["source_offset"] + len(r["source_text"])] == r["source_text"]
    tsv = str(tmp_path / "out.tsv")
    assert main(["align", sp, tp, "-s", "en", "-t", "es", "-o", tsv]) == 0
    rows = [line.rstrip("\n").split("\t") for line in open(tsv, encoding="utf-8")]
    assert rows[0] == ["Annual report", "Informe anual"] and all(len(r) == 2 for r in rows)
    tmx = str(tmp_path / "out.tmx")
    assert main(["align", sp, tp, "-s", "en", "-t", "es", "-o", tmx]) == 0
    from lxml import etree

    tree = etree.parse(tmx, etree.XMLParser(resolve_entities=False, no_network=True))
    segs = tree.findall(".//tu")
    assert len(segs) == len([r for r in recs if r["source"] and r["target"]])
    assert segs[0].findall(".//seg")[1].text == "Informe anual"


def test_align_command_errors(tmp_path, capsys):
    sp = write(tmp_path, "src.txt", EN)
    assert main(["align", sp, str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    tp = write(tmp_path, "tgt.txt", ES)
    assert main(["align", sp, tp, "-o", str(tmp_path / "out.xyz")]) == 2
    assert not os.path.exists(tmp_path / "out.xyz")


NTREX = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ntrex")


@pytest.mark.skipif(not os.path.exists(os.path.join(NTREX, "eng.txt")), reason="shared data not present")
def test_long_documents_align_paragraphs_first(tmp_path):
    from audit.align.documents import align_documents

    with open(os.path.join(NTREX, "eng.txt"), encoding="utf-8") as fh:
        en = [line.rstrip("\n") for line in fh][:120]
    with open(os.path.join(NTREX, "spa.txt"), encoding="utf-8") as fh:
        es = [line.rstrip("\n") for line in fh][:120]
    dropped = en[60]
    del es[60]  # a whole paragraph (line) left untranslated
    sp = write(tmp_path, "en.txt", "\n".join(en) + "\n")
    tp = write(tmp_path, "es.txt", "\n".join(es) + "\n")
    al = align_documents(sp, tp, "en", "es", semantic=False)
    unaligned_src = [al.source.text[al.source.sentences[b.source[0]].start:al.source.sentences[b.source[-1]].end]
                     for b in al.beads if b.source and not b.target]
    assert " ".join(unaligned_src) == dropped
    assert not [b for b in al.beads if b.target and not b.source]


def test_align_presegmented_jsonl_scores_against_gold(tmp_path):
    from audit.align.scoring import score_alignments

    en = ["The bridge opened in 1932.", "It is 503 metres long.", "Dr. Bradfield designed it.",
          "Traffic grew quickly.", "A toll still applies today."]
    fr = ["Le pont a ouvert en 1932.", "Il mesure 503 mètres.", "Le Dr Bradfield l'a conçu.",
          "Le trafic a vite augmenté.", "Un péage s'applique encore.", "Il reste un symbole."]
    sp = write(tmp_path, "en.txt", "\n".join(en) + "\n")
    tp = write(tmp_path, "fr.txt", "\n".join(fr) + "\n")
    out = str(tmp_path / "a.jsonl")
    assert main(["align", sp, tp, "-s", "en", "-t", "fr", "--presegmented", "-o", out]) == 0
    test = [(tuple(r["source"]), tuple(r["target"])) for r in map(json.loads, open(out, encoding="utf-8"))]
    gold = [((i,), (i,)) for i in range(5)] + [((), (5,))]
    assert score_alignments([gold], [test])["f1_strict"] == 1.0


def test_align_presegmented_jsonl_indices_are_line_numbers(tmp_path):
    # a gold alignment numbers the lines of the files, blank ones included
    sp = write(tmp_path, "de.txt", "Eins.\n\nZwei Sätze hier.\nDrei Tage später.\n")
    tp = write(tmp_path, "fr.txt", "Un.\nDeux phrases ici.\n\nTrois jours plus tard.\n")
    out = str(tmp_path / "a.jsonl")
    assert main(["align", sp, tp, "-s", "de", "-t", "fr", "--presegmented", "-o", out]) == 0
    rows = [json.loads(line) for line in open(out, encoding="utf-8")]
    assert [(r["source"], r["target"]) for r in rows] == [([0], [0]), ([2], [1]), ([3], [3])]
    assert rows[1]["source_text"] == "Zwei Sätze hier." and rows[2]["target_text"] == "Trois jours plus tard."


@pytest.mark.parametrize("src,tgt,bead,code", [
    ("The plan was approved.\nIt costs 12 million euros.\nWork starts in May 2022.\n",
     "El plan fue aprobado.\nLas obras empiezan en mayo de 2022.\n", "1-0", "ALN001"),
    ("The plan was approved.\nWork starts in May 2022.\n",
     "El plan fue aprobado.\nHabrá 30 plazas y 4 turnos nuevos.\nLas obras empiezan en mayo de 2022.\n", "0-1", "ALN002"),
])
def test_unaligned_sentences_are_reported_once(tmp_path, src, tgt, bead, code):
    sp = write(tmp_path, "en.txt", src)
    tp = write(tmp_path, "es.txt", tgt)
    result = run_audit([sp, tp], source_lang="en", target_lang="es", config=Config(select=("ALN", "EMP", "NUM")))
    flags = {seg.pair.align.bead: sorted(f.code for f in seg.flags) for seg in result.segments if seg.flags}
    assert flags == {bead: [code]}  # no EMP002 / NUM002 piling on
