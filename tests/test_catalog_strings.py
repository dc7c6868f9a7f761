"""Software-string checks of session 9 (issue 12): ACC001 accelerators, CAS003 capital added,
UNT001 short copies, PUN002 lost label brackets, PUN006 space after punctuation, UNT003's
identifier/entity/gloss cases, named printf codes glued to a word, LNG001 and placeholder names."""
import pytest
from helpers import run_check, spans

from audit.checks.context import TextView
from audit.core.model import Unit
from audit.lang.placeholders import codes


def acc(source, target, tl="de", **options):
    return run_check("ACC001", source, target, "en", tl, options=options or None)


# --- ACC001 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source,target,tl,options", [
    ("&File", "Datei", "de", {"convention": "kde"}),           # lost
    ("File", "&Datei", "de", {"convention": "kde"}),           # added
    ("_File", "_Fai_l", "fr", {"convention": "gnome"}),        # two
    ("~File", "Файл", "ru", {"convention": "openoffice"}),     # lost, Cyrillic target
    ("Open &File", "Öffnen& Datei", "de", {"marker": "&"}),    # on a space
    ("&Open", "打开", "zh", {}),                                # inferred from the source
    ("_Save as…", "Сохранить как…", "ru", {}),                 # inferred: GNOME style
    ("&Quit", "خروج", "ar", {}),
])
def test_accelerator_flagged(source, target, tl, options):
    flags = acc(source, target, tl, **options)
    assert [f.code for f in flags] == ["ACC001"]
    assert flags[0].severity.label == "major"


@pytest.mark.parametrize("source,target,tl,options", [
    ("&File", "&Datei", "de", {"convention": "kde"}),
    ("&Three", "Ü&ç", "tr", {"marker": "&"}),                  # the key may move
    ("&Open", "打开(&O)", "zh", {}),
    ("Mail && News", "Post und Nachrichten", "de", {"convention": "kde"}),  # escaped
    ("Mail &amp; News", "Post und Nachrichten", "de", {"convention": "mozilla"}),  # entity
    ("About &brandFullName;", "Über &brandFullName;", "de", {"convention": "mozilla"}),
    ("R&D budget", "Budget für Forschung und Entwicklung", "de", {"convention": "kde"}),  # acronym
    ("Tom & Jerry", "Том и Джерри", "ru", {}),
    ("Tom & Jerry", "Tom und Jerry", "de", {"convention": "kde"}),
    ("Set snake_case names", "Namen in snake_case setzen", "de", {"convention": "gnome"}),  # copied token
    ("Call __init__ first", "Rufe zuerst __init__ auf", "de", {"convention": "gnome"}),
    ("Use __init__", "__init__ を使う", "ja", {}),
    ("Open target=_blank links", "Ссылки target=_blank", "ru", {}),
    ("&File", "Datei", "de", {"convention": "none"}),
    ("~5 km away", "etwa 5 km entfernt", "de", {}),
    ("Q&A session", "جلسة أسئلة وأجوبة", "ar", {}),
])
def test_accelerator_clean(source, target, tl, options):
    assert acc(source, target, tl, **options) == []


def test_accelerator_marker_from_kde_format_flag():
    unit = Unit(key="k", flags=frozenset({"kde-format"}))
    flags = run_check("ACC001", "Save", "&Speichern", "en", "de", unit=unit)
    assert [f.code for f in flags] == ["ACC001"]
    assert run_check("ACC001", "Save", "&Speichern", "en", "de") == []  # not declared: an added '&' is left alone


def test_accelerator_bad_option_is_an_error():
    with pytest.raises(RuntimeError, match="marker must be one punctuation character"):
        acc("&File", "Datei", "de", marker="ab")


# --- CAS003 and Afrikaans 'n -------------------------------------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("find", "Vind", "af"),
    ("a cow", "'n Koei", "af"),
    ("next page", "Page suivante", "fr"),
    ("next page", "Следующая страница", "ru"),
])
def test_capital_added_flagged(source, target, tl):
    assert [f.code for f in run_check("CAS003", source, target, "en", tl)] == ["CAS003"]


