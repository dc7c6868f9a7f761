"""Glossary loading (TSV, CSV, TBX v2/v3), its errors (file and line), XML safety, and the hand-off
from the config / command line through the engine to the TRM checks."""
from __future__ import annotations

import json
import os
import pickle

import pytest

from audit.cli import main
from audit.core.config import Config, load_config
from audit.pipeline.engine import PARALLEL_MIN, audit_pairs
from audit.core.errors import InputError, UsageError
from audit.checks.glossary import attach, from_options, load, load_cached
from audit.core.model import Pair

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures", "glossary")


def fx(name: str) -> str:
    return os.path.join(FIX, name)


def write(tmp_path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


# -- formats ------------------------------------------------------------------------------------

def test_tsv_header_variants_forbidden_notes():
    g = load(fx("en-es.tsv"))
    by_src = {e.sources[0]: e for e in g.entries}
    assert len(g.entries) == 10  # comment and header lines are not entries
    assert by_src["file"].targets == ("archivo",) and by_src["file"].forbidden == ("fichero",)
    assert by_src["file"].note == "UI term"
    assert by_src["database"].targets == ("base de datos", "BD")
    assert by_src["forbidden only"].targets == () and by_src["forbidden only"].forbidden == ("prohibido",)
    assert by_src["basis"].note == '"base" is forbidden for "basis", but fine inside "base de datos"'
    assert by_src["server"].line == 3 and by_src["server"].path == fx("en-es.tsv")


def test_tsv_without_header_and_with_language_header(tmp_path):
    plain = load(write(tmp_path, "plain.tsv", "server\tservidor\nclient\tcliente\tnote here\n"))
    assert [(e.sources, e.targets, e.note) for e in plain.entries] == [
        (("server",), ("servidor",), None), (("client",), ("cliente",), "note here")]
    assert len(plain.entries_for("en", "es")) == 2 and len(plain.entries_for("de", "fr")) == 2
    langs = load(write(tmp_path, "langs.tsv", "en\tes\nserver\tservidor\n"))
    assert len(langs.entries) == 1
    assert len(langs.entries_for("en", "es")) == 1
    assert langs.entries_for("en", "fr") == [] and langs.entries_for("es", "en") == []


def test_tsv_spreadsheet_quotes_and_bom(tmp_path):
    p = tmp_path / "q.tsv"
    p.write_bytes('\ufeffsource\ttarget\n"say ""hi"""\t"di ""hola"""\nfile "x"\tarchivo "x"\n'.encode("utf-8"))
    g = load(str(p))
    assert [(e.sources[0], e.targets[0]) for e in g.entries] == [('say "hi"', 'di "hola"'), ('file "x"', 'archivo "x"')]


def test_csv_with_semicolons_quotes_and_forbidden_column():
    g = load(fx("en-de.csv"))
    rows = [(e.sources, e.targets, e.forbidden) for e in g.entries]
    assert (("mobile phone",), (), ("Handy",)) in rows
    assert (("mobile phone",), ("Mobiltelefon",), ()) in rows
    assert (("Save; then close",), ("Speichern; dann schließen",), ()) in rows


def test_tbx_v2_basic():
    g = load(fx("en-ru.tbx"))
    assert len(g.concepts) == 4
    entries = {e.sources[0]: e for e in g.entries_for("en", "ru")}
    assert entries["computer"].targets == ("компьютер",) and entries["computer"].forbidden == ("ЭВМ",)
    assert entries["server"].note == "A computer that provides services to other computers."
    assert entries["operating system"].targets == ("операционная система",)  # ntig/termGrp, en-US/ru-RU
    assert entries["server"].line == 7
    # concepts work in both directions, and not for languages they lack
    back = {e.sources: e for e in g.entries_for("ru", "en")}
    assert back[("компьютер", "ЭВМ")].targets == ("computer",)  # a deprecated term still names the concept
    assert g.entries_for("en", "de") == []


def test_tbx_v3_namespaced():
    g = load(fx("en-zh.tbx"))
    entries = {e.sources[0]: e for e in g.entries_for("en", "zh")}
    assert entries["mobile phone"].targets == ("手机",) and entries["mobile phone"].forbidden == ("大哥大",)
    assert entries["API"].targets == ("API", "应用程序接口")


def test_several_files_merge_and_digest_changes():
    g = load([fx("en-es.tsv"), fx("en-ru.tbx")])
    assert len(g) == 14 and len(g.digest) == 64
    assert load(fx("en-es.tsv")).digest != g.digest


def test_glossary_pickles_without_its_compiled_indexes():
    g = load(fx("en-es.tsv"))
    g.index("en", "es")
    g2 = pickle.loads(pickle.dumps(g))
    assert g2._indexes == {} and g2.entries == g.entries
    assert g2.index("en", "es").sources


# -- errors: one line naming the file and the line -------------------------------------------------

@pytest.mark.parametrize("name,text,line,words", [
    ("no-target.tsv", "server\tservidor\nclient\n", 2, "target"),
    ("empty-target.tsv", "server\tservidor\nclient\t | \n", 2, "target"),
    ("empty-source.tsv", "source\ttarget\n\tservidor\n", 2, "source"),
    ("bang.tsv", "# c\nserver\tservidor|!\n", 2, "forbidden"),
    ("forbidden-source.tsv", "!server\tservidor\n", 1, "source"),
    ("bad-utf8.tsv", None, 2, "UTF-8"),
    ("bad.csv", 'source,target\n"unterminated,x\n', 2, "CSV"),
])
def test_bad_tsv_csv(tmp_path, name, text, line, words):
    if text is None:
        p = tmp_path / name
        p.write_bytes(b"server\tservidor\nfile\tarchiv\xff\n")
        path = str(p)
    else:
        path = write(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.path == path and err.value.line == line
    assert words.lower() in str(err.value).lower()
    assert "\n" not in str(err.value)


def test_empty_glossary_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="no glossary entries"):
        load(write(tmp_path, "empty.tsv", "# nothing\nsource\ttarget\n\n"))
    with pytest.raises(InputError, match="not found"):
        load(str(tmp_path / "nope.tsv"))


def test_malformed_tbx_names_the_line():
    with pytest.raises(InputError) as err:
        load(fx("malformed.tbx"))
    assert err.value.path == fx("malformed.tbx") and err.value.line == 7
    assert "malformed XML" in str(err.value)


@pytest.mark.parametrize("body,line,words", [
    ('<martif><text><body><termEntry><langSet><tig><term>a</term></tig></langSet></termEntry></body></text></martif>',
     1, "xml:lang"),
    ('<martif>\n<text><body>\n<termEntry><langSet xml:lang="en"><tig><term> </term></tig></langSet></termEntry>'
     '</body></text></martif>', 3, "empty <term>"),
    ('<martif>\n<text><body>\n<termEntry><langSet xml:lang="en"><tig><note>x</note></tig></langSet></termEntry>'
     '</body></text></martif>', 3, "without <term>"),
    ('<html><body>not a glossary</body></html>', 1, "not a TBX"),
    ('<martif><text><body></body></text></martif>', 1, "no term entries"),
])
def test_bad_tbx(tmp_path, body, line, words):
    path = write(tmp_path, "bad.tbx", '<?xml version="1.0"?>\n' + body if line > 1 else body)
    if line > 1:
        line += 1  # the XML declaration line
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.line == line and words in str(err.value)


def test_xxe_is_refused_and_reads_nothing():
    with pytest.raises(InputError) as err:
        load(fx("xxe.tbx"))
    assert err.value.line == 3 and "entities" in str(err.value)
    assert "root:" not in str(err.value)


def test_billion_laughs_is_refused(tmp_path):
    body = ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY a "aaaaaaaaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n]>\n'
            '<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&c;</term></tig></langSet>'
            '</termEntry></body></text></martif>\n')
    with pytest.raises(InputError, match="entities"):
        load(write(tmp_path, "lol.tbx", body))


