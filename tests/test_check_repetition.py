import pytest
from helpers import neighbour, run_check, spans


def tspans(flags, target):
    return [target[s:e] for s, e in spans(flags, "target")]


def related(flag, target):
    return [target[sp.start:sp.end] for sp in flag.spans[1:] if sp.side == "target"]


# --- REP001 doubled word ---------------------------------------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("The report was published on Monday.", "El informe se publicó el el lunes.", "en", "es", ["el"]),
    ("She bought bread at the market.", "Elle a acheté du pain au au marché.", "en", "fr", ["au"]),
    ("He lives in Moscow.", "Он живёт в в Москве.", "en", "ru", ["в"]),
    ("Der Zug fährt um acht Uhr ab.", "The the train leaves at eight.", "de", "en", ["the"]),
    ("The plan will help workers.", "यह योजना श्रमिकों की की मदद करेगी।", "en", "hi", ["की"]),
    ("This is his book.", "这是他的的书。", "en", "zh", ["的"]),
    ("The man was stabbed.", "男性がが刺された。", "en", "ja", ["が"]),
    ("I saw it in the news.", "Lo vi en en en las noticias.", "en", "es", ["en en"]),
    ("Trump spoke on Friday.", "Trump Trump habló el viernes.", "en", "es", ["Trump"]),
])
def test_doubled_word_flagged(src, tgt, sl, tl, expected):
    flags = run_check("REP001", src, tgt, sl, tl)
    assert [f.code for f in flags] == ["REP001"] * len(expected)
    assert tspans(flags, tgt) == expected


