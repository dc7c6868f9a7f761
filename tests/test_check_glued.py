import pytest
from helpers import run_check, spans


def glued(source, target, sl, tl):
    flags = run_check("GLU001", source, target, sl, tl)
    return [(target[s:e], f.severity.label) for f, (s, e) in zip(flags, spans(flags))]


# a space missing between two sentences is a minor typo (MQM raters agree); a full stop inside a
# sentence (``Thursday.arrested``) and a word fused with a capitalised word are major
@pytest.mark.parametrize("source,target,sl,tl,expected,sev", [
    ("MADRID. El gobierno aprobó el presupuesto el lunes.",
     "MadridThe government approved the budget on Monday.", "es", "en", "MadridThe", "major"),
    ("El ministro habló con la prensa. Los diputados votaron después.",
     "The minister spoke to the press.The deputies voted afterwards.", "es", "en", "press.The", "minor"),
    ("Llegaron al pueblo el jueves. detenidos el miércoles por la policía",
     "They reached the village on Thursday.arrested on Wednesday by the police", "es", "en",
     "Thursday.arrested", "major"),
    ("Viajaron a Lyon, donde vivía su hermana.",
     "They travelled to Lyon,where his sister lived.", "es", "en", "Lyon,where", "minor"),
    ("The committee met in Geneva. The talks failed.",
     "El comité se reunió en Ginebra.Las conversaciones fracasaron.", "en", "es", "Ginebra.Las", "minor"),
    ("The talks ended on Friday. Nobody signed.",
     "Переговоры закончились в пятницу.Никто ничего не подписал.", "en", "ru", "пятницу.Никто", "minor"),
    ("PARIS. The prices rose.", "ParisLes prix ont augmenté.", "en", "fr", "ParisLes", "major"),
    ("伦敦。那天下雨了。", "Es war in LondonThe Regen fiel.", "zh", "de", "LondonThe", "major"),
    ("Он уехал в Лондон. Это было в мае.", "He left for LondonIt was in May.", "ru", "en", "LondonIt", "major"),
    ("The new Johnny English film.", "فيلم JohnnyEnglish الجديد.", "en", "ar", "JohnnyEnglish", "major"),
    ("Kuetta'da, nerede yaşıyordu.", "They met in Quetta,where he lived.", "tr", "en", "Quetta,where", "minor"),
])
def test_glued_flagged(source, target, sl, tl, expected, sev):
    assert glued(source, target, sl, tl) == [(expected, sev)]


def test_latin_run_inside_chinese_target():
    target = "他说LondonThe军队已经撤离。"
    flags = run_check("GLU001", "He said the army had left London. The city was calm.", target, "en", "zh")
    assert [target[s:e] for s, e in spans(flags)] == ["LondonThe"]


def test_source_words_get_related_spans():
    source = "They reached the village on Thursday. arrested by the police"
    target = "Llegaron al pueblo el jueves.detenidos por la policía"
    flags = run_check("GLU001", source, target, "en", "es")
    assert [target[s:e] for s, e in spans(flags)] == ["jueves.detenidos"]
    assert spans(flags, "source") == []  # the Spanish words do not stand in the English source
    source2 = "Ana vio Madrid. Bajo la lluvia."
    target2 = "Ana saw Madrid.Under the rain."
    flags2 = run_check("GLU001", source2, target2, "es", "en")
    assert [source2[s:e] for s, e in spans(flags2, "source")] == ["Madrid"]


