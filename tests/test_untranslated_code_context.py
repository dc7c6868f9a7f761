"""UNT003 stays quiet on words written as code inside a translated message (a call, a reST role
or option, ``name=value``, a word glued to a placeholder, a path, an option's argument, a command
line kept as it is) and still flags a copied English word of the running text beside them."""
from __future__ import annotations

import pytest

from audit import Config, Pair, audit_pairs


def unt003(sl, tl, source, target):
    res = audit_pairs([Pair("1", source, target, source_lang=sl, target_lang=tl)], Config(select=("UNT003",)),
                      source_lang=sl, target_lang=tl, jobs=1)
    return [(f.severity.label, target[f.spans[0].start:f.spans[0].end]) for f in res.segments[0].flags]


@pytest.mark.parametrize("sl,tl,source,target", [
    ("en", "ko", "The plugin returned nothing from its setup() function.", "플러그인이 setup() 함수에서 아무것도 반환하지 않았습니다."),
    ("en", "zh", "The attribute named in the :members: option is missing.", ":members: 选项中提到的属性不存在。"),
    ("en", "de", "The attribute named in the :members: option is missing.", "Das in der Option :members: genannte Attribut fehlt."),
    ("en", "zh", "Unknown directive auto%s in the file.", "文件中有未知指令 auto%s。"),
    ("en", "ja", "The argument must look like name=value here.", "引数はここでは name=value の形でなければなりません。"),
    ("en", "ru", "The argument must look like name=value here.", "Аргумент здесь должен иметь вид name=value."),
    ("en", "fa", "Build the pages with this command:\n   tool-build -b builder out", "صفحه‌ها را با این فرمان بسازید:\n   tool-build -b builder out"),
    ("en", "zh", "Run this to build the pages:\n   make builder", "运行以下命令来生成页面：\n   make builder"),
    ("en", "es", "Copy the folder into ~/.local/share/books first.", "Copie primero la carpeta en ~/.local/share/books."),
])
def test_words_written_as_code_are_not_flagged(sl, tl, source, target):
    assert unt003(sl, tl, source, target) == []


@pytest.mark.parametrize("sl,tl,source,target,word", [
    ("en", "ru", "The folder has no conf.py file (%s).", "В папке нет файла conf.py file (%s).", "file"),
    ("en", "zh", "The weather today is very beautiful and the city is quiet.", "今天的 weather 很好，城市很安静。", "weather"),
    ("en", "ko", "Call setup() before the meeting starts.", "meeting 전에 setup()을 호출하세요.", "meeting"),
])
def test_copied_words_of_the_running_text_are_still_flagged(sl, tl, source, target, word):
    got = unt003(sl, tl, source, target)
    assert ("major", word) in got


def test_a_copied_line_counts_only_in_a_text_of_several_lines():
    from audit.checks.families.untranslated import _copied_line

    assert _copied_line("Vorwort:\n   make builder", "Preface:\n   make builder", 14)
    assert not _copied_line("make builder", "make builder", 0)
