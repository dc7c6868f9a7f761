"""ENT004/ENT005 severity by evidence class (names2): a name replaced or removed is major only where
the evidence held on NTREX's dev half (see entity_names._replaced_major / _removed_major); translated
names made of common words (Snow White, Academy Awards, Sky Blues) stay minor at most."""
import pytest
from helpers import run_check

from audit.lang.names import travels


def sev(flags):
    return [f.severity.name for f in flags]


def test_travels_tells_names_from_capitalised_words():
    assert travels("pelosi", "es") and travels("sanchez", "en") and travels("jones", "en")
    assert not travels("snow", "en") and not travels("awards", "en") and not travels("office", "en")


@pytest.mark.parametrize("source,target,sl,tl,new", [
    # Latin on both sides, a Polish target that inflects names (both names travel), a caseless target
    ("The report was presented by Marta Jakubowski at the meeting in Geneva.",
     "El informe fue presentado por Nancy Pelosi en la reunión de Ginebra.", "en", "es", "Nancy Pelosi"),
    ("On Friday the president met Boris Johnson in London to talk about trade.",
     "W piątek prezydent spotkał się z Nancy Pelosi w Londynie, aby rozmawiać o handlu.", "en", "pl", "Nancy Pelosi"),
    ("On Friday the president met Boris Johnson in London to talk about trade.",
     "周五总统在伦敦会见了 Nancy Pelosi，讨论贸易。", "en", "zh", "Nancy Pelosi"),
])
def test_replaced_name_is_major(source, target, sl, tl, new):
    flags = run_check("ENT004", source, target, sl, tl)
    assert sev(flags) == ["MAJOR"]
    sp = flags[0].spans[0]
    assert target[sp.start:sp.end] == new


@pytest.mark.parametrize("source,target,sl,tl", [
    # translated names of common words: the evidence classes that stay minor
    ('Somebody called it "Snow White and the Seven Dwarfs."', "Alguien lo llamó Blancanieves y los siete enanitos.",
     "en", "es"),
    ("That is an audience similar to that of the Academy Awards.", "C'est une audience semblable à celle des Oscars.",
     "en", "fr"),
    ("But it was Sterling who gave the Sky Blues the initial advantage.",
     "Но именно Стерлинг дал «Небесно-голубым» первоначальное преимущество.", "en", "ru"),
    # transliterated: no flag at all
    ("周五总统在伦敦会见了约翰逊，讨论贸易。", "On Friday the president met Johnson in London to discuss trade.", "zh", "en"),
])
def test_translated_names_are_not_major(source, target, sl, tl):
    assert "MAJOR" not in sev(run_check("ENT004", source, target, sl, tl))


@pytest.mark.parametrize("source,target,sl,tl,name", [
    ("周五总统在伦敦会见了 Boris Johnson，讨论贸易。", "On Friday the president met in London to discuss trade.",
     "zh", "en", "Boris Johnson"),
    ("周五，阿瑟顿在伦敦讲话。Atherton 说，他会回来。", "On Friday he spoke in London. He said he would come back.",
     "zh", "en", "Atherton"),
    ("The mayor of Lyon, Grégory Doucet, said the works were over.",
     "Le maire de Lyon a dit que les travaux étaient terminés.", "en", "fr", "Grégory Doucet"),
    ("Yesterday the mayor of Lyon, Grégory Doucet, opened the bridge.", "Wczoraj burmistrz Lyonu otworzył most.",
     "en", "pl", "Grégory Doucet"),
    ("The mayor of Lyon, Grégory Doucet, said the works were over.", "Мэр Лиона сказал, что работы закончены.",
     "en", "ru", "Grégory Doucet"),
])
def test_removed_name_is_major(source, target, sl, tl, name):
    flags = run_check("ENT005", source, target, sl, tl)
    assert sev(flags) == ["MAJOR"]
    sp = flags[0].spans[0]
    assert source[sp.start:sp.end] == name


@pytest.mark.parametrize("source,target,sl,tl", [
    # kept: copied in Latin letters, or transliterated into a cased script
    ("周五总统在伦敦会见了 Boris Johnson，讨论贸易。", "On Friday the president met Boris Johnson in London.", "zh", "en"),
    ("The mayor of Lyon, Grégory Doucet, said the works were over.",
     "Мэр Лиона Грегори Дусе сказал, что работы закончены.", "en", "ru"),
    # a caseless target transliterates names: never a major removal there
    ("On Friday the mayor of Lyon, Grégory Doucet, met with Boris Johnson to talk about the new bridge.",
     "周五，里昂市长会见了 Boris Johnson，讨论新桥。", "en", "zh"),
    # a phrase of common words (no name evidence) dropped between Latin languages
    ("Other areas of the Desert Southwest got rain.", "Otras zonas del suroeste recibieron lluvia.", "en", "es"),
])
def test_removed_name_not_major(source, target, sl, tl):
    assert "MAJOR" not in sev(run_check("ENT005", source, target, sl, tl))