def test_doubled_word_related_span_is_first_copy():
    tgt = "Das ist ist gut."
    flags = run_check("REP001", "That is good.", tgt, "en", "de")
    assert tspans(flags, tgt) == ["ist"]
    assert flags[0].spans[0].start == 8
    assert related(flags[0], tgt) == ["ist"] and flags[0].spans[1].start == 4


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("You wash yourselves.", "Vous vous lavez.", "en", "fr"),
    ("We see each other.", "Nous nous voyons.", "en", "fr"),
    ("He said that that was wrong.", "Dijo que eso estaba mal.", "en", "es"),
    ("Dijo que eso estaba mal.", "He said that that was wrong.", "es", "en"),
    ("They had had enough.", "Ya habían tenido suficiente.", "en", "es"),
    ("Die Frau, die die Zeitung liest.", "The woman who reads the paper.", "de", "en"),
    ("The woman who reads the paper.", "Die Frau die die Zeitung liest.", "en", "de"),
    ("Yes, yes, I know.", "Да да, я знаю.", "en", "ru"),
    ("The children play.", "Anak-anak bermain.", "en", "id"),
    ("He walked slowly.", "Yavaş yavaş yürüdü.", "en", "tr"),
    ("Slowly the water rose.", "धीरे धीरे पानी बढ़ा।", "en", "hi"),
    ("Each one is different.", "हर एक अलग अलग है।", "en", "hi"),
    ("He often comes.", "他常常来。谢谢。", "en", "zh"),
    ("People gathered.", "人々が集まった。", "en", "ja"),
    ("This is the purpose of the plan.", "这是计划的目的的一部分。", "en", "zh"),
    ("Read page 10 10 times.", "Lee la página 10 10 veces.", "en", "es"),
    ("It cost 1,000,000 euros.", "Cela a coûté 1 000 000 euros.", "en", "fr"),
    ("We visited Bora Bora.", "Visitamos Bora Bora.", "en", "es"),
    ("我们去了波拉波拉岛。", "We went to Bora Bora.", "zh", "en"),
    ("He laughed: ha ha.", "Il a ri : ha ha.", "en", "fr"),
    ("It was very very cold.", "Hacía muy muy frío.", "en", "es"),
    ("He spoke to CNN on Friday.", "وقال لشبكة سي إن إن يوم الجمعة.", "en", "ar"),
    ("He spoke to the BBC.", "وقال لشبكة بي بي سي.", "en", "ar"),
    ("the the", "le le", "en", "fr"),  # the source doubles too
    ("Doors open. Lights on.", "Türen auf. Auf die Plätze.", "en", "de"),  # punctuation between
    ("He said no, no, no.", "Il a dit non, non, non.", "en", "fr"),
    ("Walk quickly!", "빨리 빨리 걸어!", "en", "ko"),
    ("Normally it rolls it away.", "Normalerweise rollt es es weg.", "en", "de"),
    ("（笑声）我们看到的是依兰。", "What we see is ylang ylang.", "zh", "en"),  # a rare reduplicated name
])
def test_doubled_word_clean(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []


# --- REP001: issue 11, every run of a repeated word ----------------------------------------------

def sev_spans(flags, target):
    return [(target[s:e], f.severity.label) for f, (s, e) in zip(flags, spans(flags, "target"))]


@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    # a loop of one word (3+ copies) is major, even for words a language may double twice
    ("Chile ganó.", "Chile Chile Chile Chile.", "es", "en", [("Chile Chile Chile", "major")]),
    ("Estaba tarde.", "It was was was was late.", "es", "en", [("was was was", "major")]),
    ("The government said.", "政府政府政府政府表示。", "en", "zh", [("政府政府政府", "major")]),
    # capitalised doubles the source does not double
    ("Un Miembro laborista dijo.", "One Labour Labour AM said.", "es", "en", [("Labour", "minor")]),
    ("Welsh AMs worried.", "A los Miembros de Gales Gales les preocupa.", "en", "es", [("Gales", "minor")]),
    ("Es war spät.", "It It It It was late.", "de", "en", [("It It It", "major")]),
    # chunks doubled without spaces
    ("The government said.", "政府政府表示。", "en", "zh", [("政府", "minor")]),
    ("He went to London.", "ロンドンロンドンに行った。", "en", "ja", [("ロンドン", "minor")]),
    # reduplicating languages: a doubled word outside the profile's reduplicated words
    ("He walked to Ankara.", "Ankara Ankara yürüdü.", "en", "tr", [("Ankara", "minor")]),
    ("We are doing well.", "उन्होंने कहा, “हम हम अच्छे हैं।”", "en", "hi", [("हम", "minor")]),
    ("We won't comment.", "‘우리는 우리는 언급하지 않겠다.", "en", "ko", [("우리는", "minor")]),
    ("the state and foreign", "nhà nước nước ngoài", "en", "vi", [("nước", "minor")]),
    # a word made of several tokens, and a long rare word the source has once
    ("Dijo que estamos bien.", "He said We're We're doing great.", "es", "en", [("We're", "minor")]),
    ("Gwyneth Paltrow's Goop", "Gwyneth Paltrow's Goop Goop", "en", "de", [("Goop", "minor")]),
    # Spanish ``ha`` is *has*, not an interjection
    ("He has said it.", "Lo ha ha dicho.", "en", "es", [("ha", "minor")]),
    # Arabic: a common word that is also a letter name, looped
    ("He said that in the city.", "وقال في في في في المدينة.", "en", "ar", [("في في في", "major")]),
])
def test_repetition_issue11_flagged(src, tgt, sl, tl, expected):
    assert sev_spans(run_check("REP001", src, tgt, sl, tl), tgt) == expected


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("He walked slowly.", "Tôi từ từ đi.", "en", "vi"),
    ("They declined.", "Chính phủ phủ nhận.", "en", "vi"),  # two compounds overlapping on phủ
    ("Officially.", "một cách đường đường chính chính", "en", "vi"),  # AABB reduplication
    ("Almost all came.", "Hemen hemen herkes geldi.", "en", "tr"),
    ("Gradually.", "کم کم آمدند.", "en", "fa"),
    ("He is one of the big, big ones.", "これは大きな大きな一つだ。", "en", "ja"),  # the source doubles too
    ("It was a close call.", "ギリギリだった。", "en", "ja"),  # two-mora mimetic word
    ("Step by step.", "他们一步一步地走。", "en", "zh"),
    ("Let us discuss it.", "我们研究研究。", "en", "zh"),  # listed ABAB verb
    ("CNN reported.", "ซีเอ็นเอ็นรายงาน", "en", "th"),  # letter names of an acronym
    ("The election commission said.", "คณะกรรมการการเลือกตั้งกล่าว", "en", "th"),  # overlapping compounds
    ("Ils étaient au Roa-Roa-Hotel.", "They were at the Roa Roa Hotel.", "fr", "en"),
    ("NOOOOOO ANOTHER ONE", "KHÔNG KHÔNG KHÔNG, LẠI MỘT NGƯỜI", "en", "vi"),  # the source stretches a word
    ("He laughed: ha ha ha.", "Il a ri : ha ha ha.", "en", "fr"),
    ("He spoke to the BBC.", "او با بی بی سی صحبت کرد.", "en", "fa"),  # a letter-name acronym
])
def test_repetition_issue11_clean(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []


# --- REP002 n-gram loops ------------------------------------------------------------------------------

@pytest.mark.parametrize("src,tgt,sl,tl,expected,first", [
    ("Click here to reset your password.", "Cliquez ici pour réinitialiser votre mot de passe mot de passe.",
     "en", "fr", "mot de passe", "mot de passe"),
    ("The app crashes on start-up.", "Приложение падает при запуске при запуске.", "en", "ru",
     "при запуске", "при запуске"),
    ("The meeting ended late.", "La riunione è finita la riunione è finita tardi.", "en", "it",
     "la riunione è finita", "La riunione è finita"),
])
def test_doubled_phrase_flagged_minor(src, tgt, sl, tl, expected, first):
    flags = run_check("REP002", src, tgt, sl, tl)
    assert tspans(flags, tgt) == [expected]
    assert related(flags[0], tgt) == [first]
    assert flags[0].severity.label == "minor"


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("New York, New York", "Nueva York, Nueva York", "en", "es"),  # punctuation between
    ("Ding dong ding dong", "Ding dong ding dong", "en", "de"),  # the source doubles too
    ("He said so.", "Il l'a dit, il l'a dit.", "en", "fr"),
    ("Step by step.", "Paso a paso.", "en", "es"),
])
def test_doubled_phrase_clean(src, tgt, sl, tl):
    assert run_check("REP002", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl,expected,first", [
    ("The meeting of the council ended.",
     "La reunión del consejo del consejo del consejo terminó.", "en", "es",
     "del consejo del consejo", "del consejo"),
    ("Он сказал, что всё в порядке.",
     "He said that it was fine, it was fine, it was fine, it was fine.", "ru", "en",
     "it was fine, it was fine, it was fine", "it was fine"),
    ("The government announced new measures today.",
     "政府今天宣布了新措施新措施新措施新措施。", "en", "zh", "新措施新措施新措施", "新措施"),
    ("The minister visited the hospital on Monday.",
     "Der Minister besuchte am Montag das Krankenhaus in der Stadt das Krankenhaus in der Stadt.",
     "en", "de", "das Krankenhaus in der Stadt", "das Krankenhaus in der Stadt"),
    ("Prices rose sharply last year.",
     "昨年は価格が急激に上昇した価格が急激に上昇した。", "en", "ja", "価格が急激に上昇した", "価格が急激に上昇した"),
])
def test_loop_flagged(src, tgt, sl, tl, expected, first):
    flags = run_check("REP002", src, tgt, sl, tl)
    assert [f.code for f in flags] == ["REP002"]
    assert tspans(flags, tgt) == [expected]
    assert related(flags[0], tgt) == [first]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("No, no, no, no!", "「違う、違う、違う、違う！」", "en", "ja"),  # the source repeats too
    ("No, no, no, no!", "Non, non, non, non !", "en", "fr"),
    ("He laughed.", "他哈哈哈哈哈地笑了。", "en", "zh"),
    ("Thank you, thank you.", "谢谢谢谢。", "en", "zh"),
    ("It happened step by step, little by little.", "Sucedió paso a paso, poco a poco.", "en", "es"),
    ("New York, New York", "Nueva York, Nueva York", "en", "es"),
    ("The committee met in Paris and the committee met again in Rome.",
     "Комитет собрался в Париже, а затем комитет снова собрался в Риме.", "en", "ru"),
    ("They went round and round.", "Они ходили кругами.", "en", "ru"),
    ("Prices rose in 2019, 2020 and 2021.", "Los precios subieron en 2019, 2020 y 2021.", "en", "es"),
    # a headline run into its lead sentence: the source repeats the content in other words
    ("Cyclist dies in crash with lorry A cyclist has died in a crash with a lorry in Leeds.",
     "Un ciclista muere en un choque con un camión Un ciclista muere en un choque con un camión en Leeds.",
     "en", "es"),
])
def test_loop_clean(src, tgt, sl, tl):
    assert run_check("REP002", src, tgt, sl, tl) == []


