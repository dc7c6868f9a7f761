"""import-decisions: an export moves into another database whole (or not at all), conflicts
are resolved by the chosen policy, and bad files are one line, exit 2, database untouched."""
import json
import shutil
import subprocess
import sys

import pytest

from audit.core.errors import InputError
from audit.core.model import Flag, Pair, Severity, Span, fingerprint
from audit.outputs.decisions import decision_rows, export_decisions
from audit.store.decisions import DecisionStore
from audit.store.importing import import_decisions, read_export


def _flag(pair, code="NUM003"):
    spans = (Span("target", 0, 3),)
    return Flag(pair.id, code, "x", Severity.MAJOR, "accuracy/mistranslation", "msg", spans, fingerprint(code, pair, spans))


P1 = Pair("1", "Llueve en Tokio.", "Rain in Tokio.", source_lang="es", target_lang="en")
P2 = Pair("2", "東京は雨です。", "It is raining in Tokyo.", source_lang="ja", target_lang="en")


def _reviewed(path):
    with DecisionStore(str(path)) as st:
        st.set_flag(_flag(P1), "dismissed", "fine here")
        st.set_flag(_flag(P2, "LEN001"), "confirmed")
        st.approve(P2)
        st.set_post_edit(P1, "It rains in Tokyo.")
        rows = decision_rows(st)
    return rows


def _export(db, out):
    with DecisionStore(str(db), readonly=True) as st:
        export_decisions(st, "json", str(out))


def _cli(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=120)


def test_round_trip_into_a_new_database(tmp_path):
    rows = _reviewed(tmp_path / "a.db")
    _export(tmp_path / "a.db", tmp_path / "a.json")
    r = _cli(tmp_path, "import-decisions", "a.json", "b.db")
    assert r.returncode == 0 and "4 decisions read: 4 added, 0 replaced, 0 kept" in r.stderr
    with DecisionStore(str(tmp_path / "b.db"), readonly=True) as st:
        assert decision_rows(st) == rows
    again = _cli(tmp_path, "import-decisions", "a.json", "b.db")
    assert "0 added, 0 replaced, 4 kept" in again.stderr


def test_conflicts_follow_the_policy(tmp_path):
    _reviewed(tmp_path / "a.db")
    _export(tmp_path / "a.db", tmp_path / "a.json")
    with DecisionStore(str(tmp_path / "b.db")) as st:  # a later decision on the same flag
        st.set_flag(_flag(P1), "confirmed", "wrong after all")
    decisions = read_export(str(tmp_path / "a.json"))
    for policy, status in (("newer", "confirmed"), ("keep", "confirmed"), ("replace", "dismissed")):
        shutil.copy(tmp_path / "b.db", tmp_path / f"{policy}.db")
        with DecisionStore(str(tmp_path / f"{policy}.db")) as st:
            got = import_decisions(st, decisions, policy)
            assert st.flag_status(_flag(P1).fingerprint).status == status
        assert got.added == 3 and got.replaced + got.kept == 1


@pytest.mark.parametrize(("content", "says"), [
    ("{", "invalid JSON"),
    ('{"decisions": {}}', "no 'decisions' list"),
    ('{"schema": 99, "decisions": []}', "schema 99"),
    ('{"schema": 2, "decisions": [{"kind": "flag", "fingerprint": "f", "status": "maybe"}]}', "decision 1: 'status'"),
    ('{"schema": 2, "decisions": [{"kind": "segment", "key": "k", "approved": "yes"}]}', "decision 1: 'approved'"),
    ('{"schema": 2, "decisions": [{"kind": "flag", "fingerprint": "f", "status": "dismissed"}, {"kind": "x"}]}',
     "decision 2: 'kind'"),
    ('{"schema": 2, "decisions": [{"kind": "flag", "fingerprint": "f", "status": "dismissed", "updated": "May"}]}',
     "'updated' must be a time"),
])
def test_bad_exports_are_refused_and_the_database_is_untouched(tmp_path, content, says):
    _reviewed(tmp_path / "b.db")
    before = (tmp_path / "b.db").read_bytes()
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=says):
        read_export(str(tmp_path / "bad.json"))
    r = _cli(tmp_path, "import-decisions", "bad.json", "b.db")
    assert r.returncode == 2 and "bad.json" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert (tmp_path / "b.db").read_bytes() == before


def test_the_database_is_never_the_export_and_a_foreign_file_is_refused(tmp_path):
    _reviewed(tmp_path / "a.db")
    _export(tmp_path / "a.db", tmp_path / "a.json")
    same = _cli(tmp_path, "import-decisions", "a.json", "a.json")
    assert same.returncode == 2 and json.loads((tmp_path / "a.json").read_text())["decisions"]
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    foreign = _cli(tmp_path, "import-decisions", "a.json", "notes.txt")
    assert foreign.returncode == 2 and (tmp_path / "notes.txt").read_text() == "not a database"
