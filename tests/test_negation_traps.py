"""NEG001 after the session-8 data work: words that look like negation but are not (names,
"near", "both", "vote", "must"), idioms and implicit negatives that stand for the other side's
negation, and markers copied verbatim (a quoted title); and the flips that must still be found."""
from __future__ import annotations

import pytest

from audit import Config, audit_pairs
from audit.checks.families.negation import assess, negation_markers
from audit.core.model import Pair


def neg_flags(sl, tl, source, target, major=False):
    cfg = Config(select=("NEG001",), options={"NEG001": {"major": True}} if major else {})
    res = audit_pairs([Pair("1", source, target, source_lang=sl, target_lang=tl)], cfg,
                      source_lang=sl, target_lang=tl, jobs=1)
    return [f for f in res.segments[0].flags if f.code == "NEG001"]


@pytest.mark.parametrize("sl,tl,source,target", [
    # a quotation left in English carries its own negation
    ("en", "de", 'There seems to be some truth in John Donne\'s "No man is an island."',
     "In John Donnes „No man is an island“ scheint etwas Wahres zu sein."),
    # implicit negatives on the English side (remained high = did not weaken; hardly ever = almost never)
    ("en", "fr", "Interest remained high after the hearing.", "L’intérêt n’a pas faibli une fois l’audition terminée."),
    ("en", "de", "They hardly ever make mistakes.", "Sie machen so gut wie nie Fehler."),
    ("en", "ru", "He has pleaded not guilty to the indictment.", "Он отрицает свою вину по обвинительному заключению."),
    # idioms with a negation character that negate nothing
    ("zh", "en", "宇宙无处不在，世间万物都环绕在你的周围。", "The universe is everywhere, everything in the world is around you."),
    ("en", "ja", "We must all fight this together.", "私たちは皆でこれと戦わなければなりません。"),
    ("en", "tr", "He said the country ignored international law.", "Ülkenin uluslararası kanunları yok saydığını söyledi."),
    # words that only look like a negation: a name, 'near', 'both', 'vote'
    ("en", "ko", "Aulia Arriani, a spokeswoman for the Red Cross, said so.", "적십자 대변인 알리아 아리아니가 그렇게 말했습니다."),
    ("en", "fa", "A black congregation was worshipping nearby.", "جماعت سیاه پوستی در آن نزدیکی عبادت می‌کردند."),
    ("en", "ar", "Police said politicians on both sides had inflamed the conflict.", "قالت الشرطة إن السياسيين من كلا الجانبين أشعلوا الصراع."),
    ("en", "hi", "He talked about the importance of the Republican vote.", "उन्होंने रिपब्लिकन मत के महत्व के बारे में बात की।"),
])
def test_look_alikes_idioms_and_copies_stay_quiet(sl, tl, source, target):
    assert neg_flags(sl, tl, source, target) == []


@pytest.mark.parametrize("sl,tl,source,target,word,side", [
    ("en", "de", 'The film "No Time to Die" was released in April.', "Der Film „No Time to Die“ wurde im April nicht veröffentlicht.",
     "nicht", "target"),
    ("en", "ko", "The minister attended the meeting on Monday.", "장관은 월요일 회의에 참석하지 않았다.", "않", "target"),
    ("fa", "en", "دولت این طرح را تصویب نکرد و آن را رد کرد.", "The government approved the plan on Monday.", "نکرد", "source"),
    ("en", "hi", "The minister approved the budget today.", "मंत्री ने आज बजट को मंज़ूरी नहीं दी।", "नहीं", "target"),
])
def test_flips_are_still_major(sl, tl, source, target, word, side):
    got = neg_flags(sl, tl, source, target, major=True)
    assert len(got) == 1 and got[0].severity.label == "major"
    sp = got[0].spans[0]
    assert ((source if sp.side == "source" else target)[sp.start:sp.end], sp.side) == (word, side)


def test_markers_of_the_fixed_profiles():
    assert negation_markers("적십자 대변인 알리아 아리아니가 말했습니다.", "ko") == []
    assert negation_markers("이것은 사실이 아니다.", "ko")
    assert negation_markers("در آن نزدیکی عبادت می‌کردند", "fa") == []
    assert negation_markers("او نیامد.", "fa")
    assert negation_markers("السياسيين من كلا الجانبين", "ar") == []
    assert negation_markers("لم يوافق الوزير", "ar")


def test_a_copied_marker_needs_its_next_word_too():
    # only "No" is copied (a different word follows it): the source's negation is still lost
    s, t = "No agreement was reached on Monday.", "Am Montag wurde eine Einigung erzielt, No-Deal sagt man."
    v = assess(s, t, "en", "de")
    assert v is not None and v[0] == "source"
