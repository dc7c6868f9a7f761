"""The HTML report: its data block is exact and inert, charts and filters are built from the
flags, ``dir``/``lang`` follow each side's language, and (when Chromium is installed) the page
renders, filters and stays inert in a real browser."""
import base64
import hashlib
import html as htmlmod
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from audit import Audit
from audit.core.display import visible
from audit.core.model import (
    AuditResult,
    Flag,
    Origin,
    Pair,
    PairResult,
    Severity,
    Span,
    fingerprint,
)
from audit.outputs import write_report
from audit.outputs.html import text_dir

ROOT = Path(__file__).resolve().parent.parent
EVIL = '</script><script>document.title="pwned"</script><img src=x onerror="document.title=1">'


def _flag(pair, code, sev, spans, message="msg", category="accuracy/mistranslation"):
    spans = tuple(spans)
    return Flag(pair.id, code, code.lower(), sev, category, message, spans, fingerprint(code, pair, spans))


def _result(n_clean=3):
    segs = []
    p = Pair("a1", "El total es 450.", "The total is 540.", source_lang="es", target_lang="en", index=0,
             source_origin=Origin("corpus/es.po", line=12), target_origin=Origin("corpus/es.po", line=13))
    segs.append(PairResult(p, (_flag(p, "NUM003", Severity.MAJOR, [Span("target", 13, 16), Span("source", 12, 15)]),),
                           {"quality": 75.0}))
    p = Pair("a2", "Hello world.", "مرحبا " + EVIL, source_lang="en", target_lang="ar", index=1)
    e = len("مرحبا ")
    segs.append(PairResult(p, (_flag(p, "MRK001", Severity.CRITICAL, [Span("target", e, e + 9)], "tag " + EVIL,
                                     "markup/tag"),
                               _flag(p, "PUN001", Severity.MINOR, [Span("target", len(p.target), len(p.target))],
                                     category="fluency/punctuation")), {"quality": 10.0}))
    p = Pair("a3", "Buenos días.", "שלום", source_lang="es", target_lang="he", index=2)
    segs.append(PairResult(p, (_flag(p, "LEN001", Severity.MINOR, [Span("target", 0, 4)], category="accuracy/omission"),),
                           {"quality": 90.0}))
    p = Pair("a4", "Hola.", "こんにちは。", source_lang="es", target_lang="ja", index=3)
    segs.append(PairResult(p, (_flag(p, "REP001", Severity.MINOR, [Span("target", 1, 3)], category="fluency/grammar"),),
                           {"quality": 95.0}))
    for i in range(n_clean):
        p = Pair(f"c{i}", "Sí.", "Yes.", source_lang="es", target_lang="en", index=4 + i)
        segs.append(PairResult(p, (), {"quality": 100.0}))
    return AuditResult(tuple(segs), "es", "en", "transaudit:test", {}, scores={"quality": 70.0, "pass_rate": 0.5})


def _render(result=None):
    buf = io.StringIO()
    write_report(result or _result(), "html", stream=buf)
    return buf.getvalue()


def _data(page):
    """The report's data with its later blocks appended, as the page's script assembles it."""
    m = re.search(r'<script type="application/json" id="ta-data">(.*?)</script>', page, re.DOTALL)
    assert m
    d = json.loads(m.group(1))
    parts = re.findall(r'<script type="application/json" class="ta-part">(.*?)</script>', page, re.DOTALL)
    assert len(parts) == d["parts"]
    for part in parts:
        more = json.loads(part)
        d["segs"] += more["segs"]
        d["flags"] += more["flags"]
    assert len(d["segs"]) == d["total"]
    return d


def _side_text(pcs):
    return "".join(p if isinstance(p, str) else p[0] for p in pcs)


