"""Obsolete PO entries are selectable units (issue 12): the reader gives each ``#~`` entry as
pairs of state ``obsolete``; they are left out by default and by ``--skip obsolete``, audited with
``--only obsolete``. Every counter counts units (the plural forms of one entry are one unit), so
the note on what was left out and the catalog figures agree whatever the selection."""
import json

import pytest

from audit.cli import main
from audit.inputs import open_input
from audit.inputs.states import FilteredPairs, UnitFilter
from audit.pipeline import Audit

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ru\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Open the file"
msgstr "Открыть файл"

#, fuzzy
msgid "Close %s"
msgstr "Закрыть %s"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

msgid "Later"
msgstr ""

# a translator's note on the old entry
#, fuzzy, c-format
#~ msgid "Save %s now"
#~ msgstr "Сохранить сейчас"

#~ msgid "Old %d item"
#~ msgid_plural "Old %d items"
#~ msgstr[0] "%d старый "
#~ "элемент"
#~ msgstr[1] "%d старых элемента"
#~ msgstr[2] "%d старых элементов"

#~ msgstr "a damaged obsolete entry, without msgid"
'''


@pytest.fixture
def po(tmp_path):
    p = tmp_path / "ru.po"
    p.write_text(PO, encoding="utf-8")
    return str(p)


def test_reader_gives_obsolete_entries_as_obsolete_pairs(po):
    pairs = list(open_input([po], None, "en"))
    obsolete = [p for p in pairs if p.unit.state == "obsolete"]
    assert [p.id for p in obsolete] == ["#~ Save %s now", "#~ Old %d item[0]", "#~ Old %d item[1]", "#~ Old %d item[2]"]
    save = obsolete[0]
    assert (save.source, save.target) == ("Save %s now", "Сохранить сейчас")
    assert save.unit.flags == {"fuzzy", "c-format"} and "a translator's note on the old entry" in save.note
    assert obsolete[1].target == "%d старый элемент" and obsolete[1].unit.forms == 3
    assert save.target_origin.line == 26  # the "#~ msgstr" line
    # the live entries are as before, and the parser's count has the two obsolete entries
    assert [p.unit.state for p in pairs if p.unit.state != "obsolete"] == [
        "translated", "fuzzy", "translated", "translated", "translated", "untranslated"]


def test_counts_are_units_not_pairs(po):
    view = FilteredPairs(open_input([po], None, "en"), UnitFilter.from_options(["fuzzy"]))
    kept = list(view)
    assert len(kept) == 5  # 1 + 3 plural forms + the untranslated one
    assert view.counts.seen == {"translated": 2, "fuzzy": 1, "untranslated": 1, "obsolete": 2}
    assert view.counts.skipped == {"fuzzy": 1, "obsolete": 2}


def _json(po, *opts):
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["check", po, "-s", "en", "-F", "json", "--jobs", "1", *opts])
    return code, json.loads(buf.getvalue())


def test_only_obsolete_audits_them_and_figures_agree(po, capsys):
    code, d = _json(po, "--only", "obsolete")
    assert code == 0  # no gate set (fail_on defaults to none)
    ids = [s["id"] for s in d["segments"]]
    assert ids == ["#~ Save %s now", "#~ Old %d item[0]", "#~ Old %d item[1]", "#~ Old %d item[2]"]
    codes = {f["code"] for s in d["segments"] for f in s["flags"]}
    assert "MRK002" in codes  # %s lost in the obsolete translation
    figures = d["catalog"]["total"]
    assert figures == {"translated": 2, "untranslated": 1, "fuzzy": 1, "obsolete": 2}
    err = capsys.readouterr().err
    assert "left out 4 unit(s) by state: 1 fuzzy, 2 translated, 1 untranslated" in err
    # the same catalog figures with the default selection and with --skip fuzzy
    for opts in ((), ("--skip", "fuzzy"), ("--skip", "obsolete")):
        _, d2 = _json(po, *opts)
        assert d2["catalog"]["total"] == figures, opts
        assert not any(s["id"].startswith("#~") for s in d2["segments"])


def test_only_and_skip_obsolete_together_is_no_unit(po, capsys):
    assert main(["check", po, "-s", "en", "--only", "obsolete", "--skip", "obsolete"]) == 2
    assert "no translation units found (only obsolete; skip obsolete)" in capsys.readouterr().err


def test_library_audit_leaves_obsolete_out_by_default(po):
    result = Audit.open(po, source_lang="en", jobs=1).run()
    assert result.segments and not any(s.pair.unit.state == "obsolete" for s in result.segments)