@pytest.mark.parametrize("source,target,tl", [
    ("find", "vind", "af"),
    ("email address", "E-Mail-Adresse", "de"),            # German nouns
    ("the train arrived.", "Le train est arrivé.", "fr"),  # a whole sentence: fixing its case is right
    ("iOS devices", "iOS-Geräte", "de"),
    ("iPhone apps", "Applications iPhone", "fr"),          # source word with an inner capital
    ("lundi", "Monday", "en"),                             # English capitalises days
    ("next page", "下一页", "zh"),
    ("de Gaulle said", "De Gaulle a dit", "fr"),
])
def test_capital_added_clean(source, target, tl):
    assert run_check("CAS003", source, target, "en" if tl != "en" else "fr", tl) == []


def test_afrikaans_article_is_not_the_first_word():
    assert run_check("CAS001", "A cow", "'n Koei", "en", "af") == []
    assert [f.code for f in run_check("CAS001", "A cow", "'n koei", "en", "af")] == ["CAS001"]


# --- UNT001 short copies ------------------------------------------------------------------------

@pytest.mark.parametrize("source,tl", [("Unchanged", "af"), ("Two words", "fr"), ("Unchanged", "ru")])
def test_short_copy_is_minor(source, tl):
    flags = run_check("UNT001", source, source, "en", tl, options={"short_copies": True})
    assert [(f.code, f.severity.label) for f in flags] == [("UNT001", "minor")]
    assert run_check("UNT001", source, source, "en", tl) == []  # off by default


@pytest.mark.parametrize("source,tl", [
    ("Email", "de"), ("Mozilla", "af"), ("Python", "ja"), ("width: 12em;", "af"), ("OK", "fr"),
    ("I", "af"), ("7em", "af"), ("Django", "ru"), ("Hotel", "de"),
])
def test_short_copy_clean(source, tl):
    assert run_check("UNT001", source, source, "en", tl, options={"short_copies": True}) == []


# --- PUN002 lost label brackets, PUN006 -----------------------------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("For [sic] numbers", "Vier getalle", "af"),
    ("Press [Enter] to go on", "Drücken Sie Eingabe", "de"),
    ("Press [Enter]", "Нажмите Ввод", "ru"),
])
def test_label_brackets_lost(source, target, tl):
    assert [f.code for f in run_check("PUN002", source, target, "en", tl)] == ["PUN002"]


@pytest.mark.parametrize("source,target,tl", [
    ("N number(s)", "N getal(le)", "af"),
    ("Press [Enter]", "[Eingabe] drücken", "de"),
    ("Open the file (read only)", "Datei öffnen, schreibgeschützt", "de"),  # a parenthesis may go
    ("The report [PDF] was published yesterday by the ministry of the interior", "Отчёт опубликован вчера", "ru"),
    ("Press [Enter]", "按【回车】", "zh"),
])
def test_label_brackets_clean(source, target, tl):
    assert run_check("PUN002", source, target, "en", tl) == []


@pytest.mark.parametrize("source,target,tl", [
    ("One, two, three.", "Kunye, kubili,kuthathu.", "zu"),
    ('Do "this"', "Faites «ceci»", "fr"),
    ("Red, green", "Красный,зелёный", "ru"),
])
def test_space_after_punctuation_flagged(source, target, tl):
    assert [f.code for f in run_check("PUN006", source, target, "en", tl)] == ["PUN006"]


@pytest.mark.parametrize("source,target,tl", [
    ("One, two, three.", "Kunye, kubili, kuthathu.", "zu"),
    ('Do "this"', "Faites « ceci »", "fr"),
    ('Do "this"', "Faites «\u00a0ceci\u00a0»", "fr"),
    ("Values a,b,c", "Werte a,b,c", "de"),
    ("1,5 kg", "1,5 кг", "ru"),
    ('Say "yes"', "Sag «ja»", "de"),  # guillemets without spaces are German style
    ("Red, green", "红，绿", "zh"),
    ("Red, green", "红,绿", "zh"),  # an ASCII comma between Han characters: no space is expected there
    ("See https://x.org/a,b", "Voir https://x.org/a,b", "fr"),
])
def test_space_after_punctuation_clean(source, target, tl):
    assert run_check("PUN006", source, target, "en", tl) == []