@pytest.mark.parametrize("source,target,sl,tl", [
    # brands and names with an inner capital, known to the word lists or standing in the source
    ("Usa JavaScript y PowerPoint en su iPhone.", "He uses JavaScript and PowerPoint on his iPhone.", "es", "en"),
    ("Lo vio en YouTube y comió en McDonald's.", "Il l'a vu sur YouTube et a mangé chez McDonald's.", "es", "fr"),
    ("Leonardo DiCaprio llegó a LaGuardia.", "Leonardo DiCaprio arrived at LaGuardia.", "es", "en"),
    ("La empresa SolarWinds informó.", "The SolarWinds company reported.", "es", "en"),
    ("Call getElementById first.", "Llama primero a getElementById.", "en", "es"),
    # URLs, files, domains, e-mail, abbreviations, decimals
    ("Ver config.json y weather.com.", "See config.json and weather.com.", "es", "en"),
    ("Escriba a info@example.org o visite https://example.org/a,b.", "Write to info@example.org or visit https://example.org/a,b.", "es", "en"),
    ("EE.UU. y el Reino Unido, p.ej. hoy.", "The U.S. and the U.K., e.g. today.", "es", "en"),
    ("Das kostet ca. 3,5 Mio., d.h. viel.", "Cela coûte env. 3,5 M, c.-à-d. beaucoup.", "de", "fr"),
    ("La Dott.ssa Rossi ha parlato.", "La Dott.ssa Rossi ha parlato di nuovo.", "it", "it"),
    ("Charles Evans kam.", "Ch.Evans est venu.", "de", "fr"),
    ("Der Sig.ra-Titel.", "Il titolo Sig.ra è usato.", "de", "it"),
    ("Le site Amazon.de a ouvert.", "The Amazon.de site opened.", "fr", "en"),
    ("Microsoft ASP.NET and Node.js.", "Microsoft ASP.NET y Node.js.", "en", "es"),
    # brands of two content words and domain names, absent from a source in another script
    ("据GreenNews网站报道，商店开业了。", "According to GreenNews.com, the shop opened.", "zh", "en"),
    ("Магазин ШопМакс открылся.", "The ShopMax store opened on Monday.", "ru", "en"),
    ("Магазин открылся, сообщает сайт.", "Le magasin ShopMax a ouvert, selon GreenNews.com.", "ru", "fr"),
    ("متجر شوب ماكس افتتح.", "Der Laden ShopMax hat eröffnet.", "ar", "de"),
    # ordinary clean prose in several scripts
    ("The army freed 300 people on Wednesday.", "El ejército liberó a 300 personas el miércoles.", "en", "es"),
    ("Пекин заявил об этом в среду.", "Beijing said so on Wednesday.", "ru", "en"),
    ("北京周三表示。", "Beijing said so on Wednesday, 21.7 million people.", "zh", "en"),
    ("The talks failed.", "فشلت المحادثات، وقال: إن الأمر انتهى.", "en", "ar"),
    ("The talks failed.", "वार्ता विफल रही। उन्होंने कहा: यह खत्म हो गया।", "en", "hi"),
    ("The talks failed.", "会谈失败了。他说：结束了。", "en", "ja"),
    ("A 900-kilometre border.", "Une frontière de 900 kilomètres.", "en", "fr"),
])
def test_glued_clean(source, target, sl, tl):
    assert run_check("GLU001", source, target, sl, tl) == []


def test_token_in_source_is_not_flagged():
    # a fused token copied from the source is the source's business, not a glue error
    assert run_check("GLU001", "Visit ParisTheatre today.", "Visitez ParisTheatre aujourd'hui.", "en", "fr") == []


# --- robustness: every issue-3 check on arbitrary text, spans always inside the text ---------

from hypothesis import given, settings, strategies as st  # noqa: E402

ISSUE3 = ["GLU001", "SEN001", "SEN002", "CAS001", "CAS002", "ENT001", "ENT002", "ENT003"]
_alphabet = st.sampled_from(list("aZ. ,;:!?'\"«»-_/@#ÉéßİıПпЖж北京。，ابहि\u00a0\u0301") + ["The", "NATO", "ISIS",
                                                                                           "London", "e.g.", "U.S."])
_text = st.lists(_alphabet, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(src=_text, tgt=_text, langs=st.sampled_from([("en", "es"), ("es", "en"), ("en", "zh"), ("zh", "en"),
                                                   ("en", "ru"), ("de", "fr"), ("ar", "en"), (None, None)]))
def test_issue3_checks_never_crash(src, tgt, langs):
    for code in ISSUE3:
        run_check(code, src, tgt, langs[0], langs[1])  # run_check asserts every span is inside its text
