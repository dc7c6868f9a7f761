"""NEG001 (negation on one side only) and NEG002 (antonym): flagged pairs, the traps that must
stay quiet (negative concord, ``ne ... que``, "not only", questions, "without", lexical
negation), spans, and the profile tables they read."""
from __future__ import annotations

import pytest
import regex
from helpers import run_check

from audit import Config, audit_pairs
from audit.checks.families.negation import has_weak_negation, negation_markers
from audit.core.model import Pair
from audit.lang.profiles import antonym_pairs, profile

NTREX = "en es fr de it pt ru zh ja ko ar hi tr pl he th fa uk vi".split()


def flags(code, sl, tl, source, target, options=None):
    cfg = Config(select=(code,), options={code: options} if options else {})
    res = audit_pairs([Pair("1", source, target, source_lang=sl, target_lang=tl)], cfg,
                      source_lang=sl, target_lang=tl, jobs=1)
    return [f for f in res.segments[0].flags if f.code == code]


def span_text(f, source, target):
    sp = f.spans[0]
    return (source if sp.side == "source" else target)[sp.start:sp.end], sp.side


@pytest.mark.parametrize("sl,tl,source,target,word,side", [
    ("en", "fr", "The council approved the new budget on Monday.", "Le conseil n'a pas approuvé le nouveau budget lundi.",
     "pas", "target"),
    ("en", "ru", "The plan was approved by the minister.", "План не был одобрен министром.", "не", "target"),
    ("de", "en", "Der Rat hat den Haushalt nicht genehmigt.", "The council approved the budget.", "nicht", "source"),
    ("zh", "en", "政府没有批准这项计划。", "The government approved the plan.", "没", "source"),
    ("en", "ja", "The company will open a new factory next year.", "その会社は来年新しい工場を開きません。", "ません", "target"),
    ("en", "tr", "The team won the match yesterday.", "Takım dün maçı kazanmadı.", "kazanmadı", "target"),
    ("en", "hi", "The minister approved the new budget today.", "मंत्री ने आज नए बजट को मंज़ूरी नहीं दी।", "नहीं", "target"),
    ("en", "ar", "The minister approved the new budget today.", "لم يوافق الوزير على الميزانية الجديدة اليوم.", "لم", "target"),
])
def test_negation_added_or_lost_is_minor_by_default_and_major_with_the_option(sl, tl, source, target, word, side):
    got = flags("NEG001", sl, tl, source, target)
    assert len(got) == 1 and got[0].severity.label == "minor"
    assert span_text(got[0], source, target) == (word, side)
    got = flags("NEG001", sl, tl, source, target, {"major": True})
    assert len(got) == 1 and got[0].severity.label == "major"
    assert span_text(got[0], source, target) == (word, side)


@pytest.mark.parametrize("sl,tl,source,target,words", [
    ("ru", "en", "Пока нет никаких признаков усталости зрителей.", "As of now, there are not no signs of viewer fatigue.", "not no"),
    ("zh", "en", "平壤方面没有发表任何评论。", "Pyongyang said there were not no comments at all.", "not no"),
    ("es", "en", "No hay ninguna razón para esperar.", "There isn't no reason to wait.", "isn't no"),
    ("en", "de", "Nobody knew the answer.", "Niemand kannte die Antwort nicht nie.", "nicht nie"),
])
def test_a_double_negative_on_one_side_is_major_by_default(sl, tl, source, target, words):
    got = flags("NEG001", sl, tl, source, target)
    assert len(got) == 1 and got[0].severity.label == "major"
    assert span_text(got[0], source, target) == (words, "target")


@pytest.mark.parametrize("sl,tl,source,target", [
    ("en", "de", "There was no time to save ourselves.", "Es ging alles viel zu schnell, sagte er."),  # a quantifier
    ("en", "fr", "The plan was not approved by the council.", "Le conseil a refusé le plan."),  # soft: refusé (no flag)
    ("en", "ru", "The minister said the plan was approved.", "Министр сказал: план не был одобрен."),  # pieces differ
    ("en", "ja", "Nobody came to the meeting on Monday.", "月曜日の会議には多くの人が来た。"),
])
def test_weaker_evidence_is_never_major_and_off_by_default(sl, tl, source, target):
    assert all(f.severity.label == "minor" for f in flags("NEG001", sl, tl, source, target, {"major": True, "weak": True}))
    assert flags("NEG001", sl, tl, source, target, {"major": True, "weak": False}) == []
    assert flags("NEG001", sl, tl, source, target) == []  # weak evidence is not flagged unless asked for


