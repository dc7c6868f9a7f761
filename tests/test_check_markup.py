"""MRK001 tags, MRK002 placeholders, MRK003 URLs and e-mails: flagged and clean cases, exact spans."""
import pytest
from helpers import run_check

from audit.lang.placeholders import code_mask, scan


def span_texts(flags, source, target):
    """[(side, text), ...] of every span of every flag, in order."""
    return [[(sp.side, (source if sp.side == "source" else target)[sp.start:sp.end]) for sp in f.spans]
            for f in flags]


# ------------------------------------------------------------------------------------ the scanner

def test_scanner_kinds_and_offsets():
    text = 'Pulse <b>aquí</b> %1$s {name} {{ user }} ${HOME} o https://ejemplo.es/a. Correo: ana@ejemplo.es'
    found = scan(text)
    assert [(c.kind, text[c.start:c.end]) for c in found] == [
        ("tag", "<b>"), ("tag", "</b>"), ("printf", "%1$s"), ("placeholder", "{name}"),
        ("placeholder", "{{ user }}"), ("placeholder", "${HOME}"), ("url", "https://ejemplo.es/a"),
        ("email", "ana@ejemplo.es"),
    ]
    masked = code_mask(text, found)
    assert len(masked) == len(text) and "<b>" not in masked and "aquí" in masked


@pytest.mark.parametrize("prose", [
    "50 % des gens", "50% of people", "Fiyatlar %50 arttı", "eine 5%ige Steigerung",
    "it costs $5", "a < b and c > d", "I <3 it", "{see the note}", "100%% sure",
    "Preis: 5 $", "US$20", "Satz 1 {siehe unten}",
])
def test_scanner_ignores_prose(prose):
    assert [c for c in scan(prose) if c.kind != "pct"] == []


def test_scanner_url_trailing_punctuation_and_cjk():
    t = "请访问www.example.com的网站，或https://example.org/x。"
    assert [t[c.start:c.end] for c in scan(t)] == ["www.example.com", "https://example.org/x"]
    t = "See https://en.wikipedia.org/wiki/Mercury_(planet)."
    assert [t[c.start:c.end] for c in scan(t)] == ["https://en.wikipedia.org/wiki/Mercury_(planet)"]
    t = "メールはinfo@example.jpへ送ってください"
    assert [t[c.start:c.end] for c in scan(t)] == ["info@example.jp"]


# ------------------------------------------------------------------------------------------ tags

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("Click <b>here</b> to continue.", "Haga clic aquí</b> para continuar.", "en", "es",
     [[("source", "<b>")]]),
    ("Нажмите <i>здесь</i>.", "Click <i>here</i><br/>.", "ru", "en", [[("target", "<br/>")]]),
    ("<g id=\"1\">保存</g>文件<x id=\"2\"/>", "<g id=\"1\">Save</g> the file", "zh", "en",
     [[("source", "<x id=\"2\"/>")]]),
    ("Read <a href=\"/en/doc\">the guide</a>.", "Lesen Sie <a href=\"/de/doc\">die Anleitung</a>.", "en", "de",
     [[("target", "<a href=\"/de/doc\">"), ("source", "<a href=\"/en/doc\">")]]),
    ("Press <pc id=\"1\">OK</pc>.", "Appuyez sur <ph id=\"1\"/>OK.", "en", "fr",
     [[("source", "<pc id=\"1\">")], [("source", "</pc>")], [("target", "<ph id=\"1\"/>")]]),
])
def test_tags_flagged(src, tgt, sl, tl, expected):
    flags = run_check("MRK001", src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected


def test_tag_lost_is_major_br_is_minor():
    f = run_check("MRK001", "a <b>b</b>", "a b</b>", "en", "fr")
    assert [x.severity.label for x in f] == ["major"]
    f = run_check("MRK001", "Line one<br>line two", "Ligne un ligne deux", "en", "fr")
    assert [x.severity.label for x in f] == ["minor"]


@pytest.mark.parametrize("src,tgt,sl,tl,bad", [
    ("Click <b>here</b> now.", "Cliquez </b>ici<b> maintenant.", "en", "fr", "</b>"),
    ("<b><i>Nota</i></b>", "<b><i>Note</b></i>", "es", "en", "</b>"),
    ("<b>重要</b>", "<b>Wichtig<b>", "zh", "de", None),  # a closing tag turned into an opening one
])
def test_tags_misnested(src, tgt, sl, tl, bad):
    flags = run_check("MRK001", src, tgt, sl, tl)
    assert flags
    if bad is not None:
        assert span_texts(flags, src, tgt) == [[("target", bad)]]


@pytest.mark.parametrize("src,tgt,sl,tl", [
    # reordered tags are how translation works
    ("<b>Red</b> and <i>blue</i>", "<i>Azul</i> y <b>rojo</b>", "en", "es"),
    # translatable attributes may differ; attribute order and quotes do not matter
    ('<img src="a.png" alt="A cat"/>', "<img alt='Un chat' src='a.png'/>", "en", "fr"),
    ('<a href="/x" title="Open">Open</a>', '<a title="Открыть" href="/x">Открыть</a>', "en", "ru"),
    ("Line<br>break", "Zeilen<br/>umbruch", "en", "de"),
    ("<g id=\"1\">文件</g>已保存", "<g id=\"1\">ファイル</g>を保存しました", "zh", "ja"),
    ("if a < b and c > d", "si a < b y c > d", "en", "es"),
    ("No tags here.", "Aucune balise ici.", "en", "fr"),
])
def test_tags_clean(src, tgt, sl, tl):
    assert run_check("MRK001", src, tgt, sl, tl) == []


# ---------------------------------------------------------------------------------- placeholders

@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    ("Deleted %d files", "Se eliminaron archivos", "en", "es", [[("source", "%d")]]),
    ("Hello {name}!", "Bonjour {nom} !", "en", "fr",
     [[("target", "{nom}"), ("source", "{name}")]]),
    ("Осталось %s минут", "%s Minuten übrig, %d", "ru", "de", [[("target", "%d")]]),
    ("欢迎 {{ user }}", "Welcome {{ usr }}", "zh", "en",
     [[("target", "{{ usr }}"), ("source", "{{ user }}")]]),
    ("Path: ${HOME}/bin", "Ruta: /bin", "en", "es", [[("source", "${HOME}")]]),
    ("Saved %s files in %d seconds", "%d秒で%sファイルを保存しました", "en", "ja",
     [[("target", "%d"), ("source", "%s")]]),
])
def test_placeholders_flagged(src, tgt, sl, tl, expected):
    flags = run_check("MRK002", src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected
    assert all(f.severity.label == "major" for f in flags)


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("%1$s sent %2$s", "%2$s wurde von %1$s gesendet", "en", "de"),  # positional reordering is legal
    ("Saved %s files in %d s", "%2$d 秒内保存了 %1$s 个文件", "en", "zh"),  # numbered rewrite
    ("{count} of {total}", "{total}中 {count}", "en", "ja"),
    ("50% done, 100%% sure", "50 % terminé, 100%% sûr", "en", "fr"),
    ("Prices rose 50%", "Fiyatlar %50 arttı", "en", "tr"),
    ("It costs $5", "Cuesta 5 $", "en", "es"),
    ("{see the note} %(user)s", "{voir la note} %(user)s", "en", "fr"),
    ("Выполнено на 50%.", "Done: 50%.", "ru", "en"),
])
def test_placeholders_clean(src, tgt, sl, tl):
    assert run_check("MRK002", src, tgt, sl, tl) == []