# --- REP003 repeated from an earlier sentence or the previous segment --------------------------------

SEED_LIKE_TGT = (
    "The port of Sines is vital for the growth of the Atlantic Logistics Corridor project. "
    "Considered the pride of the coast, it is also a key site for the growth of the Atlantic "
    "Logistics Corridor project."
)


def test_repeated_clause_within_segment():
    src = ("El puerto de Sines es vital para el crecimiento del proyecto del Corredor Logístico Atlántico. "
           "Considerado el orgullo de la costa, su bahía atrae a miles de turistas cada verano.")
    flags = run_check("REP003", src, SEED_LIKE_TGT, "es", "en")
    assert [f.code for f in flags] == ["REP003"]
    assert tspans(flags, SEED_LIKE_TGT) == ["for the growth of the Atlantic Logistics Corridor project"]
    f = flags[0]
    assert f.spans[0].start > f.spans[1].start  # the copy is the later one
    assert related(f, SEED_LIKE_TGT) == ["for the growth of the Atlantic Logistics Corridor project"]
    assert f.severity.label == "major"


def test_repeated_clause_from_previous_segment():
    prev = neighbour("Los bomberos controlaron el incendio en el almacén del puerto de Valencia.",
                     "Firefighters brought the blaze at the warehouse in the port of Valencia under control.",
                     "es", "en")
    src = "Nadie resultó herido, según la policía local."
    tgt = "No one was hurt, brought the blaze at the warehouse in the port of Valencia under control, police said."
    flags = run_check("REP003", src, tgt, "es", "en", prev=prev)
    assert tspans(flags, tgt) == ["brought the blaze at the warehouse in the port of Valencia under control"]
    assert "previous segment" in flags[0].message
    assert len(flags[0].spans) == 1


