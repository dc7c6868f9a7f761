"""Agreement with Translate Toolkit's own check tests (issue 12): the pofilter cases that
``bench/bench_pofilter_tests.py`` reads from ``translate/filters/test_checks.py`` of a Translate
Toolkit source distribution, plus representative cases of our own (placeholder syntaxes, tags,
line breaks at the edges) that run without it.

The sdist is never downloaded here: point ``TRANSAUDIT_TT_TEST_CHECKS`` at an unpacked
``translate/filters/test_checks.py`` (``pip download translate-toolkit==3.8.6 --no-binary :all:
--no-deps -d /tmp/tt`` and unpack; later sdists ship no tests), or leave one under /tmp/tt."""
import glob
import os
import sys

import pytest
from helpers import run_check

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import bench_pofilter_tests as bench


def _test_file() -> str | None:
    path = os.environ.get("TRANSAUDIT_TT_TEST_CHECKS")
    if path:
        return path if os.path.isfile(path) else None
    found = sorted(glob.glob("/tmp/tt/translate*toolkit-*/translate/filters/test_checks.py"))
    return found[-1] if found else None


needs_sdist = pytest.mark.skipif(_test_file() is None, reason="no Translate Toolkit test_checks.py (set "
                                 "TRANSAUDIT_TT_TEST_CHECKS to an unpacked sdist's copy; not downloaded at test time)")

# The pofilter tests whose transaudit counterparts are markup checks (MRK001-MRK003).
MARKUP_TESTS = ("printf", "pythonbraceformat", "variables", "xmltags", "urls", "emails")


@needs_sdist
def test_extraction_reads_the_literal_cases():
    cases, skipped = bench.extract(_test_file())
    assert len(cases) > 500 and skipped < 10
    assert {c.test for c in cases} >= set(MARKUP_TESTS)
    assert any(c.must_fail for c in cases) and any(not c.must_fail for c in cases)
    # every test is either mapped or out of scope with a reason
    tests = {c.test for c in cases}
    assert not bench.POFILTER_TO_TRANSAUDIT.keys() & bench.OUT_OF_SCOPE.keys()
    assert tests <= bench.POFILTER_TO_TRANSAUDIT.keys() | bench.OUT_OF_SCOPE.keys()


@needs_sdist
def test_markup_checks_agree_with_pofilter_on_90_percent():
    cases, _ = bench.extract(_test_file())
    results = bench.run([c for c in cases if c.test in MARKUP_TESTS])
    fail = [bench.agrees(c, f) for c, f in results if c.must_fail]
    ok = [bench.agrees(c, f) for c, f in results if not c.must_fail]
    assert sum(fail) / len(fail) >= 0.90, (sum(fail), len(fail))
    assert sum(ok) / len(ok) >= 0.90, (sum(ok), len(ok))


# ---------------------------------------------------------------- our own representative cases

@pytest.mark.parametrize(("src", "tgt", "lang"), [
    ("Save $(file)", "Stoor $(leer)", "af"),
    ("About $(^NameDA)", "О программе $(^Name)", "ru"),
    ("Use the &brandShortName; instance.", "使用 &brandKortnaam; 实例。", "zh"),
    ("&brandShortName; was updated.", "&amp;brandShortName; wurde aktualisiert.", "de"),
    ("CC-GNU @license_code@.", "CC-GNU @lisensie_kode@.", "af"),
    ("Start %PROGRAMNAME% now", "Запустить сейчас", "ru"),
    ("String {}, {}", "Zeichenkette {}", "de"),
    ("Save %1", "Stoor %2", "af"),
    ("Open %1 in %2", "%1 を開く", "ja"),
    ("%d plurals", "%d Mehrzahlen %s", "de"),
])
def test_placeholder_syntaxes_are_compared(src, tgt, lang):
    assert run_check("MRK002", src, tgt, tgt=lang)


@pytest.mark.parametrize(("src", "tgt", "lang"), [
    ("%dMB", "%d MG", "af"),                              # a unit glued to %d
    ("%d plurals", "%.0s plural", "af"),                  # gettext: %.0s swallows the count
    ("%(count)s file", "%(count).0sファイル", "ja"),
    ("Tom &amp; Jerry", "Tom & Jerry", "de"),             # character references are text
    ("Progress: %d%", "Ход: %d%", "ru"),                  # %d then a percent sign
    ("Prices fell 50% in May.", "Fiyatlar mayısta %50 düştü.", "tr"),
    ("Write to bob@example.org", "Schreiben Sie an bob@example.org", "de"),
    ("It rose by 90% this year", "امسال ٪۹۰ و %90 افزایش یافت", "fa"),
    ("%90 of people", "90% der Menschen", "de"),          # no %1: a percentage, not Qt
    ("Open %1 in %2", "%2 で %1 を開く", "ja"),           # reordered Qt arguments
])
def test_placeholder_false_alarms(src, tgt, lang):
    assert not run_check("MRK002", src, tgt, tgt=lang)


@pytest.mark.parametrize(("src", "tgt", "lang"), [
    ('Click <a xml-lang="en" href="page.html">', 'Klik <a xml-lang="af" href="page.html">', "af"),
    ('Click <div lang="en" dir="ltr">', 'انقر <div lang="ar" dir="rtl">', "ar"),
    ("<Error>", "<Ошибка>", "ru"),
    ('<alt xml-lang="ab">text</alt>', "<alt>テキスト</alt>", "ja"),
])
def test_tags_that_a_translation_may_change(src, tgt, lang):
    assert not run_check("MRK001", src, tgt, tgt=lang)


@pytest.mark.parametrize(("src", "tgt", "lang"), [
    ('Click <img src="image.jpg">here</img>', 'Klik <img src="prent.jpg">hier</img>', "af"),
    ('<a href="x.html" lang="en">Go</a>', '<a href="y.html" lang="ru">Перейти</a>', "ru"),
    ("Do it <b>now</b>", "今すぐ<v>やる</v>", "ja"),
    ("<Error> and </Error>", "<Fout> en </Error>", "af"),  # closed: a real element
])
def test_tag_changes_still_flagged(src, tgt, lang):
    assert run_check("MRK001", src, tgt, tgt=lang)


@pytest.mark.parametrize(("src", "tgt", "lang", "flagged"), [
    ("One two\n", "Een\ntwee", "af", True),
    ("\nOne two", "Один\nдва", "ru", True),
    ("Line one\nLine two\n", "第一行\n第二行\n", "zh", False),
    ("\nTitle\n", "\nTitel\n", "de", False),
    ("One\ntwo", "Een\ntwee", "af", False),
])
def test_line_breaks_at_the_edges(src, tgt, lang, flagged):
    assert bool(run_check("WSP005", src, tgt, tgt=lang)) == flagged


@pytest.mark.parametrize(("src", "tgt", "lang", "flagged"), [
    ("Init. Limit: ", "起始时间限制：", "zh", False),      # the full-width colon is spaced in itself
    ("Name: ", "名前：", "ja", False),
    ("Warning! ", "警告！", "zh", False),
    ("Name: ", "名前", "ja", True),                       # no mark: the space is lost
    ("Name: ", "Имя:", "ru", True),
    ("Name: ", "Name:", "de", True),
])
def test_trailing_space_after_a_fullwidth_mark(src, tgt, lang, flagged):
    assert bool(run_check("WSP002", src, tgt, tgt=lang)) == flagged
