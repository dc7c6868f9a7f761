"""Projects and folders (issue 12): ``check DIR|GLOB...``, ``--each``, ``-`` for stdin, POT templates,
two bilingual files given as a pair, and ``--skip``/``--only`` by unit state."""
import hashlib
import io
import json
import os

import pytest

from audit.cli import main
from audit.core.errors import UsageError
from audit.core.model import Pair, Unit
from audit.inputs.discover import (
    bilingual_format,
    expand_inputs,
    find_catalogs,
    template_for,
)
from audit.inputs.states import (
    STATE_NAMES,
    FilteredPairs,
    UnitFilter,
    state_of,
    unit_key,
)

FR = """msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Open the file."
msgstr "Ouvrez le fichier."

#, fuzzy
msgid "Save 3 files."
msgstr "Enregistrer 4 fichiers."

msgid "Close"
msgstr ""
"""

RU = """msgid ""
msgstr ""
"Language: ru\\n"

msgid "Open the file."
msgstr "Откройте файл."

msgid "You have 5 new messages."
msgstr "У вас 6 новых сообщений."
"""

POT = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Open the file."
msgstr ""

msgid "Save 3 files."
msgstr ""

msgid "Close"
msgstr ""

msgid "Quit"
msgstr ""
"""

XLF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en" target-language="ja" datatype="plaintext" original="ui">
  <body>
   <trans-unit id="1"><source>Delete 2 items?</source><target>3 個の項目を削除しますか?</target></trans-unit>
   <trans-unit id="2"><source>Cancel</source><target>キャンセル</target></trans-unit>
  </body>
 </file>
</xliff>
"""


def _project(tmp_path):
    root = tmp_path / "proj"
    (root / "po").mkdir(parents=True)
    (root / "po" / "app.pot").write_text(POT, encoding="utf-8")
    (root / "po" / "fr.po").write_text(FR, encoding="utf-8")
    (root / "po" / "ru.po").write_text(RU, encoding="utf-8")
    (root / "ui").mkdir()
    (root / "ui" / "strings.xlf").write_text(XLF, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "old.po").write_text(RU, encoding="utf-8")  # hidden folder: skipped
    (root / ".hidden.po").write_text(RU, encoding="utf-8")  # hidden file: skipped
    (root / "data.tsv").write_text("a\tb\n", encoding="utf-8")  # TSV: not searched for in folders
    return root


def _digests(root):
    return {p: hashlib.sha256(open(os.path.join(d, p), "rb").read()).hexdigest()
            for d, _, fs in os.walk(root) for p in fs}


def _json(capsys, argv):
    code = main(argv)
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


# --- discovery ----------------------------------------------------------------------------------

def test_folder_is_searched_recursively_sorted_hidden_and_tsv_skipped(tmp_path):
    root = _project(tmp_path)
    found = [os.path.relpath(p, root) for p in find_catalogs(str(root))]
    assert found == ["po/app.pot", "po/fr.po", "po/ru.po", "ui/strings.xlf"]


def test_quoted_glob_is_expanded_here_and_a_file_named_twice_kept_once(tmp_path):
    root = _project(tmp_path)
    files, expanded = expand_inputs([str(root / "po" / "*.po"), str(root / "po" / "fr.po")])
    assert expanded
    assert [os.path.basename(f) for f in files] == ["fr.po", "ru.po"]
    files, _ = expand_inputs([str(root / "**" / "*.xlf")])
    assert [os.path.basename(f) for f in files] == ["strings.xlf"]


def test_glob_without_match_and_folder_without_catalog_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.po")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no catalog .* found in this directory"):
        expand_inputs([str(tmp_path / "empty")])


def test_template_pairing_same_folder_and_lc_messages_layout(tmp_path):
    assert template_for("po/fr.po", ["po/app.pot"]) == "po/app.pot"
    assert template_for("locale/fr/LC_MESSAGES/app.po", ["locale/app.pot"]) == "locale/app.pot"
    assert template_for("locale/fr/LC_MESSAGES/app.po", ["locale/app.pot", "locale/web.pot"]) == "locale/app.pot"
    assert template_for("locale/fr/LC_MESSAGES/x.po", ["locale/app.pot", "locale/web.pot"]) is None
    assert template_for("po/fr.po", []) is None


