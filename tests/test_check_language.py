"""LNG001 wrong target language, and the langid helpers it stands on."""
import pytest
from helpers import run_check

from audit.lang import langid


@pytest.mark.parametrize("a,b,ok", [
    ("es", "pt", True), ("pt-BR", "gl", True), ("ca", "es", True), ("cs", "sk", True), ("hr", "sr", True),
    ("bs", "hr", True), ("da", "no", True), ("nb", "sv", True), ("ms", "id", True), ("zh-CN", "zh", True),
    ("en", "de", False), ("ru", "uk", False), ("fr", "es", False), ("zh", "ja", False),
])
def test_compatible_groups(a, b, ok):
    assert langid.compatible(a, b) is ok


def test_identify_returns_probability():
    lang, p = langid.identify("Le conseil municipal a voté la nouvelle loi sur le logement hier soir.")
    assert lang == "fr" and 0.5 < p <= 1.0
    assert langid.identify("12345 !!!") == (None, 0.0)


def test_langdetect_is_deterministic():
    text = "Die Regierung hat gestern ein neues Gesetz verabschiedet."
    first = langid.langdetect_rank(text)
    assert first and first[0][0] == "de"
    assert all(langid.langdetect_rank(text) == first for _ in range(3))


def whole(flags, target):
    return [target[f.spans[0].start:f.spans[0].end] for f in flags]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # the target left in the source language
    ("The city council approved the new housing law yesterday evening.",
     "The city council approved the new housing plan yesterday evening after a long debate.", "en", "es"),
    ("Городской совет вчера вечером одобрил новый закон о жилье.",
     "Городской совет одобрил закон о жилье вчера вечером после долгих дебатов.", "ru", "en"),
    # a third language
    ("The city council approved the new housing law yesterday evening.",
     "Der Stadtrat hat gestern Abend das neue Wohnungsgesetz nach langer Debatte verabschiedet.", "en", "fr"),
    ("The city council approved the new housing law yesterday evening.",
     "El ayuntamiento aprobó anoche la nueva ley de vivienda después de un largo debate.", "en", "it"),
    # wrong script
    ("The city council approved the new housing law yesterday evening.",
     "the city council approved the new law on housing yesterday", "en", "zh"),
    ("The council approved the law.", "Городской совет вчера одобрил новый закон о жилье.", "en", "ja"),
    ("The council approved the law.", "市议会昨晚批准了新的住房法，经过了长时间的辩论和讨论。", "en", "ko"),
    ("The council approved the law.", "市議会は昨夜、長い議論の末に新しい住宅法を承認しました。", "en", "zh"),
    ("The council approved the law yesterday.", "Міська рада вчора ввечері схвалила новий закон про житло.", "en", "ru"),
])
def test_wrong_language_flagged(src, tgt, sl, tl):
    flags = run_check("LNG001", src, tgt, sl, tl)
    assert [f.code for f in flags] == ["LNG001"]
    assert whole(flags, tgt) == [tgt.strip()]
    assert flags[0].severity.label == "major"


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("The city council approved the new housing law yesterday evening.",
     "El ayuntamiento aprobó anoche la nueva ley de vivienda.", "en", "es"),
    # close languages: compatible groups
    ("The city council approved the new housing law yesterday evening.",
     "A câmara municipal aprovou ontem à noite a nova lei da habitação.", "en", "es"),
    ("The city council approved the new housing law yesterday evening.",
     "Mestské zastupiteľstvo včera večer schválilo nový zákon o bývaní.", "en", "cs"),
    ("The city council approved the new housing law yesterday evening.",
     "Gradsko vijeće sinoć je odobrilo novi zakon o stanovanju.", "en", "sr"),
    ("The city council approved the new housing law yesterday evening.",
     "Byrådet godkjente i går kveld den nye boligloven.", "en", "da"),
    ("The city council approved the new housing law yesterday evening.",
     "Majlis bandar meluluskan undang-undang perumahan baharu semalam.", "en", "id"),
    # non-Latin targets in their script; names and codes in Latin inside them
    ("The council approved the law.", "市议会批准了这项法律。", "en", "zh"),
    ("Apple released the iPhone 15 Pro Max today.", "Apple 今天发布了 iPhone 15 Pro Max。", "en", "zh"),
    ("Samsung Galaxy S24 Ultra", "Samsung Galaxy S24 Ultra", "en", "ko"),
    ("The council approved the law.", "Совет одобрил закон.", "en", "ru"),
    ("The council approved the law.", "مجلس شهر این قانون را تصویب کرد و گفت که اجرا خواهد شد.", "en", "fa"),
    ("The council approved the law.", "وافق المجلس البلدي على القانون الجديد للإسكان مساء أمس.", "en", "ar"),
    ("The council approved the law.", "नगर परिषद ने कल शाम नया आवास कानून मंज़ूर किया।", "en", "hi"),
    # short lines are skipped; copies are UNT001's business
    ("OK, thanks", "OK, thanks", "en", "de"),
    ("Good morning everyone", "Good morning everyone", "en", "fr"),
    ("Il faut bien le faire.", "Il faut bien le faire.", "en", "ru"),
    # a translation quoting its original in parentheses
    ("It must be done (Il faut bien le faire).", "势在必行（Il faut bien le faire）。", "en", "zh"),
])
def test_wrong_language_clean(src, tgt, sl, tl):
    assert run_check("LNG001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("sl,tl,source,target", [
    ("en", "ja", "Failed to parse type_comment for %r: %s", "%rのtype_commentを解析できませんでした: %s"),
    ("en", "ja", "stub file not found %r. Check your stub_generate setting.",
     "stubファイルが見つかりません%r。stub_generate設定を確認してください。"),
    ("en", "zh", "Failed to compile regex in linkcheck_allowed_redirects: %r %s",
     "在 linkcheck_allowed_redirects 编译 regex 失败： %r %s"),
    ("en", "ru", "Could not read the build_info_file of the project_root.", "Не удалось прочитать build_info_file в project_root."),
])
def test_identifiers_and_latin_letters_inside_tokens_are_not_a_wrong_script(sl, tl, source, target):
    from audit import Config, Pair, audit_pairs

    res = audit_pairs([Pair("1", source, target, source_lang=sl, target_lang=tl)], Config(select=("LNG001",)),
                      source_lang=sl, target_lang=tl, jobs=1)
    assert res.segments[0].flags == ()


def test_a_latin_target_for_japanese_is_still_a_wrong_script():
    from audit import Config, Pair, audit_pairs

    t = "The president said that the talks would continue next week."
    res = audit_pairs([Pair("1", "Президент заявил, что переговоры продолжатся.", t, source_lang="ru", target_lang="ja")],
                      Config(select=("LNG001",)), source_lang="ru", target_lang="ja", jobs=1)
    (f,) = res.segments[0].flags
    assert f.code == "LNG001" and t[f.spans[0].start:f.spans[0].end] == t