def test_data_pieces_rebuild_each_side_and_each_flags_span_exactly():
    res = _result()
    d = _data(_render(res))
    flagged = [s for s in res.segments if s.flags]
    assert len(d["segs"]) == len(flagged)
    for seg, row in zip(flagged, d["segs"]):
        p = seg.pair
        assert _side_text(row[7]) == visible(p.source)[0]
        assert _side_text(row[8]) == visible(p.target)[0]
        first, count = row[9], row[10]
        for k, f in enumerate(seg.flags):
            assert d["flags"][first + k][0] == f.code
            for sp in f.spans:
                pcs = row[7] if sp.side == "source" else row[8]
                covered = "".join(x[0] for x in pcs if not isinstance(x, str) and first + k in x[1])
                assert covered == visible(p.text(sp.side)[sp.start:sp.end])[0]
        assert count == len(seg.flags)


def test_untrusted_text_cannot_leave_the_data_block():
    page = _render()
    assert page.count("<script") == 2  # the data block and the report's own script
    assert "<img" not in page and "</script><script>" not in page
    d = _data(page)
    assert EVIL in _side_text(d["segs"][1][8])  # the text itself is intact, as data


def test_script_is_allowed_by_hash_and_nothing_is_fetched():
    page = _render()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    script = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(script) == 1
    digest = base64.b64encode(hashlib.sha256(script[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_direction_and_language_per_side():
    d = _data(_render())
    langs = {tuple(x) for x in d["langs"]}
    assert {("ar", "rtl"), ("he", "rtl"), ("ja", "ltr"), ("en", "ltr"), ("es", "ltr")} <= langs
    assert text_dir(None, "שלום עולם") == "rtl" and text_dir(None, "hello") == "ltr"
    assert text_dir("fa-IR", "x") == "rtl" and text_dir("zh-Hant", "x") == "ltr"


def test_dashboard_charts_and_filters_come_from_the_flags():
    page = _render()
    assert 'data-filter-code="NUM003"' in page and 'data-filter-category="markup/tag"' in page
    assert page.count('class="sev-critical"') >= 2  # by check and by category
    assert 'data-range="' in page  # where in the input
    for code in ("NUM003", "MRK001", "PUN001", "LEN001", "REP001"):
        assert f'<option value="{code}">' in page
    cards = dict(re.findall(r'<div class="k">([^<]+)</div><div class="v">([^<]+)</div>', page))
    assert cards["segments"] == "7" and cards["flagged"] == "4 (57.1%)" and cards["critical"] == "1"
    assert cards["quality"] == "70.0/100" and cards["pass rate"] == "50.0%"


def test_several_files_get_a_file_filter_and_a_chart():
    res = _result()
    segs = list(res.segments)
    p = Pair("b1", "Uno.", "One!", source_lang="es", target_lang="en", index=9,
             target_origin=Origin("other/fr.po", line=3))
    segs.append(PairResult(p, (_flag(p, "PUN001", Severity.MINOR, [Span("target", 3, 4)]),), {"quality": 95.0}))
    page = _render(AuditResult(tuple(segs), "es", "en", "sig", {}, scores={}))
    assert 'id="f-file"' in page and 'data-filter-file="other/fr.po"' in page
    assert _data(page)["files"][-1] == "other/fr.po"


def test_no_flags_gives_a_plain_page():
    p = Pair("1", "Sí.", "Yes.", source_lang="es", target_lang="en")
    page = _render(AuditResult((PairResult(p, (), {"quality": 100.0}),), "es", "en", "sig", {}, scores={}))
    assert "No flags." in page and 'id="segs"' not in page


def test_streamed_audit_is_read_once(tmp_path):
    out = tmp_path / "r.html"
    result = Audit.open(str(ROOT / "corpora/en-ar/news.tsv")).stream()
    write_report(result, "html", path=str(out))
    d = _data(out.read_text(encoding="utf-8"))
    assert d["segs"] and all(isinstance(s[0], str) for s in d["segs"])
    assert ["ar", "rtl"] in d["langs"]


# --- in a browser -------------------------------------------------------------------------------

CHROME = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome") if shutil.which(n)), None)
needs_chrome = pytest.mark.skipif(CHROME is None, reason="no Chromium installed")


def _chrome(tmp_path, *args):
    cmd = [CHROME, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
           "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)


def _dom(path, tmp_path, fragment=""):
    """The page's DOM once its script has run; any console message (an error, a refused
    script or resource under the page's CSP) fails the test."""
    run = _chrome(tmp_path, "--virtual-time-budget=10000", "--dump-dom", path.as_uri() + fragment)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console
    return run.stdout


@needs_chrome
def test_browser_renders_rows_filters_and_stays_inert(tmp_path):
    page = tmp_path / "r.html"
    page.write_text(_render(), encoding="utf-8")
    dom = _dom(page, tmp_path)
    assert 'data-ready="' in dom
    assert dom.count('<tr class="seg"') == 4
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "<img" not in dom  # the text was shown, not parsed
    assert htmlmod.escape('<img src=x onerror="document.title=1">', quote=False) in dom
    assert re.search(r'<td class="text" lang="ar" dir="rtl">', dom)
    assert '<mark class="critical"' in dom and '<mark class="minor empty"' in dom
    assert "4 of 4 flagged segments" in dom
    only = _dom(page, tmp_path, "#code=NUM003")
    assert only.count('<tr class="seg"') == 1 and "1 of 4 flagged segments" in only
    minor = _dom(page, tmp_path, "#sev=1")
    assert minor.count('<tr class="seg"') == 3  # the segments with a minor flag
    found = _dom(page, tmp_path, "#q=" + "こんにちは")
    assert found.count('<tr class="seg"') == 1


def _many(n):
    segs = []
    for i in range(n):
        p = Pair(str(i), "Uno.", "One!" if i % 3 else "Один!", source_lang="es", target_lang="en", index=i)
        sev = Severity.MAJOR if i == n - 1 else Severity.MINOR
        end = len(p.target)
        segs.append(PairResult(p, (_flag(p, "PUN001", sev, [Span("target", end - 1, end)]),), {"quality": 95.0}))
    return AuditResult(tuple(segs), "es", "en", "sig", {}, scores={})


def test_large_reports_come_in_blocks_with_global_flag_indices():
    d = _data(_render(_many(4500)))
    assert d["parts"] == 2
    for row in d["segs"]:
        assert d["flags"][row[9]][0] == "PUN001" and row[8][-1][1] == [row[9]]
    assert d["flags"][d["segs"][-1][9]][1] == 2  # the last segment's major flag


@needs_chrome
def test_browser_renders_rows_lazily_and_loads_every_block(tmp_path):
    page = tmp_path / "big.html"
    page.write_text(_render(_many(4500)), encoding="utf-8")
    dom = _dom(page, tmp_path)
    rows = dom.count('<tr class="seg"')
    assert 0 < rows < 4500 and "4500 of 4500 flagged segments" in dom and 'data-loaded="' in dom
    last = _dom(page, tmp_path, "#sev=2")  # the one major flag is in the last block
    assert last.count('<tr class="seg"') == 1 and "1 of 4500 flagged segments" in last


@needs_chrome
@pytest.mark.parametrize("width", [1400, 600])
def test_browser_screenshots_of_the_dashboard(tmp_path, width):
    """Screenshots at a desktop and a narrow width, kept in $TRANSAUDIT_ARTEFACTS (else the
    test's temporary folder) for people to look at; the test checks they were drawn."""
    import os

    page = tmp_path / "r.html"
    result = Audit.open(str(ROOT / "corpora/es-en/news.tsv")).run()
    write_report(result, "html", path=str(page))
    where = Path(os.environ.get("TRANSAUDIT_ARTEFACTS") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    shot = where / f"html-report-{width}.png"
    _chrome(tmp_path, f"--window-size={width},1600", "--virtual-time-budget=3000", f"--screenshot={shot}",
            page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == width