def test_bilingual_format_by_extension_and_content(tmp_path):
    p = tmp_path / "catalog"
    p.write_text(RU, encoding="utf-8")
    t = tmp_path / "train.en"
    t.write_text("Hello world.\n", encoding="utf-8")
    assert bilingual_format(str(p)) == "po"
    assert bilingual_format(str(tmp_path / "x.tmx")) == "tmx"
    assert bilingual_format(str(t)) is None
    assert bilingual_format("src.txt") is None


# --- unit states ----------------------------------------------------------------------------------

def _pair(i, state="translated", target="Bonjour.", flags=(), note=None, unit=True):
    u = Unit(key=f"k{i}", state=state, flags=frozenset(flags)) if unit else None
    return Pair(str(i), "Hello.", target, source_lang="en", target_lang="fr", index=i, unit=u, note=note)


@pytest.mark.parametrize("state,name", [("translated", "translated"), ("untranslated", "untranslated"),
                                        ("fuzzy", "fuzzy"), ("obsolete", "obsolete"), ("approved", "approved"),
                                        ("final", "approved"), ("locked", "locked")])
def test_state_mapping_from_unit(state, name):
    assert state_of(_pair(1, state)) == name


def test_locked_and_no_translate_flags_are_locked():
    assert state_of(_pair(1, "translated", flags={"no-translate"})) == "locked"
    assert state_of(_pair(1, "approved", flags={"locked"})) == "locked"


def test_state_without_unit_is_derived():
    assert state_of(_pair(1, target=None, unit=False)) == "untranslated"
    assert state_of(_pair(1, target="  ", unit=False)) == "untranslated"
    assert state_of(_pair(1, note="fuzzy\nmsgctxt: x", unit=False)) == "fuzzy"
    assert state_of(_pair(1, unit=False)) == "translated"


def test_filter_skip_only_and_default_obsolete():
    assert UnitFilter.from_options().skip == {"obsolete"}
    f = UnitFilter.from_options(["fuzzy,obsolete"])
    assert not f.keeps("fuzzy") and f.keeps("translated")
    only = UnitFilter.from_options([], ["untranslated"])
    assert only.keeps("untranslated") and not only.keeps("translated")
    assert UnitFilter.from_options([], ["obsolete"]).keeps("obsolete")
    assert not UnitFilter.from_options(["fuzzy"], ["fuzzy,translated"]).keeps("fuzzy")
    with pytest.raises(UsageError, match="unknown unit state 'reviewed'"):
        UnitFilter.from_options(["reviewed"])
    assert set(STATE_NAMES) >= {"fuzzy", "obsolete", "untranslated", "approved", "locked"}


def test_filtered_pairs_counts_the_last_complete_pass():
    pairs = [_pair(0), _pair(1, "fuzzy"), _pair(2, "obsolete"), _pair(3, "fuzzy"), _pair(4, "untranslated", None)]
    view = FilteredPairs(pairs, UnitFilter.from_options(["fuzzy"]))
    assert [p.id for p in view] == ["0", "4"]
    assert view.counts.skipped == {"fuzzy": 2, "obsolete": 1}
    assert view.counts.kept == 2
    next(iter(view))  # a partial pass leaves the counts of the last complete one
    assert view.counts.kept == 2
    assert [p.id for p in FilteredPairs(pairs, UnitFilter.from_options([], ["untranslated"]))] == ["4"]


def test_unit_key_joins_plural_forms():
    assert unit_key(Pair("file[1]", "files", "fichiers")) == "file"
    assert unit_key(Pair("ctx|Open", "Open", "Ouvrir")) == "ctx|Open"
    assert unit_key(_pair(3)) == "k3"


# --- the command ----------------------------------------------------------------------------------

