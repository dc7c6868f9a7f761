"""False classes of the second Django catalog reading (issue 12, session 10): placeholders glued to
words (ENC004, MRK002), tags mentioned with elided attributes and layout sizes (MRK001), and the
XML form of void elements lost (MRK001, minor)."""
import pytest
from helpers import run_check

# --- ENC004: a placeholder glued to a word is not a Latin letter of it ----------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("“%(value)s” value has the correct format.", "%(value)sмааниси туура форматта.", "ky"),
    ("%(name)s with ID “%(key)s” doesn’t exist.", "“%(key)s” ID-тай %(name)sбайхгүй байна.", "mn"),
    ("Ensure this value has at least %(limit_value)d characters.", "Бул маани %(limit_value)dсимвол камтыганын.", "ky"),
    ("%(size)d bytes", "%(size)dбит", "ky"),
])
def test_enc004_glued_placeholder_clean(source, target, tl):
    assert run_check("ENC004", source, target, "en", tl) == []


@pytest.mark.parametrize("source,target,tl,word", [
    ("Enter a valid IPv4 address.", "Внесeте правилна IPv4 адреса.", "mk", "Внесeте"),  # Latin e
    ("Please correct the errors below.", "Калі ласка, выпраўце памылкy, адзначаную ніжэй.", "be", "памылкy"),
    ("Hello %(name)s", "Привeт %(name)s", "ru", "Привeт"),  # a real homoglyph beside a placeholder
    ("Hello %(name)s", "%(name)sпривeт", "ru", "привeт"),  # ... and glued to one
])
def test_enc004_homoglyphs_still_flagged(source, target, tl, word):
    flags = run_check("ENC004", source, target, "en", tl)
    assert [target[f.spans[0].start:f.spans[0].end] for f in flags] == [word]


# --- MRK002: %s glued to a case ending ------------------------------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("Add %s", "Aldoni %sn", "eo"),
    ("Select %s to change", "Elekti %sn por ŝanĝi", "eo"),
    ("Change %s", "%sni o'zgartirish", "uz"),
    ("Delete %d items", "%dta elementni o'chirish", "uz"),
])
def test_mrk002_glued_suffix_clean(source, target, tl):
    assert run_check("MRK002", source, target, "en", tl) == []


@pytest.mark.parametrize("source,target,tl", [
    ("Add %s", "Aldoni", "eo"),  # the placeholder is gone
    ("Add %s and %s", "Aldoni %sn", "eo"),  # one glued, one lost
    ("Select %(name)s", "Выбрать %sn", "ru"),  # a named one is not a glued %s
])
def test_mrk002_lost_still_flagged(source, target, tl):
    assert [f.code for f in run_check("MRK002", source, target, "en", tl)] == ["MRK002"]


# --- MRK001: elided attributes, layout sizes, XML form lost ---------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ('use alternatives like <a rel="noreferrer" …> for links to third-party sites.',
     'користите алтернативе као што су <a rel="noreferrer" ...> за везе ка сајтовима трећих страна.', "sr"),
    ('use alternatives like <a rel="noreferrer" …> for links.', 'alternatif seperti <a rel="noreferrer" ...> untuk tautan.', "id"),
    ('<img src="a.jpg" width="400">', '<img src="a.jpg" width="500">', "af"),
    ('<img src="a.jpg">', '<img src="a.jpg" height="40">', "ja"),
])
def test_mrk001_catalog_clean(source, target, tl):
    assert run_check("MRK001", source, target, "en", tl) == []


def test_mrk001_real_tag_changes_still_major():
    flags = run_check("MRK001", 'See <a href="https://x.org/en/">notes</a>', 'Voir <a href="https://y.org/">notes</a>', "en", "fr")
    assert [f.severity.label for f in flags] == ["major"]
    flags = run_check("MRK001", "Ensure this value is valid.", "<text_to_translate>Утга зөв байх</text_to_translate>", "en", "mn")
    assert len(flags) == 2 and all(f.severity.label == "major" for f in flags)


@pytest.mark.parametrize("source,target,tl", [
    ("test <br />", "toets <br>", "af"),
    ("Line one<br/>line two", "Строка один<br>строка два", "ru"),
    ("第一行<br />第二行", "第一行<br>第二行", "zh"),
])
def test_mrk001_xml_form_lost_minor(source, target, tl):
    flags = run_check("MRK001", "x " + source, "x " + target, "en", tl)
    assert [f.severity.label for f in flags] == ["minor"]


@pytest.mark.parametrize("source,target,tl", [
    ("test <br>", "toets <br />", "af"),  # HTML form in the source: either is fine
    ("one <br> two <br/> three", "один <br> два <br> три", "ru"),  # the source mixes both forms
    ("test <br />", "toets <br/>", "de"),
])
def test_mrk001_xml_form_clean(source, target, tl):
    assert run_check("MRK001", source, target, "en", tl) == []


# --- KDE context comments: not source text (EMP002) -------------------------------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("_: KDE comment\\n\nI am untranslated", "_: KDE comment\\n\n", "af"),
    ("_: File menu\nOpen", "_: File menu\n", "ru"),
    ("_: 菜单\nOpen", "_: 菜单\n  ", "zh"),
])
def test_kde_comment_only_target_is_empty(source, target, tl):
    assert [f.code for f in run_check("EMP002", source, target, "en", tl)] == ["EMP002"]


@pytest.mark.parametrize("source,target,tl", [
    ("_: KDE comment\\n\nI am translated", "Ek is vertaal", "af"),
    ("_: File menu\nOpen", "_: File menu\nОткрыть", "ru"),
    ("_: note\n", "_: note\n", "de"),  # nothing after the comment: nothing to translate
    ("_: not a KDE comment without a break", "_: not a KDE comment without a break", "fr"),
])
def test_kde_comment_translated_clean(source, target, tl):
    assert run_check("EMP002", source, target, "en", tl) == []


# --- MRK002: a named placeholder repeated fewer or more times is minor -----------------------------

@pytest.mark.parametrize("source,target,tl", [
    ("The {name} “{obj}” was changed. You may add another {name} below.",
     "{name} „{obj}“ wurde geändert und kann unten erneut ergänzt werden.", "de"),
    ("Add %(name)s and then another %(name)s", "Добавить %(name)s", "ru"),
    ("The {name} was added. Add another {name}.", "添加了{name}。", "zh"),
])
def test_mrk002_named_repeat_minor(source, target, tl):
    flags = run_check("MRK002", source, target, "en", tl)
    assert flags and all(f.severity.label == "minor" for f in flags)


@pytest.mark.parametrize("source,target,tl", [
    ("Copy %s to %s", "Копировать %s", "ru"),  # positional: one argument too many at run time
    ("Add {0} and {0}", "Ajouter", "fr"),
    ("The {name} was added", "Le {nom} a été ajouté", "fr"),  # changed, not repeated
    ("%(total_count)s selected", "one: %(total_count)s таңдалды\n\nother: Барлығы %(total_count)s таңдалды", "kk"),
])
def test_mrk002_positional_or_lost_still_major(source, target, tl):
    flags = run_check("MRK002", source, target, "en", tl)
    assert flags and all(f.severity.label == "major" for f in flags)
