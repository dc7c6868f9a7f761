"""The review database as a trusted store (issue 15): damaged, foreign and tampered databases are
refused with one line and left as they were; WAL mode; one review app at a time; kill -9 while
writing loses nothing acknowledged."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from audit.cli import main as cli_main
from audit.core.errors import InputError
from audit.core.model import Flag, Severity
from audit.store.decisions import DecisionStore

HERE = os.path.dirname(os.path.abspath(__file__))


def _flag(i: int) -> Flag:
    return Flag("p", "NUM001", "number-mismatch", Severity.MAJOR, "accuracy/mistranslation", "m", (), f"fp{i:04d}")


def _db(tmp_path, n: int = 50) -> str:
    path = str(tmp_path / "d.db")
    with DecisionStore(path) as st:
        for i in range(n):
            st.set_flag(_flag(i), "dismissed", "x" * 200)
    return path


def _digest(path: str) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _refused(path: str, needle: str, readonly: bool = False) -> None:
    before = _digest(path)
    with pytest.raises(InputError, match=needle):
        DecisionStore(path, readonly=readonly)
    assert _digest(path) == before, "a refused database must be left as it was"


def _checkpoint(path: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_new_database_runs_in_wal_mode(tmp_path):
    path = _db(tmp_path, 1)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_damaged_page_is_refused(tmp_path):
    path = _db(tmp_path)
    _checkpoint(path)
    data = bytearray(open(path, "rb").read())
    for page in range(1, len(data) // 4096):  # every b-tree page's header: no valid page type
        data[page * 4096: page * 4096 + 12] = b"\x5a" * 12
    open(path, "wb").write(bytes(data))
    _refused(path, "damaged|not a transaudit")
    _refused(path, "damaged|not a transaudit", readonly=True)


def test_another_applications_database_is_refused_and_untouched(tmp_path):
    path = str(tmp_path / "other.db")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.execute("INSERT INTO users VALUES ('ana')")
    _refused(path, "other tables")
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["users"]


@pytest.mark.parametrize("value", ["abc", "", "1e3", "99", "-1", "٣"])
def test_schema_version_that_is_not_ours_is_refused(tmp_path, value):
    path = _db(tmp_path, 1)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (value,))
    _refused(path, "unknown schema version")


def test_empty_meta_table_is_refused(tmp_path):
    path = _db(tmp_path, 1)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta")
    _refused(path, "unknown schema version")


def test_status_that_bypassed_the_check_constraint_is_refused(tmp_path):
    path = _db(tmp_path, 2)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE flag_decisions SET status = 'maybe' WHERE fingerprint = 'fp0001'")
    _refused(path, "unknown status|CHECK constraint")


def test_history_row_that_is_not_json_is_refused(tmp_path):
    path = _db(tmp_path, 2)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE history SET before = '{not json' WHERE id = 1")
    _refused(path, "damaged history row")


def test_empty_file_is_a_new_database_when_writable_and_refused_when_read(tmp_path):
    path = str(tmp_path / "empty.db")
    open(path, "wb").close()
    with pytest.raises(InputError):
        DecisionStore(path, readonly=True)
    with DecisionStore(path) as st:
        assert st.flag_decisions() == {}


def test_version_1_database_is_upgraded(tmp_path):
    path = str(tmp_path / "v1.db")
    with sqlite3.connect(path) as db:
        db.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE flag_decisions (fingerprint TEXT PRIMARY KEY, status TEXT NOT NULL
                CHECK (status IN ('confirmed', 'dismissed')), note TEXT, code TEXT, pair_id TEXT, message TEXT,
                updated REAL NOT NULL);
            CREATE TABLE segment_decisions (key TEXT PRIMARY KEY, pair_id TEXT, approved INTEGER NOT NULL DEFAULT 0,
                post_edit TEXT, source TEXT, original_target TEXT, updated REAL NOT NULL);
            CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL,
                before TEXT, after TEXT, at REAL NOT NULL);
            INSERT INTO meta VALUES ('schema', '1');
            INSERT INTO flag_decisions VALUES ('fp', 'dismissed', NULL, 'X', 'p', 'm', 1.0);
        """)
    with DecisionStore(path, readonly=True) as st:  # read as it is
        assert set(st.flag_decisions()) == {"fp"}
    with DecisionStore(path) as st:
        assert set(st.flag_decisions()) == {"fp"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0] == "2"


def test_check_with_a_damaged_database_is_one_line_exit_2(tmp_path, capsys):
    path = _db(tmp_path)
    _checkpoint(path)
    data = bytearray(open(path, "rb").read())
    data[4096 * 2 + 8: 4096 * 2 + 400] = b"\xff" * 392
    open(path, "wb").write(bytes(data))
    corpus = tmp_path / "c.tsv"
    corpus.write_text("Hello.\tHola.\n", encoding="utf-8")
    assert cli_main(["check", str(corpus), "-s", "en", "-t", "es", "--decisions", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and path in err[0] and "Traceback" not in err[0]


def _holder(path: str) -> subprocess.Popen:
    code = ("import sys, time; from audit.store.decisions import DecisionStore; "
            "s = DecisionStore(sys.argv[1], exclusive=True); print('open', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, path], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_second_review_session_is_refused_while_the_first_lives(tmp_path):
    path = _db(tmp_path, 1)
    proc = _holder(path)
    try:
        with pytest.raises(InputError, match="another review app"):
            DecisionStore(path, exclusive=True)
        with DecisionStore(path, readonly=True) as st:  # reading (check --decisions) is fine meanwhile
            assert len(st.flag_decisions()) == 1
    finally:
        proc.kill()
        proc.wait()
    with DecisionStore(path, exclusive=True) as st:  # its process is gone: no longer blocks
        assert len(st.flag_decisions()) == 1
    with DecisionStore(path, exclusive=True):  # and a closed session leaves nothing behind
        pass


def _kill_loop(path: str, rounds: int, seed: int = 7) -> set[str]:
    """Start writers and kill -9 them at varied moments; the fingerprints they acknowledged."""
    import random

    rng = random.Random(seed)
    acked: set[str] = set()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.dirname(HERE), os.environ.get("PYTHONPATH", "")]))
    for r in range(rounds):
        proc = subprocess.Popen([sys.executable, os.path.join(HERE, "store_writer.py"), path, str(r * 10_000), "10000"],
                                stdout=subprocess.PIPE, text=True, env=env)
        first = proc.stdout.readline()  # started writing
        if first:
            acked.add(first.strip())
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acked.update(line.strip() for line in out.splitlines() if line.strip())
    return acked


def test_kill_9_while_writing_loses_nothing_acknowledged(tmp_path):
    path = str(tmp_path / "k.db")
    DecisionStore(path).close()
    acked = _kill_loop(path, rounds=12)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with DecisionStore(path) as st:
        stored = set(st.flag_decisions())
    assert acked and acked <= stored
    assert len(stored - acked) <= 12  # at most the one decision each kill interrupted after its commit
