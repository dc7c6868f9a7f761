"""Issue 11, clean pairs quiet: quotations and sentences running over segment edges (PUN003,
PUN001), loose spacing around Latin words in CJK (WSP003), and repeats REP001 used to excuse
(a source's own reduplication, English doubles in a context that shows a slip, a word repeating
the tail of a token, a surname written twice)."""
import pytest
from helpers import run_check


def spans(flags, tgt):
    return [tgt[sp.start:sp.end] for f in flags for sp in f.spans]


@pytest.mark.parametrize("src, tgt, sl, tl", [
    # speech closed here, opened in an earlier segment
    ("Hammel çocuğun yanına gittiğinde gördüklerini anlattı: \"Köprücük kemiğinin tamamı açıktı.\"",
     "His whole clavicle was ripped open,\" Hammel said he noticed once he got to the boy.", "tr", "en"),
    # speech opened here, going on in the next segment
    ("\"People socialize in a different way\" nowadays, he said.", "«У наш час люди соціалізуються по-іншому.", "en", "uk"),
    ("\"I'm standing right here in front of you,\" one woman said.", "„Stoję tutaj przed panem i pytam.", "en", "pl"),
    ("He told them: we will come back.", "وقال لهم: \"سنعود.", "en", "ar"),
])
def test_quotes_at_segment_edge_quiet(src, tgt, sl, tl):
    assert run_check("PUN003", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src, tgt, sl, tl, expected", [
    ('He said "yes" and left.', 'Él dijo "sí y se fue.', "en", "es", ['"']),  # not at an edge
    ('"It was open," he said.', 'Es war offen," sagte er.', "en", "de", ['"']),  # the source opens it here
    ('He said: "We will come back."', 'Он сказал: «Мы вернёмся.', "en", "ru", ["«"]),  # the source closes it
    ('"Это так," сказал он.', 'This is so," he said.', "ru", "en", ['"']),
])
def test_quotes_lost_still_flagged(src, tgt, sl, tl, expected):
    assert spans(run_check("PUN003", src, tgt, sl, tl), tgt) == expected


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Kovacic did a quick give-and-go at midfield.", "Kovacic réalisa un rapide va-et-vient en milieu de terrain,", "en", "fr"),
    ("By that stage, Rangers had dominated possession and goalkeeper Kelly was largely untroubled,",
     "К тому моменту «Рейнджерс» владели мячом, и вратарь Келли не был обеспокоен.", "en", "ru"),
    ('"We\'re doing great with North Korea," he said.', "「北朝鮮と上手くやれている」", "en", "ja"),
    ("「北朝鮮と上手くやれている」", '"We\'re doing great with North Korea."', "ja", "en"),
])
def test_end_punctuation_recut_quiet(src, tgt, sl, tl):
    assert run_check("PUN001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("Save.", "Guardar,", "en", "es"),  # a label: its mark matters
    ("He left.", "Il est parti,", "en", "fr"),
    ("Good morning, everyone.", "おはようございます", "en", "ja"),  # no quotation: lost 。
])
def test_end_punctuation_still_flagged(src, tgt, sl, tl):
    assert run_check("PUN001", src, tgt, sl, tl)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("But as Father Johnson's parishioners made plans", "但由于  Johnson 神父的信徒计划重建", "en", "zh"),
    ("its neighbor's EU and NATO membership", "이웃 국가의  EU와 NATO 가입을", "en", "ko"),
    ("the Goop brand", "グウィネス・パルトロウの  Goop ブランド", "en", "ja"),
])
def test_double_space_cjk_latin_quiet(src, tgt, sl, tl):
    assert run_check("WSP003", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("the wind speed of Rosa", "रोसा में हवा  की रफ़्तार", "en", "hi"),
    ("the building was damaged", "该建筑  严重受损", "en", "zh"),
    ("the building was damaged", "das Gebäude  wurde beschädigt", "en", "de"),
])
def test_double_space_still_flagged(src, tgt, sl, tl):
    assert run_check("WSP003", src, tgt, sl, tl)