def test_folder_report_per_file_and_total_json(tmp_path, capsys):
    root = _project(tmp_path)
    before = _digests(root)
    code, d, err = _json(capsys, ["check", str(root), "-F", "json", "-q"])
    assert code == 0, err
    files = {os.path.relpath(f["file"], root): f for f in d["files"]}
    assert list(files) == ["po/app.pot", "po/fr.po", "po/ru.po", "ui/strings.xlf"]
    assert files["po/app.pot"]["role"] == "template"
    assert files["po/app.pot"]["template"]["msgids"] == 4
    fr = files["po/fr.po"]
    assert fr["target_lang"] == "fr" and fr["segments"] == 3
    assert fr["template"] == {"file": str(root / "po" / "app.pot"), "msgids": 4, "missing": 1,
                              "missing_ids": ["Quit"], "extra": 0}
    ru = files["po/ru.po"]["template"]
    assert ru["missing_ids"] == ["Close", "Quit", "Save 3 files."] and ru["extra"] == 1
    assert files["ui/strings.xlf"]["target_lang"] == "ja"
    audited = [f for f in d["files"] if f["role"] == "catalog"]
    assert d["summary"]["segments"] == sum(f["segments"] for f in audited) == len(d["segments"])
    for sev in ("minor", "major", "critical"):
        assert d["summary"]["by_severity"][sev] == sum(f["by_severity"][sev] for f in audited)
    assert d["target_lang"] is None  # fr, ru and ja: no one language for the total
    paths = {s["origin"]["target"]["path"] for s in d["segments"]}
    assert paths == {str(root / "po" / "fr.po"), str(root / "po" / "ru.po"), str(root / "ui" / "strings.xlf")}
    assert _digests(root) == before  # no input modified


def test_folder_text_report_has_a_table_and_a_total(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "-q"]) == 0
    out = capsys.readouterr().out
    assert "\nFiles\n" in out
    table = out[out.index("\nFiles\n"):]
    assert "template" in table and "4 msgids, not audited" in table
    assert "1 of 4 msgids of" in table
    assert "total (3 files)" in table
    assert str(root / "ui" / "strings.xlf") in table


def test_folder_run_is_deterministic(tmp_path, capsys):
    root = _project(tmp_path)
    outs = []
    for _ in range(2):
        main(["check", str(root), "-F", "json", "-q"])
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]


def test_fail_on_applies_to_the_total(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root / "po"), "-q", "--fail-on", "major"]) == 1
    assert "gate failed: --fail-on major" in capsys.readouterr().err
    assert main(["check", str(root / "po"), "-q", "--fail-on", "major", "--select", "WSP"]) == 0


@pytest.mark.parametrize("fmt", ["sarif", "csv", "jsonl", "html"])
def test_other_formats_keep_each_flags_file(tmp_path, capsys, fmt):
    root = _project(tmp_path)
    assert main(["check", str(root), "-F", fmt, "-q"]) == 0
    out = capsys.readouterr().out
    for name in ("fr.po", "ru.po", "strings.xlf"):
        assert name in out


