"""Issue 15 leftovers: the PO plural index and the XML nesting depth are limits of
``audit.core.limits`` read at run time, overridable in ``[limits]``; a breach is one line, exit 2."""
import subprocess
import sys

import pytest

from audit.core import limits
from audit.core.errors import InputError
from audit.inputs import po, tmx, xliff


@pytest.fixture(autouse=True)
def _defaults():
    limits.configure(None)
    yield
    limits.configure(None)


def _po(tmp_path, index: int):
    p = tmp_path / "a.po"
    p.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                 f'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "Datei"\nmsgstr[{index}] "Dateien"\n',
                 encoding="utf-8")
    return str(p)


def _read_all(mod, path, src="en", tgt="de"):
    return list(mod.open_source([path], src, tgt))


def test_plural_index_limit_is_read_from_the_limits_in_force(tmp_path):
    path = _po(tmp_path, 7)
    _read_all(po, path)  # default limit 99: accepted
    limits.configure({"max-plural-index": 5})
    with pytest.raises(InputError, match=r"above the limit of 5 \(limits.max-plural-index\)"):
        _read_all(po, path)
    limits.configure({"max-plural-index": 7})
    _read_all(po, path)


def _xliff(tmp_path, nest: int):
    inner = "<g id='a'>" * nest + "Hello" + "</g>" * nest
    p = tmp_path / "a.xlf"
    p.write_text('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                 '<file source-language="en" target-language="ru" datatype="plaintext" original="x"><body>'
                 f'<trans-unit id="1"><source>{inner}</source><target>Привет</target></trans-unit>'
                 '</body></file></xliff>', encoding="utf-8")
    return str(p)


def _tmx(tmp_path, nest: int):
    inner = "<hi>" * nest + "Hello" + "</hi>" * nest
    p = tmp_path / "a.tmx"
    p.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" '
                 'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
                 f'<tu><tuv xml:lang="en"><seg>{inner}</seg></tuv><tuv xml:lang="ja"><seg>こんにちは</seg></tuv></tu>'
                 '</body></tmx>', encoding="utf-8")
    return str(p)


@pytest.mark.parametrize(("make", "mod", "tgt"), [(_xliff, xliff, "ru"), (_tmx, tmx, "ja")])
def test_xml_depth_limit_is_configurable(tmp_path, make, mod, tgt):
    path = make(tmp_path, 20)
    assert _read_all(mod, path, "en", tgt)  # default limit: fine
    limits.configure({"max-xml-depth": 10})
    with pytest.raises(InputError, match=r"above the limit of 10 \(limits.max-xml-depth\)"):
        _read_all(mod, path, "en", tgt)
    limits.configure({"max-xml-depth": 40})
    assert _read_all(mod, path, "en", tgt)


def test_depth_limit_from_config_file_is_one_line_exit_2(tmp_path):
    _xliff(tmp_path, 12)
    (tmp_path / "transaudit.toml").write_text("[limits]\nmax-xml-depth = 8\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "audit", "check", "a.xlf"], cwd=tmp_path, capture_output=True,
                       text=True, check=False, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "a.xlf" in r.stderr and "max-xml-depth" in r.stderr