def test_weak_evidence_flagged_when_asked_for():
    got = flags("NEG001", "en", "ru", "The minister said the plan was approved.", "Министр сказал: план не был одобрен.",
                {"weak": True})
    assert len(got) == 1 and got[0].severity.label == "minor"
    assert span_text(got[0], "The minister said the plan was approved.", "Министр сказал: план не был одобрен.") == ("не", "target")


def test_without_weak_evidence_strong_evidence_and_double_negatives_stay():
    assert len(flags("NEG001", "en", "fr", "The council approved the new budget on Monday.",
                     "Le conseil n'a pas approuvé le nouveau budget lundi.", {"weak": False})) == 1
    got = flags("NEG001", "ru", "en", "Пока нет никаких признаков усталости зрителей.",
                "As of now, there are not no signs of viewer fatigue.", {"weak": False})
    assert len(got) == 1 and got[0].severity.label == "major"


@pytest.mark.parametrize("sl,tl,source,target", [
    # both sides negate: a differing clause count is not flagged
    ("en", "es", "He did not come, and she did not call.", "Él no vino y ella llamó."),
    ("en", "zh", "He did not come, and she did not call either.", "他没来，她打了电话。"),
    ("ar", "en", "لم يأت ولم تتصل.", "He did not come and she called."),
])
def test_both_sides_negating_is_not_flagged(sl, tl, source, target):
    assert flags("NEG001", sl, tl, source, target, {"major": True}) == []


@pytest.mark.parametrize("sl,tl,source,target", [
    ("en", "fr", "Nobody said anything about the vote.", "Personne n'a rien dit sur le vote."),
    ("en", "ru", "He did not say anything at the meeting.", "Он ничего не сказал на встрече."),
    ("en", "fr", "He only arrived on Tuesday evening.", "Il n'est arrivé que mardi soir."),  # ne ... que
    ("en", "es", "The plan is not only cheap but also fast.", "El plan es barato y además rápido."),
    ("en", "de", "Isn't the station closed on Sundays?", "Ist der Bahnhof sonntags geschlossen?"),
    ("en", "fr", "She left the building without a word.", "Elle a quitté le bâtiment sans un mot."),
    ("en", "ru", "The results were nevertheless encouraging.", "Тем не менее результаты обнадёживают."),
    ("en", "zh", "Prices have been rising steadily this year.", "今年价格不断上涨。"),
    ("en", "es", "The group was unhappy with the decision.", "El grupo no estaba contento con la decisión."),
    ("en", "ja", "The report was not published.", "その報告書は公表されなかった。"),
    ("ko", "en", "그는 회의에 참석하지 않았다.", "He did not attend the meeting."),
    ("en", "ar", "The rain is still falling in the capital.", "لا يزال المطر يتساقط في العاصمة."),  # لا يزال = still
    ("en", "th", "No matter what happens, the match will go ahead.", "ไม่ว่าจะเกิดอะไรขึ้น การแข่งขันจะดำเนินต่อไป"),
])
def test_traps_stay_quiet(sl, tl, source, target):
    assert flags("NEG001", sl, tl, source, target) == []


def test_unknown_language_is_not_checked():
    assert negation_markers("Ez nem igaz.", "xx") is None
    assert flags("NEG001", "en", "xx", "It is true, they said.", "Ez nem igaz, mondták.") == []


def test_idioms_are_blanked_and_weak_words_do_not_count():
    assert negation_markers("not only the city but the region", "en") == []
    assert negation_markers("Il ne reste que deux jours.", "fr") == []
    assert negation_markers("Personne n'est venu.", "fr")  # personne ne: a real negation
    assert has_weak_negation("He left without a word.", "en") and has_weak_negation("an unusual plan", "en")
    assert not has_weak_negation("the united nations", "en")


@pytest.mark.parametrize("lang", NTREX)
def test_every_ntrex_language_has_a_negation_table_that_finds_its_own_markers(lang):
    p = profile(lang)
    assert p.negation and negation_markers(p.negation[0], lang) is not None


