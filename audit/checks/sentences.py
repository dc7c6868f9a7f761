"""SEN: broken sentences: a new sentence that starts in lower case after a full stop."""
from __future__ import annotations

import regex

from ..lexicon import knows, zipf
from ..model import hit
from ..registry import check

# A full stop, optional closing quotes/brackets, spaces, optional opening quotes, a lower-case letter.
# (A closing quote or bracket after the full stop is left alone: a quotation may end inside a
# sentence that goes on in lower case, ``…olacaktır." dedi.``, ``(R-Ariz.) en faveur``.)
_GATE = regex.compile(r"\.[ \u00a0\u2009\u202f]+(?:[\"“‘«„‚(\[][ \u00a0\u202f]?)*\p{Ll}")
_WORD_AFTER = regex.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
_TITLE_NEXT = regex.compile(r"[ \u00a0]+\p{Lu}\p{Ll}")

# Abbreviations after which a lower-case word is normal, in the main languages (lower case,
# without the final dot); single letters and dotted forms (U.S., e.g., z.B.) are handled apart.
_ABBREV = frozenset("""
mr mrs ms dr prof sr sra srta jr st mt no nr nos vol vols fig figs p pp ed eds etc vs approx
dept est inc ltd co corp gen gov col lt sgt capt cmdr adm rev hon jan feb mar apr jun jul aug sep sept
oct nov dec ca cf al ibid op cit art arts av avda dña ud uds mme mlle mm cie éd ex sgg
approx appr incl excl esp resp viz abbr adj adv pl sing min max avg est ref refs sec secs hr hrs
yr yrs mo mos wk wks tel ext dept univ assn bros bldg ave blvd rd sq ft mi oz lb lbs pt qt gal
ft kg km cm mm ml sen rep gov pres supt fwd misc orig
aprox pág págs núm tel etc ej ver cap caps art dcha izq cía vol ss sigs aa
env cf vs av apr jc sq spéc
bzw ca usw vgl ggf evtl inkl exkl sog zzgl abs abschn bd jh jhd mio mrd tsd nr str tel uhr
ecc ca pag pagg cfr sig sigg dott dott.ssa avv ing geom rag arch prof.ssa
aprox pág núm ex vol cf sr sra dr dra
np ds ww tzw tj ok ul godz wg mln mld tys zł proc ok r pkt św dz nr al
vb örn yy sf bkz çev haz yrd doç
г гг в вв ул пер д стр см им св ок млн млрд тыс руб долл коп др пр т п рис табл гл изд
р ст вул м тис грн дол
""".split())
# Lower-case particles that begin names (``de Gaulle``, ``van Gogh``, ``al-Assad``).
_PARTICLES = frozenset("de del della di da dos das du des van von der den ter la le al el bin ibn".split())


def _word_before(text: str, dot: int) -> str:
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:dot].lstrip("\"'“‘«„‚([{¿¡")


def _is_abbreviation(word: str, lang: str | None) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return True  # a number: an ordinal (German ``3. mai``, Turkish ``19. yüzyıl``) or a date
    if "." in word or len(letters) == 1:
        return True  # ``U.S``, ``e.g``, ``z.B``, an initial
    if word.isupper() and len(letters) <= 2:
        return True  # ``EE. UU.``, ``S. A.``
    low = word.lower()
    if low in _ABBREV:
        return True
    if any(c.isdigit() for c in word):
        return True  # ``3km.``, model numbers
    if word.islower() and len(letters) <= 5 and knows(lang) and zipf(low, lang) < 3.0:
        return True  # a short lower-case non-word before a dot: most likely an abbreviation
    return False


def breaks(text: str, lang: str | None) -> list[tuple[int, int, int]]:
    """(start of the word before the dot, dot index, end of the lower-case word) of each
    lower-case sentence start after a full stop that is not explained by an abbreviation,
    an ellipsis, a number or a name particle."""
    out = []
    for m in _GATE.finditer(text):
        dot = m.start()
        if dot == 0 or text[dot - 1] in ".…" or text[dot + 1:dot + 2] == ".":
            continue  # an ellipsis
        before = _word_before(text, dot)
        if not before or _is_abbreviation(before, lang):
            continue
        w = _WORD_AFTER.match(text, m.end() - 1)
        if not w:
            continue
        word = w.group()
        if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
            continue  # iPhone, eBay, pH
        if word.lower() in _PARTICLES and _TITLE_NEXT.match(text, w.end()):
            continue  # ``de Gaulle``, ``van Gogh``
        if "-" in word and len(word.split("-")[0]) == 1:
            continue  # ``e-mail``, ``x-ray``
        out.append((dot - len(before), dot, w.end()))
    return out


@check("SEN001", "lowercase-after-full-stop", "fluency/grammar", "major")
def lowercase_after_stop(pair, ctx):
    """A sentence of the target starts with a lower-case letter right after a full stop
    (``… on Wednesday. kidnapped on Tuesday …``): a sentence broken in two, typically by machine
    translation or a bad join. Not flagged: abbreviations (``U.S.``, ``e.g.``, ``etc.``,
    ``approx.``, ``Dr.``, ``p. 12``, ``z. B.``, ``тыс.``, short non-words before the dot), initials
    (``S. Rajaratnam``), ellipses, ordinals and numbers before the dot (``19. yüzyıl``), words with
    inner capitals (``iPhone``), name particles (``de Gaulle``), text after ``?`` and ``!`` (Spanish
    and French continue in lower case after them), scripts without case, and any target whose
    source has as many lower-case starts after a full stop. The span runs from the word before the
    full stop to the lower-case word."""
    text = pair.target
    if not text or not _GATE.search(text):
        return ()
    found = breaks(text, ctx.tgt.lang)
    if not found:
        return ()
    src = pair.source
    if src and _GATE.search(src) and len(breaks(src, ctx.src.lang)) >= len(found):
        return ()
    return [hit(f"sentence starts in lower case after a full stop: '{text[d + 1:e].strip()}'",
                target=(s, e)) for s, d, e in found]