def test_two_bilingual_files_are_a_usage_error(tmp_path, capsys):
    root = _project(tmp_path)
    a, b = str(root / "po" / "fr.po"), str(root / "po" / "ru.po")
    assert main(["check", a, b]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    expected = (f"transaudit: error: {a} and {b} are both bilingual files (PO), not a source/target text "
                "pair; to audit each on its own, add --each or give their folder")
    assert err == [expected]
    code, d, _ = _json(capsys, ["check", "--each", a, b, "-F", "json", "-q"])
    assert code == 0 and [f["file"] for f in d["files"]] == [a, b]
    assert main(["check", a, str(root / "ui" / "strings.xlf")]) == 2
    assert "(PO and XLIFF)" in capsys.readouterr().err


def test_two_text_files_stay_a_text_pair(tmp_path, capsys):
    s, t = tmp_path / "src.txt", tmp_path / "tgt.txt"
    s.write_text("The cat sleeps.\nI have 3 dogs.\n", encoding="utf-8")
    t.write_text("Le chat dort.\nJ'ai 4 chiens.\n", encoding="utf-8")
    code, d, _ = _json(capsys, ["check", str(s), str(t), "-s", "en", "-t", "fr", "-F", "json", "-q"])
    assert code == 0 and d["summary"]["segments"] == 2 and "files" not in d


def test_options_that_need_one_input_are_refused_for_a_folder(tmp_path, capsys):
    root = _project(tmp_path)
    ref = tmp_path / "ref.txt"
    ref.write_text("x\n", encoding="utf-8")
    assert main(["check", str(root), "--ref", str(ref)]) == 2
    assert "--ref needs a single input" in capsys.readouterr().err


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_sniffed_and_named(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(RU.encode()))
    code, d, _ = _json(capsys, ["check", "-", "-F", "json", "-q"])
    assert code == 0 and d["target_lang"] == "ru"
    assert {s["origin"]["target"]["path"] for s in d["segments"]} == {"<stdin>"}
    flags = [f["code"] for s in d["segments"] for f in s["flags"]]
    assert "NUM003" in flags  # 5 -> 6, in Cyrillic text


def test_stdin_errors_name_stdin_and_the_line(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b'msgid "a"\nmsgstr "b"\nmsgid "c\n'))
    assert main(["check", "-"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("transaudit: error: <stdin>:3: ")
    monkeypatch.setattr("sys.stdin", _Stdin(b"just some words\n"))
    assert main(["check", "-"]) == 2
    assert "<stdin>: cannot tell the input format; give --input-format" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _Stdin(b"Hola.\tHello.\n"))
    assert main(["check", "-", "-f", "text"]) == 2
    assert "not text" in capsys.readouterr().err


def test_stdin_with_input_format_and_with_a_folder(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path)
    monkeypatch.setattr("sys.stdin", _Stdin(b"Hola mundo.\tHello world.\n"))
    code, d, _ = _json(capsys, ["check", "-", "-f", "tsv", "-s", "es", "-t", "en", "-F", "json", "-q"])
    assert code == 0 and d["summary"]["segments"] == 1
    monkeypatch.setattr("sys.stdin", _Stdin(RU.encode()))
    code, d, _ = _json(capsys, ["check", str(root / "ui"), "-", "-F", "json", "-q"])
    assert code == 0 and [os.path.basename(f["file"]) for f in d["files"]] == ["strings.xlf", "<stdin>"]


def test_skip_and_only_by_state_on_a_po_file(tmp_path, capsys):
    root = _project(tmp_path)
    fr = str(root / "po" / "fr.po")
    _, d, _ = _json(capsys, ["check", fr, "-F", "json", "-q"])
    assert d["summary"]["segments"] == 3 and "unit_selection" not in d["settings"]
    _, d, err = _json(capsys, ["check", fr, "-F", "json", "--skip", "fuzzy"])
    assert [s["id"] for s in d["segments"]] == ["Open the file.", "Close"]
    assert d["settings"]["unit_selection"] == {"skip": ["fuzzy", "obsolete"], "only": None}
    assert "left out 1 unit(s) by state: 1 fuzzy" in err
    _, d, _ = _json(capsys, ["check", fr, "-F", "json", "-q", "--only", "untranslated"])
    assert [s["id"] for s in d["segments"]] == ["Close"]
    assert main(["check", fr, "-q", "--only", "approved"]) == 2
    assert "no translation units found (only approved; skip obsolete)" in capsys.readouterr().err


def test_skip_in_a_folder_is_counted_per_file(tmp_path, capsys):
    root = _project(tmp_path)
    _, d, _ = _json(capsys, ["check", str(root / "po"), "-F", "json", "-q", "--skip", "fuzzy"])
    fr = next(f for f in d["files"] if f["file"].endswith("fr.po"))
    assert fr["skipped"] == {"fuzzy": 1} and fr["segments"] == 2
    assert fr["units"] == {"fuzzy": 1, "translated": 1, "untranslated": 1}


def test_a_template_alone_is_not_audited(tmp_path, capsys):
    root = _project(tmp_path)
    pot = str(root / "po" / "app.pot")
    assert main(["check", pot]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"transaudit: error: {pot}: a gettext template")


def test_a_template_without_po_is_noted(tmp_path, capsys):
    root = _project(tmp_path)
    code = main(["check", str(root / "po" / "app.pot"), str(root / "ui" / "strings.xlf"), "--each", "-q"])
    assert code == 0
    code = main(["check", str(root / "po" / "app.pot"), str(root / "ui" / "strings.xlf"), "--each"])
    err = capsys.readouterr().err
    assert "app.pot: template, not audited: no PO file translated from it among the inputs" in err


def test_a_bad_file_in_a_folder_stops_the_run_naming_it(tmp_path, capsys):
    root = _project(tmp_path)
    bad = root / "po" / "zz.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nmsgid "c\n', encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["check", str(root), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"transaudit: error: {bad}:3: ")
    assert not out.exists()


def test_a_glob_takes_only_inputs_it_matches(tmp_path):
    root = _project(tmp_path)
    (root / "po" / "LINGUAS").write_text("fr ru\n", encoding="utf-8")
    files, _ = expand_inputs([str(root / "po" / "*")])
    assert [os.path.basename(f) for f in files] == ["app.pot", "fr.po", "ru.po"]
    files, _ = expand_inputs([str(root / "*.tsv")])
    assert [os.path.basename(f) for f in files] == ["data.tsv"]
    with pytest.raises(UsageError, match="no catalog .* matches"):
        expand_inputs([str(root / "po" / "LING*")])


def test_streamed_and_collected_totals_agree_and_match_single_runs(tmp_path, capsys):
    root = _project(tmp_path)
    _, d, _ = _json(capsys, ["check", str(root), "-F", "json", "-q"])
    assert main(["check", str(root), "-F", "jsonl", "-q"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    summary = lines[-1]
    assert summary["type"] == "summary"
    for key in ("segments", "flagged_segments", "flags", "by_severity", "by_code", "scores"):
        assert summary[key] == d["summary"][key], key
    for f in d["files"]:
        if f["role"] != "catalog":
            continue
        _, one, _ = _json(capsys, ["check", f["file"], "-F", "json", "-q"])
        assert one["summary"]["by_severity"] == f["by_severity"]
        assert one["summary"]["scores"] == f["scores"]
        assert [s["flags"] for s in one["segments"]] == [s["flags"] for s in d["segments"]
                                                         if s["origin"]["target"]["path"] == f["file"]]


def test_decisions_and_align_need_a_single_input(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "--decisions", str(tmp_path / "x.db")]) == 2
    assert "--decisions needs a single input" in capsys.readouterr().err
    assert main(["check", str(root / "po"), "--align"]) == 2
    assert "--align needs a single input" in capsys.readouterr().err


def test_files_named_one_by_one_are_kept_as_given(tmp_path):
    root = _project(tmp_path)
    fr = str(root / "po" / "fr.po")
    assert expand_inputs([fr, fr]) == ([fr, fr], False)


def test_the_xliff_report_is_refused_for_several_files(tmp_path, capsys):
    root = _project(tmp_path)
    assert main(["check", str(root), "-F", "xliff"]) == 2
    assert "the xliff report holds one input" in capsys.readouterr().err


def test_input_format_with_several_inputs_is_for_stdin_and_unknown_extensions(tmp_path, capsys, monkeypatch):
    root = _project(tmp_path)
    (root / "ui" / "extra").write_text(RU, encoding="utf-8")  # no extension: read as -f says
    monkeypatch.setattr("sys.stdin", _Stdin(RU.encode()))
    code, d, err = _json(capsys, ["check", str(root / "ui" / "strings.xlf"), str(root / "ui" / "extra"), "-",
                                  "-f", "po", "-F", "json", "-q"])
    assert code == 0, err
    assert [f["format"] for f in d["files"]] == ["xliff", "po", "po"]


def test_library_and_review_refuse_two_bilingual_files_too(tmp_path, capsys):
    from audit.inputs import open_input

    root = _project(tmp_path)
    a, b = str(root / "po" / "fr.po"), str(root / "ui" / "strings.xlf")
    with pytest.raises(UsageError, match="both bilingual files"):
        open_input([a, b])
    assert main(["review", a, b]) == 2
    assert "both bilingual files (PO and XLIFF)" in capsys.readouterr().err


def test_units_filled_by_readers_are_selected_through_the_audit():
    """Once readers fill ``Pair.unit``, the selection works on it (pairs built here as a reader would)."""
    from audit.core.config import Config
    from audit.pipeline import Audit

    pairs = [_pair(0, "translated", "Bonjour."), _pair(1, "fuzzy", "Bonjour 3."),
             _pair(2, "approved", "Salut."), _pair(3, "obsolete", "Vieux."), _pair(4, "locked", "Hello.")]
    for opts, kept in (((), ["0", "1", "2", "4"]), ((["fuzzy,locked"], []), ["0", "2"]),
                       (([], ["approved"]), ["2"]), (([], ["obsolete"]), ["3"])):
        view = FilteredPairs(pairs, UnitFilter.from_options(*opts))
        result = Audit(view, Config(select=("NUM",)), source_lang="en", target_lang="fr").run()
        assert [s.pair.id for s in result.segments] == kept, opts


def test_survey_keys_leave_obsolete_units_out():
    from audit.inputs.states import survey

    pairs = [_pair(0), _pair(1, "obsolete"), Pair("n[0]", "file", None, unit=Unit("n", "untranslated", form=0)),
             Pair("n[1]", "files", None, unit=Unit("n", "untranslated", form=1))]
    counts, keys, translated = survey(pairs)
    assert keys == {"k0", "n"} and translated
    # units, not pairs: the two plural forms of "n" are one unit (as the catalog statistics count)
    assert counts.seen == {"translated": 1, "obsolete": 1, "untranslated": 1}


def test_an_empty_catalog_in_a_folder_is_noted_and_all_empty_is_an_error(tmp_path, capsys):
    root = _project(tmp_path)
    (root / "po" / "de.po").write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n', encoding="utf-8")
    code = main(["check", str(root / "po"), "-F", "json"])
    out = capsys.readouterr()
    assert code == 0
    de = next(f for f in json.loads(out.out)["files"] if f["file"].endswith("de.po"))
    assert de["segments"] == 0 and de["note"] == "no translation units"
    assert "de.po: no translation units" in out.err
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "de.po").write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n', encoding="utf-8")
    assert main(["check", str(empty)]) == 2
    assert "no translation units found in 1 file(s)" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_progress_over_a_folder_counts_all_files(tmp_path, capsys, monkeypatch, fmt):
    from audit.cli import progress as progress_mod

    seen = []
    real = progress_mod.Progress.update

    def update(self, done):
        seen.append((done, self.total))
        real(self, done)

    monkeypatch.setattr(progress_mod.Progress, "update", update)
    root = _project(tmp_path)
    assert main(["check", str(root), "-F", fmt, "--progress", "-o", str(tmp_path / f"r.{fmt}")]) == 0
    assert seen and max(d for d, _ in seen) == 7, seen  # 3 + 2 + 2 segments
    assert {t for _, t in seen} == {7}  # the total is known before the first segment


def test_stdin_copy_is_removed_after_the_run(tmp_path, capsys, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr("sys.stdin", _Stdin(RU.encode()))
    assert main(["check", "-", "-q"]) == 0
    monkeypatch.setattr("sys.stdin", _Stdin(b'msgid "a"\nmsgstr "b"\nmsgid "c\n'))
    assert main(["check", "-", "-q"]) == 2
    assert not [f for f in os.listdir(tmp_path) if f.startswith("transaudit-stdin-")]


def test_stdin_above_the_input_size_limit_is_refused_while_read(tmp_path, capsys, monkeypatch):
    from audit.core import limits

    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-input-bytes = 40\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", _Stdin(RU.encode()))
    try:
        assert main(["check", "-"]) == 2
    finally:
        limits.configure(None)
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [("transaudit: error: <stdin>: standard input is above the limit of 40 bytes "
                   "(limits.max-input-bytes)")]