def test_repeated_clause_from_previous_segment_russian():
    prev = neighbour("The central bank raised interest rates to fight rising inflation.",
                     "Центральный банк повысил процентные ставки для борьбы с растущей инфляцией.", "en", "ru")
    src = "Analysts had expected the decision."
    tgt = "Аналитики ожидали, что банк повысил процентные ставки для борьбы с растущей инфляцией."
    flags = run_check("REP003", src, tgt, "en", "ru", prev=prev)
    assert tspans(flags, tgt) == ["банк повысил процентные ставки для борьбы с растущей инфляцией"]


def test_repeated_clause_chinese():
    src = ("The new bridge connects the two banks of the river. "
           "It took five years to build and cost two billion yuan.")
    tgt = "新大桥连接了河流两岸的经济开发区和居民区。该工程历时五年，连接了河流两岸的经济开发区和居民区。"
    flags = run_check("REP003", src, tgt, "en", "zh")
    assert tspans(flags, tgt) == ["连接了河流两岸的经济开发区和居民区"]


def test_repeated_clause_japanese():
    src = ("The new port is vital to the development of the China-Pakistan Economic Corridor. "
           "Considered the pride of the nation, its beaches attract thousands of tourists.")
    tgt = "新しい港は中国・パキスタン経済回廊の発展に不可欠だ。国の誇りとされ、中国・パキスタン経済回廊の発展に不可欠な戦略地域でもある。"
    flags = run_check("REP003", src, tgt, "en", "ja")
    assert tspans(flags, tgt) == ["中国・パキスタン経済回廊の発展に不可欠"]
    assert flags[0].spans[0].start > flags[0].spans[1].start


