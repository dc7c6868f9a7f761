"""Bad input through the CLI: exit 2, one line on stderr naming the file (and line), no traceback,
no output file written, input untouched; ``--debug`` shows the traceback."""
from __future__ import annotations

import hashlib
import os
import re

import pytest

from audit.cli import main
from audit.core.errors import AuditError

GOOD_TMX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>\n'
                 '<tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="ru"><seg>Один</seg></tuv></tu>\n')
GOOD_XLF_HEAD = ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="zh"><body>\n'
                 '<trans-unit id="1"><source>One</source><target>一</target></trans-unit>\n')


def _make(tmp_path, files: dict[str, bytes]) -> list[str]:
    out = []
    for name, data in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        out.append(str(p))
    return out


def _po_with_charset(charset: str) -> bytes:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=' + charset + '\\n"\n\n'
            'msgid "a"\nmsgstr "b"\n').encode()


# (files, extra args, index of the file the error names, line or None, words the message must contain)
CASES = {
    "missing": ({}, ["nope.tmx"], None, None, "no such file"),
    "directory": ({}, ["."], None, None, "directory"),
    "unknown-format": ({"data.xyz": b"some words without any structure\n"}, [], 0, None, "--input-format"),
    "unknown-xml": ({"page.xml": b"<html><body>hi</body></html>\n"}, [], 0, None, "format"),
    "empty": ({"e.tmx": b""}, [], 0, None, "empty"),
    "whitespace-only": ({"w.tsv": b"\n  \n\t\n"}, [], 0, None, "empty"),
    "binary": ({"img.tsv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, [], 0, 3, "binary"),
    "binary-later": ({"late.tsv": b"a\tb\n" * 3000 + b"c\x00d\te\n"}, [], 0, 3001, "NUL"),
    "bad-utf8-tsv": ({"b.tsv": "a\tб\nc\td\u00e9".encode() + b"\xff\n"}, [], 0, 2, "UTF-8"),
    "latin1-jsonl": ({"l.jsonl": b'{"source": "ok", "target": "ok"}\n{"source": "caf\xe9", "target": "x"}\n'},
                     [], 0, 2, "UTF-8"),
    "bad-utf8-text": ({"s.txt": b"one\ntwo\n", "t.txt": b"uno\nd\xc3os\n"}, ["-f", "text"], 1, 2, "UTF-8"),
    "bad-utf8-xml": ({"x.tmx": GOOD_TMX_HEAD.encode() + b"<tu><tuv xml:lang='en'><seg>caf\xe9</seg></tuv></tu></body></tmx>\n"},
                     [], 0, 4, "malformed XML"),
    "malformed-tmx": ({"m.tmx": (GOOD_TMX_HEAD + "<tu><tuv xml:lang='en'><seg>x</tuv></tu></body></tmx>\n").encode()},
                      [], 0, 4, "malformed XML"),
    "malformed-xliff": ({"m.xlf": (GOOD_XLF_HEAD + "\n\n<trans-unit id='2'><source>a &amp b</source>\n").encode()},
                        [], 0, 6, "malformed XML"),
    "undeclared-entity": ({"e.xlf": (GOOD_XLF_HEAD + "\n<trans-unit id='2'><source>a&nbsp;b</source></trans-unit>\n").encode()},
                          [], 0, 5, "nbsp"),
    "truncated-xliff": ({"t.xlf": GOOD_XLF_HEAD.encode()}, [], 0, 4, "malformed XML"),
    "line-counts": ({"s.txt": b"one\ntwo\nthree\n", "t.txt": b"uno\ndos\n"}, ["-f", "text"], 0, 3, "more lines"),
    "line-counts-target": ({"s.txt": b"one\n", "t.txt": b"uno\ndos\n"}, ["-f", "text"], 1, 2, "more lines"),
    "tsv-one-column": ({"c.tsv": "a\tb\nonly one column\n".encode()}, [], 0, 2, "columns"),
    "bad-json": ({"j.jsonl": b'{"source": "a", "target": "b"}\n{"source": "a",\n'}, [], 0, 2, "invalid JSON"),
    "json-no-source": ({"j.jsonl": b'{"target": "b"}\n'}, [], 0, 1, "source"),
    "bad-po": ({"p.po": b'msgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr "d"\n'}, [], 0, 4, "quotes"),
    "not-tmx-root": ({"r.tmx": b'<?xml version="1.0"?>\n<root/>\n'}, [], 0, 2, "not a TMX"),
    "one-text-file": ({"one.txt": b"only one text file\n"}, [], 0, None, "two files"),
    # hostile input (issue 15): codecs that are no text encodings, a huge plural index, JSON
    # integers and nesting beyond what the parser takes
    **{f"po-charset-{c}": ({"c.po": _po_with_charset(c)}, [], 0, None, "not a text encoding")
       for c in ("zlib", "bz2", "base64", "hex", "uu", "quopri", "rot13", "punycode")},
    "po-charset-unknown": ({"u.po": _po_with_charset("no-such-codec")}, [], 0, None, "unknown charset"),
    "po-plural-index": ({"p.po": b'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[999999999] "bs"\n'},
                        [], 0, 4, "plural index"),
    "json-huge-int": ({"h.jsonl": b'{"id": ' + b"9" * 5000 + b', "source": "a", "target": "b"}\n'}, [], 0, 1, "digits"),
    "json-deep": ({"d.jsonl": b'{"source": "a", "target": "b", "x": ' + b"[" * 100000 + b"]" * 100000 + b"}\n"},
                  [], 0, 1, "nested"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys, case, monkeypatch):
    files, extra, named, line, words = CASES[case]
    monkeypatch.chdir(tmp_path)
    paths = _make(tmp_path, files)
    args = [a for a in extra if not a.endswith((".tmx",)) and a != "."]
    inputs = paths or [a for a in extra if a.endswith(".tmx") or a == "."]
    before = {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in paths}
    out = tmp_path / "report.json"
    code = main(["check", *inputs, *args, "-s", "en", "-t", "ru", "--select", "EMP", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    err_lines = captured.err.splitlines()
    assert len(err_lines) == 1, captured.err
    err = err_lines[0]
    assert err.startswith("transaudit: error: ")
    assert "Traceback" not in captured.err and "Traceback" not in captured.out
    assert words in err, err
    if named is not None:
        where = paths[named] + (f":{line}: " if line is not None else ": ")
        assert err.startswith("transaudit: error: " + where), err
    else:
        assert inputs[0] in err
    assert not out.exists()
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".transaudit-")]  # no temp file left
    assert {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in paths} == before


def test_error_messages_are_single_line_even_when_lxml_says_more(tmp_path, capsys):
    p = tmp_path / "x.xlf"
    p.write_text(GOOD_XLF_HEAD + "<trans-unit id='2'><source>x</target></trans-unit>\n", encoding="utf-8")
    code = main(["check", str(p), "-s", "en", "-t", "zh", "--select", "EMP"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert re.match(rf"transaudit: error: {re.escape(str(p))}:4: malformed XML: .*\(column \d+\)$", err.strip())


def test_debug_shows_the_traceback(tmp_path):
    p = tmp_path / "m.tmx"
    p.write_text(GOOD_TMX_HEAD + "<tu><oops></tu>\n", encoding="utf-8")
    with pytest.raises(AuditError) as e:
        main(["check", "--debug", str(p), "-s", "en", "-t", "ru", "--select", "EMP"])
    assert e.value.path == str(p) and e.value.line == 4


def test_good_input_still_writes_its_report(tmp_path, capsys):
    p = tmp_path / "ok.tmx"
    p.write_text(GOOD_TMX_HEAD + "<tu><tuv xml:lang='en'><seg>Two</seg></tuv></tu></body></tmx>\n", encoding="utf-8")
    out = tmp_path / "r.json"
    code = main(["check", str(p), "--select", "EMP", "-o", str(out)])
    assert code == 0 and out.exists()
    assert "EMP001" in out.read_text(encoding="utf-8")


def test_existing_output_file_is_left_untouched_on_error(tmp_path, capsys):
    p = tmp_path / "bad.tsv"
    p.write_bytes(b"one\tuno\ntwo\n")
    out = tmp_path / "report.csv"
    out.write_text("previous report\n", encoding="utf-8")
    code = main(["check", str(p), "-s", "en", "-t", "es", "--select", "EMP", "-o", str(out)])
    assert code == 2 and capsys.readouterr().err.startswith(f"transaudit: error: {p}:2: ")
    assert out.read_text(encoding="utf-8") == "previous report\n"