# ------------------------------------------------------------------------------ URLs and e-mails

@pytest.mark.parametrize("src,tgt,sl,tl,expected,severities", [
    ("See https://example.com/help.", "Voir l’aide.", "en", "fr",
     [[("source", "https://example.com/help")]], ["major"]),
    ("Write to help@example.com.", "Schreiben Sie an hilfe@beispiel.de.", "en", "de",
     [[("target", "hilfe@beispiel.de"), ("source", "help@example.com")]], ["major"]),
    ("Docs: https://example.com/en/docs", "Документация: https://example.com/ru/docs", "en", "ru",
     [[("target", "https://example.com/ru/docs"), ("source", "https://example.com/en/docs")]], ["minor"]),
    ("详见网站。", "See www.example.cn for details.", "zh", "en", [[("target", "www.example.cn")]], ["minor"]),
])
def test_links_flagged(src, tgt, sl, tl, expected, severities):
    flags = run_check("MRK003", src, tgt, sl, tl)
    assert span_texts(flags, src, tgt) == expected
    assert [f.severity.label for f in flags] == severities


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Visit https://www.example.com/.", "Visitez http://example.com.", "en", "fr"),
    ("Mail jo@example.org, or call.", "发邮件给jo@example.org，或者打电话。", "en", "zh"),
    ("Mehr unter www.example.de.", "More at https://example.de", "de", "en"),
    ("See https://en.wikipedia.org/wiki/Rome_(city).", "Véase https://en.wikipedia.org/wiki/Rome_(city).", "en", "es"),
])
def test_links_clean(src, tgt, sl, tl):
    assert run_check("MRK003", src, tgt, sl, tl) == []


@pytest.mark.parametrize("src,tgt,sl,tl,expected", [
    # the readers' XLIFF placeholders: paired codes and XLIFF 2 start/end codes
    ('<bpt id="5"/>Bold<ept id="5"/> text', 'Texto <bpt id="5"/>negrita', "en", "es", [[("source", '<ept id="5"/>')]]),
    ('<sc id="3"/>Жирный<ec startRef="3"/>', '<sc id="3"/>Bold<ec startRef="4"/>', "ru", "en",
     [[("target", '<ec startRef="4"/>'), ("source", '<ec startRef="3"/>')]]),
])
def test_xliff_codes_flagged(src, tgt, sl, tl, expected):
    assert span_texts(run_check("MRK001", src, tgt, sl, tl), src, tgt) == expected


def test_xliff_codes_reordered_clean():
    src = '<x id="1"/>保存<x id="2"/>文件<it id="6" pos="open"/>'
    tgt = 'Save <x id="2"/>the file<x id="1"/> <it id="6" pos="open"/>'
    assert run_check("MRK001", src, tgt, "zh", "en") == []


@pytest.mark.parametrize("src,tgt,sl,tl", [
    ("Reading took %.3fs, over the limit of %.3fs", "读取用了 %.3f 秒，超过了 %.3f 秒的限制", "en", "zh"),
    ("Reading took %.3fs, over the limit of %.3fs", "Das Lesen dauerte %.3f s, über der Grenze von %.3f s", "en", "de"),
    ("Reading took %.2fs in all", "Чтение заняло %.2f с", "en", "ru"),
])
def test_a_precise_conversion_followed_by_a_unit_is_a_placeholder(src, tgt, sl, tl):
    assert [c.text for c in scan(src)] == [c.text for c in scan(tgt)]
    assert run_check("MRK002", src, tgt, sl, tl) == []


def test_a_precise_conversion_lost_before_a_unit_is_flagged():
    src, tgt = "Reading took %.3fs in all", "Das Lesen dauerte lange"
    flags = run_check("MRK002", src, tgt, "en", "de")
    assert flags and src[flags[0].spans[0].start:flags[0].spans[0].end] == "%.3f"