def test_repeated_katakana_name_is_not_a_clause():
    prev = neighbour("The Baden-Wuerttemberg-class frigates replace older ships.",
                     "バーデン・ヴュルテンベルク級フリゲート艦は旧型艦に代わる。", "en", "ja")
    tgt = "バーデン・ヴュルテンベルク級フリゲート艦は非常に重い。"
    assert run_check("REP003", "The ships are very heavy.", tgt, "en", "ja", prev=prev) == []


@pytest.mark.parametrize("prev_src,prev_tgt,src,tgt,sl,tl", [
    # a headline followed by its lead sentence: the source repeats the content too
    ("Shark injures boy on lobster dive in Oregon",
     "Un tiburón hiere a un niño que buceaba en busca de langostas en Oregón",
     "A shark injured a boy on Saturday while he was diving for lobster in Oregon, officials said.",
     "Un tiburón hirió el sábado a un niño que buceaba en busca de langostas en Oregón, según las autoridades.",
     "en", "es"),
    # the source repeats the same long name
    ("The Ministry of Foreign Affairs of the Republic of Korea issued a statement.",
     "Министерство иностранных дел Республики Корея выступило с заявлением.",
     "The Ministry of Foreign Affairs of the Republic of Korea later denied it.",
     "Позже Министерство иностранных дел Республики Корея это опровергло.",
     "en", "ru"),
    ("中华人民共和国外交部发言人今天表示欢迎。",
     "The spokesperson of the Ministry of Foreign Affairs of the People's Republic of China welcomed it today.",
     "中华人民共和国外交部发言人还说，会谈是建设性的。",
     "The spokesperson of the Ministry of Foreign Affairs of the People's Republic of China also said the talks were constructive.",
     "zh", "en"),
    # short shared phrases are normal
    ("The company said profits rose.", "La empresa dijo que los beneficios subieron.",
     "The company said sales fell.", "La empresa dijo que las ventas bajaron.", "en", "es"),
])
def test_repeated_clause_clean(prev_src, prev_tgt, src, tgt, sl, tl):
    prev = neighbour(prev_src, prev_tgt, sl, tl)
    assert run_check("REP003", src, tgt, sl, tl, prev=prev) == []


def test_repeated_clause_source_repeats_within_segment():
    src = ("Der Bau der neuen Brücke über den Rhein beginnt im Mai. "
           "Der Bau der neuen Brücke über den Rhein kostet 40 Millionen Euro.")
    tgt = ("Construction of the new bridge over the Rhine begins in May. "
           "Construction of the new bridge over the Rhine will cost 40 million euros.")
    assert run_check("REP003", src, tgt, "de", "en") == []


def test_back_to_back_copy_is_not_rep003():
    tgt = "The talks ended without an agreement on trade. The talks ended without an agreement on trade."
    assert run_check("REP003", "Las conversaciones terminaron sin acuerdo comercial.", tgt, "es", "en") == []
    flags = run_check("REP002", "Las conversaciones terminaron sin acuerdo comercial.", tgt, "es", "en")
    assert tspans(flags, tgt) == ["The talks ended without an agreement on trade"]


@pytest.mark.parametrize("source,target,sl", [
    ("เจ้าหน้าที่ที่เกี่ยวข้องกล่าวว่าเขากำลังดำน้ำ", "Officials said he was was diving.", "th"),
    ("いろいろな人が来たと彼は言った。", "He said that many many people came.", "ja"),
    ("他常常说人人都应该来。", "He often said everyone should should come.", "zh"),
])
def test_source_reduplication_does_not_excuse_a_doubled_word(source, target, sl):
    """A reduplicated word of a Chinese, Japanese or Thai source (ที่ที่, いろいろ) is not a double a
    translation mirrors: a doubled English word beside it is still a slip."""
    flags = run_check("REP001", source, target, sl, "en")
    assert [target[f.spans[0].start:f.spans[0].end] for f in flags] in (["was"], ["many"], ["should"])