# --- UNT003 catalog cases --------------------------------------------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("Future %(name)s not available because %(cls)s.allow_future is False.",
     "Futurs %(name)s no disponibles perquè %(cls)s.allow_future és Fals.", "ca"),
    ("Topics, references, &amp; how-to’s", "Emner, referencer &amp; how-to’s", "da"),
    ("File path", "فائل کا راستہ(path(", "ur"),
    ("Telugu", "telugu", "lv"),
    ("use alternatives like <a rel=\"noreferrer\" …> for links", "brug alternativer så som <a rel=\"noreferrer\" …> til links", "da"),
])
def test_source_word_catalog_clean(source, target, tl):
    assert run_check("UNT003", source, target, "en", tl) == []


def test_source_word_still_found():
    flags = run_check("UNT003", "Enter a valid IPv6 address.", "กรอก IPv6 address ให้ถูกต้อง", "en", "th")
    assert [f.code for f in flags] == ["UNT003"]


def test_source_word_letterless_target_of_unknown_language_does_not_crash():
    assert run_check("UNT003", "Loading, please wait", "…", "en", "udm") == []


# --- placeholders and LNG001 -------------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("%(num)dlěće", "%(num)d"), ("%(value)sabụghị", "%(value)s"), ("%(link)sWord", "%(link)s"),
    ("%(name)r", "%(name)r"),
])
def test_named_printf_glued_to_a_word_is_a_code(text, key):
    assert [c.key for c in codes(TextView(text, "hsb", "target"))] == [key]


@pytest.mark.parametrize("text", ["50%ige", "%50si", "%dabc"])
def test_unnamed_printf_before_letters_is_not_a_code(text):
    assert codes(TextView(text, "de", "target")) == ()


@pytest.mark.parametrize("source,target,tl", [
    ("%(full_result_count)s total", "%(full_result_count)s ਕੁੱਲ", "pa"),
    ("%(full_result_count)s total", "總共 %(full_result_count)s", "zh"),
    ("Sorting priority: %(priority_number)s", "Парадак: %(priority_number)s", "be"),
])
def test_placeholder_names_are_not_a_wrong_script(source, target, tl):
    assert run_check("LNG001", source, target, "en", tl) == []


def test_wrong_script_still_flagged():
    flags = run_check("LNG001", "%(count)s items selected", "%(count)s items selected here now", "en", "ru")
    assert [f.code for f in flags] == ["LNG001"]
    assert spans(flags)


# --- UNT003: computing terms kept in English are minor (issue 12, session 10) ------------------------

@pytest.mark.parametrize("source,target,tl,word", [
    ("This field cannot be null.", "Šis laukas negali būti null.", "lt", "null"),
    ("Null characters are not allowed.", "Δεν επιτρέπονται null (μηδενικοί) χαρακτήρες", "el", "null"),
    ("You are seeing this message because this site requires a CSRF cookie when submitting forms.",
     "您看到此消息是由于该站点在提交表单时需要一个CSRF cookie。", "zh", "cookie"),
    ("Positive big integer", "Integer besar positif", "ms", "Integer"),
])
def test_source_word_technical_term_minor(source, target, tl, word):
    flags = run_check("UNT003", source, target, "en", tl)
    assert [(f.severity.label, target[f.spans[0].start:f.spans[0].end]) for f in flags] == [("minor", word)]


def test_source_word_ordinary_word_still_major():
    flags = run_check("UNT003", "Are you sure you want to delete the selected items? All of the following objects will go:",
                      "N'esteu segur de voler esborrar els elements? S'esborraran tots els objects següents:", "en", "ca")
    assert [(f.severity.label, f.message.split(": ")[1]) for f in flags] == [("major", "'objects'")]


@pytest.mark.parametrize("tl,target", [
    ("pt", 'porque tem <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug">DEBUG=True</a> no seu ficheiro settings do Django'),
    ("ar", 'لأن <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug">DEBUG=True</a> في ملف settings خاصتك'),
    ("ko", '이 페이지는 settings 파일에 <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug">DEBUG=True</a>가 설정되어'),
])
def test_source_word_also_in_a_source_code_clean(tl, target):
    source = ('You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug">'
              'DEBUG=True</a> is in your settings file and you have not configured any URLs.')
    assert run_check("UNT003", source, target, "en", tl) == []


def test_source_word_not_in_a_code_still_flagged():
    source = 'Read the <a href="https://example.com/docs/">release notes</a> for the settings of your site.'
    target = 'Прочитайте <a href="https://example.com/docs/">примечания</a> о settings вашего сайта.'
    assert [f.code for f in run_check("UNT003", source, target, "en", "ru")] == ["UNT003"]
