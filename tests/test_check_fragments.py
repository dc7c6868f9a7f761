import pytest
from helpers import run_check, spans


def side_texts(flags, pair_src, pair_tgt):
    return ([pair_tgt[s:e] for s, e in spans(flags, "target")],
            [pair_src[s:e] for s, e in spans(flags, "source")])


@pytest.mark.parametrize("src,tgt,sl,tl,t_expected,s_expected,sev", [
    ("The minister said that the new law will help families with children.",
     "El ministro dijo que the new law will help a las familias con hijos.", "en", "es",
     "the new law will help", "the new law will help", "major"),
    ("The minister said that the new law will help families.",
     "Министр сказал, что the new law will help семьям.", "en", "ru",
     "the new law will help", "the new law will help", "major"),
    ("The minister said that the new law will help families.",
     "部长说，the new law will help 有孩子的家庭。", "en", "zh",
     "the new law will help", "the new law will help", "major"),
    ("Der Minister sagte, das neue Gesetz wird den Familien helfen.",
     "Le ministre a dit que das neue Gesetz wird aider les familles.", "de", "fr",
     "das neue Gesetz wird", "das neue Gesetz wird", "minor"),
    ("Sie erklärte, dass sie nicht kommen kann.",
     "She explained that sie nicht kommen kann.", "de", "en",
     "sie nicht kommen kann", "sie nicht kommen kann", "minor"),
    ("部长说，新法律将帮助有孩子的家庭。",
     "The minister said 新法律将帮助 families with children.", "zh", "en",
     "新法律将帮助", "新法律将帮助", "minor"),
])
def test_fragment_flagged(src, tgt, sl, tl, t_expected, s_expected, sev):
    flags = run_check("UNT002", src, tgt, sl, tl)
    assert [f.code for f in flags] == ["UNT002"]
    assert side_texts(flags, src, tgt) == ([t_expected], [s_expected])
    assert flags[0].severity.label == sev


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # cognates and loanwords both languages use
    ("The hotel has internet and a taxi rank.", "El hotel tiene internet y una parada de taxi.", "en", "es"),
    # German words that happen to be English words too
    ("It was in the city.", "Das war in der Stadt, was er will.", "en", "de"),
    # names and titles are capitalised
    ("The New York Times reported it.", "The New York Times lo publicó.", "en", "es"),
    ("He backs the Leave Means Leave campaign.", "Apoya la campaña Leave Means Leave.", "en", "es"),
    ("He works for the Member of the Welsh Parliament.", "Он работает на MWP (Member of the Welsh Parliament).", "en", "ru"),
    # a quoted phrase or a gloss kept on purpose
    ("She wrote the art of war in prison.", "Escribió «the art of war» en la cárcel.", "en", "es"),
    ("She wrote 'the art of war' in prison.", "Она написала «the art of war» в тюрьме.", "en", "ru"),
    ("The phrase means fake news.", "La expresión significa noticias falsas (fake news, en inglés).", "en", "es"),
    # short runs, numbers, URLs
    ("It was fake news, he said.", "Eran fake news, dijo.", "en", "es"),
    ("Visit www.help-the-new-law.com today.", "Visite www.help-the-new-law.com hoy.", "en", "fr"),
    ("In 2018 2019 2020 sales rose.", "En 2018 2019 2020 las ventas subieron.", "en", "es"),
    # Japanese and Chinese targets with Latin brand names
    ("Apple released the new iPhone.", "Appleは新しいiPhoneを発表した。", "en", "ja"),
    ("Apple released the new iPhone.", "苹果发布了新款iPhone。", "en", "zh"),
    # a gloss of the original Chinese name in parentheses
    ("安倍晋三访问了北京。", "Shinzo Abe (安倍晋三) visited Beijing.", "zh", "en"),
    # a whole target left in the source language is UNT001's business
    ("Your password has expired. Please choose a new one.",
     "Your password has expired. Please choose a new one.", "en", "zh"),
    ("The festival will begin next week.", "The festival will begin next week!", "en", "hi"),
    # same language on both sides: not this check's business
    ("the new law will help", "the new law will help", "en", "en"),
    # a proper translation
    ("The minister said that the new law will help families.",
     "Le ministre a déclaré que la nouvelle loi aidera les familles.", "en", "fr"),
])
def test_fragment_clean(src, tgt, sl, tl):
    assert run_check("UNT002", src, tgt, sl, tl) == []