@pytest.mark.parametrize("sl,tl,source,target,word", [
    ("en", "de", "Unemployment rose sharply last year.", "Die Arbeitslosigkeit sank im letzten Jahr stark.", "sank"),
    ("en", "zh", "The city allowed the protest to go ahead.", "该市禁止了这次抗议活动。", "禁止"),
    ("es", "en", "El equipo ganó el partido del domingo.", "The team lost the match on Sunday.", "lost"),
    ("en", "ru", "The storm moved toward the north of the island.", "Шторм двинулся на юг острова.", "юг"),
    ("en", "tr", "Prices rose last year.", "Fiyatlar geçen yıl düştü.", "düştü"),
])
def test_antonym_is_flagged_on_the_target_word(sl, tl, source, target, word):
    got = flags("NEG002", sl, tl, source, target)
    assert len(got) == 1 and span_text(got[0], source, target) == (word, "target")


@pytest.mark.parametrize("sl,tl,source,target", [
    ("en", "de", "Unemployment rose sharply last year.", "Die Arbeitslosigkeit stieg im letzten Jahr stark."),
    ("en", "zh", "The city banned the protest.", "该市禁止了这次抗议活动。"),
    ("es", "en", "El precio no subió este mes.", "The price fell this month."),  # not rise = fall
    ("en", "ru", "Prices rose in the north and fell in the south.", "Цены выросли на севере и упали на юге."),
    ("en", "nl", "Prices rose last year.", "De prijzen daalden vorig jaar."),  # no Dutch pairs: not checked
])
def test_antonym_clean_pairs(sl, tl, source, target):
    assert flags("NEG002", sl, tl, source, target) == []


def test_antonym_pairs_are_well_formed():
    for lang in ("en", "es", "fr", "de", "it", "pt", "ru", "zh", "ja"):
        pairs = antonym_pairs(lang)
        assert len(pairs) >= 10
        for concept, a, b in pairs:
            assert a and b and not set(a) & set(b), (lang, concept)
    assert antonym_pairs("xx") == () and antonym_pairs("pt-BR") == antonym_pairs("pt")


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a pole inside a hyphenated compound is not the pole ("35-year-old" is not "old")
    ("Risa, a 35-year-old mother, said an ambulance brings in bodies.",
     "35 yaşında bir anne olan Risa, ambulansın yeni cesetler getirdiğini söyledi.", "en", "tr"),
    ("A 35-year-old man was found.", "Найден новый свидетель, мужчина 35 лет.", "en", "ru"),
    # "A before B" is "after A, B" in Turkish; Polish "po" is also "in", "by"
    ("He tapped the ball to his left before scooping a shot.",
     "Topu soluna aldıktan sonra şut çekti.", "en", "tr"),
    ("They met before the talks.", "Spotkali się po raz pierwszy.", "en", "pl"),
])
def test_antonym_quiet_on_compounds_and_reordered_clauses(src, tgt, sl, tl):
    assert run_check("NEG002", src, tgt, sl, tl) == []


def test_antonym_still_flags_a_free_pole():
    flags = run_check("NEG002", "An old man was found.", "Найден новый человек.", "en", "ru")
    assert [f.code for f in flags] == ["NEG002"]


@pytest.mark.parametrize("lang", NTREX)
def test_nominal_markers_are_markers_and_doubles_compile(lang):
    p = profile(lang)
    assert set(p.negation_nominal) <= set(p.negation), f"{lang}: a nominal word that is not a marker"
    for rx in p.negation_doubles:
        regex.compile(rx)


@pytest.mark.parametrize("sl,tl,source,target,word", [
    ("en", "ru", "The minister said the plan was approved.", "Министр сказал, что план не был одобрен.", "не"),
    ("en", "de", "The minister said the plan was approved.", "Der Minister sagte, dass der Plan nicht genehmigt wurde.", "nicht"),
    ("en", "pl", "The minister said the plan was approved.", "Minister powiedział, że plan nie został zatwierdzony.", "nie"),
])
def test_a_comma_before_a_complementizer_is_no_new_piece(sl, tl, source, target, word):
    got = flags("NEG001", sl, tl, source, target)
    assert len(got) == 1 and got[0].severity.label == "minor"
    assert span_text(got[0], source, target) == (word, "target")
