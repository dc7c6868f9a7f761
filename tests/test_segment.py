"""Sentence segmentation: exact offsets across languages, abbreviations, quotes, paragraphs."""
import pytest

from audit.lang.segment import paragraph_spans, sentence_spans


def sents(text, lang):
    spans = sentence_spans(text, lang)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Dr. med. Anna Müller sprach z. B. über Kliniken. Dr. rer. nat. Weber antwortete.",
     ["Dr. med. Anna Müller sprach z. B. über Kliniken.", "Dr. rer. nat. Weber antwortete."]),
    ("en", "Dr. Lee met S. Rajaratnam in the U.S. Senate on Monday. The talks lasted 3.5 hours.",
     ["Dr. Lee met S. Rajaratnam in the U.S. Senate on Monday.", "The talks lasted 3.5 hours."]),
    ("en", "We moved to the U.S. The weather was better.",
     ["We moved to the U.S.", "The weather was better."]),
    ("en", '"Are you sure?" she asked. He nodded. (It was late.) Then they left.',
     ['"Are you sure?" she asked.', "He nodded.", "(It was late.)", "Then they left."]),
    ("en", "They sold apples, pears, etc. The market closed at 5 p.m. on Friday.",
     ["They sold apples, pears, etc.", "The market closed at 5 p.m. on Friday."]),
    ("es", "¿Vienes mañana? No lo sé. ¡Claro que sí! La Sra. Gómez pagó 21,7 euros.",
     ["¿Vienes mañana?", "No lo sé.", "¡Claro que sí!", "La Sra. Gómez pagó 21,7 euros."]),
    ("de", "Am 3. Mai kam er, z. B. mit dem Zug. Das Haus kostet 1.250.000 Euro. Gut.",
     ["Am 3. Mai kam er, z. B. mit dem Zug.", "Das Haus kostet 1.250.000 Euro.", "Gut."]),
    ("fr", "« Tu viens ? » demanda-t-il. M. Durand arrive. « Oui ! » Elle sourit.",
     ["« Tu viens ? » demanda-t-il.", "M. Durand arrive.", "« Oui ! »", "Elle sourit."]),
    ("ru", "Он родился в 1990 г. в Москве. Это было т. е. давно. Конец!",
     ["Он родился в 1990 г. в Москве.", "Это было т. е. давно.", "Конец!"]),
    ("zh", "今天下雨了。我们去哪儿？「走吧。」他说。好！",
     ["今天下雨了。", "我们去哪儿？", "「走吧。」他说。", "好！"]),
    ("ja", "「行きます。」と彼は言った。明日は晴れるでしょう。本当？",
     ["「行きます。」と彼は言った。", "明日は晴れるでしょう。", "本当？"]),
    ("ar", "هل وصلت الرسالة؟ نعم، وصلت أمس. شكرا لك.",
     ["هل وصلت الرسالة؟", "نعم، وصلت أمس.", "شكرا لك."]),
    ("hi", "मैं कल दिल्ली गया। वहाँ बहुत गर्मी थी। क्या तुम आओगे?",
     ["मैं कल दिल्ली गया।", "वहाँ बहुत गर्मी थी।", "क्या तुम आओगे?"]),
    ("ur", "یہ پہلا جملہ ہے۔ یہ دوسرا ہے؟ ہاں۔",
     ["یہ پہلا جملہ ہے۔", "یہ دوسرا ہے؟", "ہاں۔"]),
])
def test_sentences(lang, text, expected):
    assert sents(text, lang) == expected


def test_headings_and_paragraphs_are_boundaries():
    text = "Results\n\nThe survey covered 300 homes\nMethods\nWe asked twice.\n\n  Closing words  "
    assert sents(text, "en") == ["Results", "The survey covered 300 homes", "Methods", "We asked twice.",
                                 "Closing words"]
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Results", "The survey covered 300 homes\nMethods\nWe asked twice.", "Closing words"]


def test_hard_wrapped_prose_joins_lines():
    text = ("The committee met on Tuesday and decided that the new rules would\n"
            "apply from next year, after a long debate about the costs of the\n"
            "change. Nobody objected.")
    out = sents(text, "en")
    assert out == [text[:text.index("change.") + 7], "Nobody objected."]


def test_offsets_are_exact_with_surrounding_space():
    text = "  First one.   Second one!\n\n\tThird?  "
    spans = sentence_spans(text, "en")
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third?"]
    assert spans[0] == (2, 12)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty(text):
    assert sentence_spans(text, "en") == []


def test_no_split_before_lowercase_or_inside_numbers():
    assert sents("It rose 2.5 percent. approx. ten more... and then stopped.", "en") == [
        "It rose 2.5 percent. approx. ten more... and then stopped."]


def test_strip_span_narrows_to_the_text():
    from audit.core.text import strip_span

    text = "  Hola\u3000mundo \n"
    s, e = strip_span(text)
    assert text[s:e] == "Hola\u3000mundo"
    assert strip_span(text, 7) == (7, 12) and text[7:12] == "mundo"
    assert strip_span(" \t\n") == (3, 3)