def test_undeclared_entity_is_a_syntax_error(tmp_path):
    body = ('<?xml version="1.0"?>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig>'
            '<term>&ext;</term></tig></langSet></termEntry></body></text></martif>\n')
    with pytest.raises(InputError) as err:
        load(write(tmp_path, "u.tbx", body))
    assert err.value.line == 2


# -- hand-off: config file, command line, engine, workers ---------------------------------------

def test_config_setting_paths_relative_to_the_config_file(tmp_path):
    (tmp_path / "terms").mkdir()
    write(tmp_path / "terms", "g.tsv", "server\tservidor\n")
    write(tmp_path, "transaudit.toml", 'glossary = ["terms/g.tsv"]\n')
    cfg = load_config(cwd=tmp_path)
    assert cfg.glossary == (str(tmp_path / "terms" / "g.tsv"),)
    write(tmp_path, "bad.toml", "glossary = 3\n")
    with pytest.raises(UsageError, match="glossary"):
        load_config(str(tmp_path / "bad.toml"))


def test_attach_loads_once_and_is_idempotent():
    cfg = Config(glossary=(fx("en-es.tsv"),))
    a = attach(cfg)
    assert a.options["TRM001"]["glossary"] == [os.path.abspath(fx("en-es.tsv"))]
    assert attach(a) is a
    assert from_options(a.options["TRM002"]) is load_cached((os.path.abspath(fx("en-es.tsv")),))
    assert attach(Config()) == Config()