@pytest.mark.parametrize(("src", "tgt", "sl", "tl", "word"), [
    ("しかし、資金不足がジョコ氏の政権を悩ませた。", "Funding shortfalls plagued Mr. Joko's Joko's administration.", "ja", "en", "Joko's"),
    ("L'uomo arriva.", "L'homme l'homme arrive.", "it", "fr", "l'homme"),
    ("Der Bericht des Jahres.", "Il rapporto dell'anno dell'anno.", "de", "it", "dell'anno"),
    ("М'яч упав.", "The ball fell, м'яч м'яч.", "uk", "en", "м'яч"),
])
def test_doubled_word_with_a_clitic_is_no_reduplicated_name(src, tgt, sl, tl, word):
    flags = run_check("REP001", src, tgt, sl, tl)
    assert len(flags) == 1 and flags[0].code == "REP001"
    assert tgt[flags[0].primary.start:flags[0].primary.end].lower() == word.lower()  # the second copy


@pytest.mark.parametrize(("src", "tgt", "sl", "tl"), [
    ("El gobierno de Joko.", "Joko's government, and Joko's allies.", "es", "en"),
    ("The man's hat.", "Le chapeau de l'homme, l'homme de Paris.", "en", "fr"),
    ("Ylang ylang oil.", "Масло иланг-иланг, м'ята.", "en", "uk"),
])
def test_clitic_words_not_doubled_stay_quiet(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # a hyphenated word ending in a short word, then that word on its own: not a doubled word
    ("但他强调了金正恩与文在寅在过去的五个月举行的三次会晤。",
     "He highlighted three meetings between Kim and Moon Jae-in in the past five months.", "zh", "en"),
    ("The check-in in Berlin opens at six.", "Der Check-in in Berlin öffnet um sechs.", "en", "de"),
    ("They held a sit-in in Moscow.", "Они провели сит-ин ин Москве.", "en", "ru"),
])
def test_hyphen_tail_then_word_quiet(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []


@pytest.mark.parametrize("tgt,tl,word", [
    ("A 13-year-old year-old boy was hurt.", "en", "year-old"),  # the tail is longer than a short word
    ("Un niño de 13-años años resultó herido.", "es", "años"),
    ("Пострадал 12-летний летний мальчик.", "ru", "летний"),
])
def test_tail_double_still_flagged(tgt, tl, word):
    flags = run_check("REP001", "A boy was hurt.", tgt, "en", tl)
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]


@pytest.mark.parametrize("src,tgt,sl,tl,word", [
    # a name the source has once, doubled in another script: a slip, not a reduplicated name
    ("Giles said he was happy.", "Джайлз Джайлз сказал, что счастлив.", "en", "uk", "Джайлз"),
    ("Declan Rice played well.", "Деклан Деклан Райс зіграв добре.", "en", "uk", "Деклан"),
    ("Dolly Menga scored.", "Долли Менга Менга забила.", "en", "ru", "Менга"),
])
def test_name_doubled_in_another_script_flagged(src, tgt, sl, tl, word):
    flags = run_check("REP001", src, tgt, sl, tl)
    assert [tgt[f.spans[0].start:f.spans[0].end] for f in flags] == [word]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("They flew to Bora Bora.", "Они полетели на Бора Бора.", "en", "ru"),  # doubled in the source too
    ("The ylang ylang oil.", "Масло иланг иланг.", "en", "ru"),
    ("They flew to Bora Bora.", "Полетіли на Бора Бора.", "en", "uk"),
])
def test_reduplicated_name_in_another_script_quiet(src, tgt, sl, tl):
    assert run_check("REP001", src, tgt, sl, tl) == []
