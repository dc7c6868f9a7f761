"""Names across scripts (audit/lang/translit.py) and ENT004's one-sided evidence: a target name
with no counterpart in a source of another script."""
import pytest
from helpers import run_check

from audit.lang.translit import heard_in, sound_key, word_keys


@pytest.mark.parametrize("name,text", [
    ("Liverpool", "리버풀은 이겼다"),
    ("Willoughby", "هولي ويلوبي"),
    ("Gwyneth", "グウィネス・パルトロウ"),
    ("Lartin", "HMPロングラーティンで"),
    ("Cromwell", "אגודת קרומוול"),
    ("Kovacic", "ماتيو كوفاتشيتش"),
    ("Chelsea", "切尔西队将在"),
    ("Johnson", "встретился с Борисом Джонсоном"),
])
def test_transliterated_name_is_heard(name, text):
    assert heard_in(name, word_keys(text))


@pytest.mark.parametrize("name,text", [
    ("Manhattan", "من حزب بليد"),
    ("Rose Leslie", "جورج إيفانوف"),
    ("Boris", "президент встретился"),  # a name is not heard inside a longer word
    ("Sánchez", "встретился с Борисом Джонсоном"),
])
def test_other_name_is_not_heard(name, text):
    assert not heard_in(name, word_keys(text))


def test_sound_key_classes():
    assert sound_key("Chelsea") == sound_key("チェルシー") == "KRS"


@pytest.mark.parametrize("source,target,sl,tl,new", [
    # a Latin name new in a caseless target that keeps Latin names
    ("On Friday the president met the prime minister to talk about trade.",
     "周五总统在伦敦会见了 Pedro Sánchez，讨论贸易。", "en", "zh", "Pedro Sánchez"),
])
def test_ent004_one_sided_major(source, target, sl, tl, new):
    flags = run_check("ENT004", source, target, sl, tl)
    assert [f.severity.name for f in flags] == ["MAJOR"]
    sp = flags[0].primary
    assert target[sp.start:sp.end] == new


@pytest.mark.parametrize("source,target,sl,tl", [
    ("リバプールは木曜日にチェルシーと対戦する。", "Liverpool play Chelsea on Thursday.", "ja", "en"),
    ("غادر بيتر جونز بعد انسحاب هولي ويلوبي", "Peter Jones left after Holly Willoughby withdrew", "ar", "en"),
    ("홀리 윌로비가 거래에서 철수했다", "Holly Willoughby withdrew from the deal", "ko", "en"),
    ("Нападник синіх передав пас Матео Ковачичу.", "The Blues striker passed back to Mateo Kovacic.", "uk", "en"),
    ("The Blues striker passed back to Mateo Kovacic.", "El delantero de los Blues pasó a Mateo Kovacic.", "en", "es"),
])
def test_ent004_quiet_on_transliterated_names(source, target, sl, tl):
    assert [f for f in run_check("ENT004", source, target, sl, tl) if f.severity.name != "MINOR"] == []