def _pairs(n):
    out = []
    for i in range(n):
        if i % 2:
            out.append(Pair(id=str(i), source=f"Restart server {i} now.", target=f"Reinicia la máquina {i} ahora.",
                            source_lang="en", target_lang="es"))
        else:
            out.append(Pair(id=str(i), source=f"Restart server {i} now.", target=f"Reinicia el servidor {i} ahora.",
                            source_lang="en", target_lang="es"))
    return out


@pytest.mark.parametrize("jobs,n", [(1, 10), (2, PARALLEL_MIN + 10)])
def test_engine_hands_the_glossary_to_the_checks_in_workers_too(jobs, n):
    res = audit_pairs(_pairs(n), Config(select=("TRM",), glossary=(fx("en-es.tsv"),)), jobs=jobs)
    flagged = [seg.pair.id for seg in res.segments if seg.flags]
    assert flagged == [str(i) for i in range(1, n, 2)]
    f = res.segments[1].flags[0]
    assert f.code == "TRM001" and res.segments[1].pair.source[f.spans[0].start:f.spans[0].end] == "server"
    assert "glossary" in res.settings and "TRM001" in res.settings["options"]


def test_without_glossary_the_checks_are_silent():
    res = audit_pairs(_pairs(4), Config(select=("TRM",)), jobs=1)
    assert not any(seg.flags for seg in res.segments)


def test_cli_glossary_option_and_bad_glossary_exit_2(tmp_path, capsys):
    src = write(tmp_path, "in.tsv", "Restart the server now.\tReinicia la máquina ahora.\n"
                                    "Open the file.\tAbre el archivo.\n")
    out = str(tmp_path / "out.jsonl")
    rc = main(["check", src, "-s", "en", "-t", "es", "--select", "TRM", "--glossary", fx("en-es.tsv"),
               "-F", "jsonl", "-o", out])
    assert rc == 0
    rows = [json.loads(line) for line in open(out, encoding="utf-8")]
    codes = [f["code"] for r in rows if "id" in r for f in r["flags"]]
    assert codes == ["TRM001"]
    bad = write(tmp_path, "bad.tsv", "server\tservidor\nonly-source\n")
    capsys.readouterr()
    rc = main(["check", src, "-s", "en", "-t", "es", "--glossary", bad])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1
    assert f"{bad}:2:" in err