@pytest.mark.parametrize("src, tgt, sl, tl, word", [
    # the source's own reduplication (Hindi तरह-तरह, various) is no double a translation mirrors
    ("जिनमें तरह-तरह के वैसे लोग रहते हों", "filled with the kind kind of people", "hi", "en", "kind"),
    ("on CBS, ABC, NBC, CNN (سي إن إن)", "The company was was counting viewers on CNN.", "ar", "en", "was"),
    # English doubles it allows, where the next word shows the slip
    ("dijo que se había visto un tiburón", "he said that that a shark had been seen", "es", "en", "that"),
    ("Он уже был арестован", "He had had been arrested before", "ru", "en", "had"),
    ("nikt nie może wejść", "no no one is allowed in", "pl", "en", "no"),
    ("no se había considerado", "pero que no no se había considerado peligroso", "en", "es", "no"),
    ("they will not help", "gente que não não dará apoio", "en", "pt", "não"),
    ("in the UEFA Europa League", "in London in der der UEFA Europa League", "en", "de", "der"),
    ("Interest remained high.", "Das Das Interesse blieb groß.", "en", "de", "Das"),
    # a word that repeats the end of the token before it
    ("قرش يصيب طفلاً يبلغ 13 عامًا", "Shark injures 13-year-old year-old on lobster dive", "ar", "en", "year-old"),
    ("в 89-й минуте", "a score in the 89th th minute", "ru", "en", "th"),
    ("거의 20도의 온도차", "nearly a 20-degree degree temperature difference", "ko", "en", "degree"),
    ("Trump says Kavanaugh suffered", "Trump stwierdził, że Brett Brett Kavanaugh zaznał", "en", "pl", "Brett"),
    ("the company's warehouses in Marlow", "מחסני החברה במארלו במארלו מלאים", "en", "he", "במארלו"),
    # katakana loanwords of three morae and more (ッ and ー count)
    ("the ball fell into the net", "右上のネットネットに落ちた。", "en", "ja", "ネット"),
    ("Scherzer on the mound", "シャーザーシャーザーをピッチに迎える", "en", "ja", "シャーザー"),
    # a surname written twice after the first name
    ("ووجه المدير الرياضي جو أليفا الشكر", "director Joe Alleva Alleva thanked the police", "ar", "en", "Alleva"),
])
def test_doubles_caught(src, tgt, sl, tl, word):
    flags = run_check("REP001", src, tgt, sl, tl)
    assert word in spans(flags, tgt)


@pytest.mark.parametrize("src, tgt, sl, tl", [
    ("He had had enough.", "He had had enough.", "en", "en"),
    ("No, no, I wait.", "No no, espere.", "en", "es"),
    ("the woman who won the election", "die Frau, die die Wahl gewann", "en", "de"),
    ("Она сказала, что это правда", "Sie sagte, dass das das Richtige sei.", "ru", "de"),
    ("Dijo que eso era cierto.", "He said that that was true.", "es", "en"),
    ("Il est allé à Bora Bora.", "He went to Bora Bora.", "fr", "en"),
    ("ที่โรงแรม", "Others trapped at the Roa Roa Hotel were his students.", "th", "en"),
    ("a 13-year-old boy", "un garçon de 13 ans", "en", "fr"),
    ("25 עד 100 מ\u201cמ של גשם", "1 to 4 inches of rain will cause flash floods", "he", "en"),
    ("He is one of the big, big ones.", "これは大きな大きな一つだ。", "en", "ja"),
    ("My heart was pounding.", "胸がドキドキした。", "en", "ja"),
    ("He went to Bora Bora.", "הוא נסע לבורה בורה.", "en", "he"),
    ("It was pouring.", "雨がザーザー降っていた。", "en", "ja"),
    ("He hopped.", "ピョンピョン跳ねた。", "en", "ja"),
])
def test_doubles_quiet(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []
