import pytest
from helpers import run_check, spans


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The file was saved.", "", "en", "es"),
    ("Файл сохранён.", "   ", "ru", "en"),
    ("文件已保存。", "\t", "zh", "en"),
])
def test_empty_target_flagged(src, tgt, sl, tl):
    flags = run_check("EMP002", src, tgt, sl, tl)
    assert [f.code for f in flags] == ["EMP002"]
    assert spans(flags, "target") == [(0, len(tgt))]
    assert spans(flags, "source") == [(0, len(src))]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The file was saved.", "Se guardó el archivo.", "en", "es"),
    ("", "", "ru", "en"),  # nothing to translate
    ("文件已保存。", "File saved.", "zh", "en"),
    ("حفظ الملف.", "Datei gespeichert.", "ar", "de"),
])
def test_empty_target_clean(src, tgt, sl, tl):
    assert run_check("EMP002", src, tgt, sl, tl) == []
    assert run_check("EMP001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,sl", [("Hello.", "en"), ("Привет.", "ru"), ("你好。", "zh")])
def test_missing_target_flagged(src, sl):
    flags = run_check("EMP001", src, None, sl, "fr")
    assert [f.code for f in flags] == ["EMP001"]
    assert spans(flags, "source") == [(0, len(src))]


def test_missing_target_with_empty_source_is_clean():
    assert run_check("EMP001", "  ", None, "en", "fr") == []
