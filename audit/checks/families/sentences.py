"""SEN: broken sentences: a new sentence that starts in lower case after a full stop (SEN001), and a
function word capitalised in the middle of a sentence (SEN002), the trace of a bad join."""
from __future__ import annotations

import os
from functools import lru_cache

import regex
import tomllib

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.lexicon import knows, zipf
from audit.lang.placeholders import codes
from audit.lang.profiles import abbreviations_everywhere

# A full stop, optional closing quotes/brackets, spaces, optional opening quotes, a lower-case letter.
# (A closing quote or bracket after the full stop is left alone: a quotation may end inside a
# sentence that goes on in lower case, ``…olacaktır." dedi.``, ``(R-Ariz.) en faveur``.)
_GATE = lazyre.compile(r"\.[ \u00a0\u2009\u202f]+(?:[\"“‘«„‚(\[][ \u00a0\u202f]?)*\p{Ll}")
_WORD_AFTER = lazyre.compile(r"[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*")
_TITLE_NEXT = lazyre.compile(r"[ \u00a0]+\p{Lu}\p{Ll}")

# Abbreviations after which a lower-case word is normal, in any language: the profiles'
# ``lowercase_next`` lists, and the ``no_break`` ones after which the segmenter never ends a
# sentence (single letters and dotted forms (U.S., e.g., z.B.) are handled apart).
_ABBREV = abbreviations_everywhere("lowercase_next") | {
    w.rstrip(".") for w in abbreviations_everywhere("no_break")}
# Lower-case particles that begin names (``de Gaulle``, ``van Gogh``, ``al-Assad``).
_ICU_ABBREV_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "lang", "data",
                                "abbrev_icu.toml")
# A sentence end in the source: terminal punctuation, spaces, optional opening quotes, a capital
# (or, in a script without case, any letter after a CJK or Indic stop).
_SRC_BREAK = lazyre.compile(r"[.!?…][\"”’»)\]]*[ \u00a0]+[\"“‘«„(\[]?[\p{Lu}\p{Lt}]|[。！？।](?=\s*\p{L})")
_TGT_BREAK = lazyre.compile(r"[.!?…][\"”’»)\]]*[ \u00a0]+[\"“‘«„(\[]?[\p{Lu}\p{Lt}]")
SHORT_ABBREV = 4  # letters: a word this short before a dot, in a target with no missing sentence end
RARE_ABBREV = 6  # letters: up to this long when the target language's word list does not know it
_PARTICLES = frozenset("de del della di da dos das du des van von der den ter la le al el bin ibn".split())


def _word_before(text: str, dot: int) -> str:
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:dot].lstrip("\"'“‘«„‚([{¿¡")


@lru_cache(maxsize=1)
def _icu_abbreviations() -> dict[str, frozenset[str]]:
    """ICU's (CLDR's) sentence-break suppressions per language (scripts/build_abbrev.py)."""
    with open(_ICU_ABBREV_FILE, "rb") as fh:
        return {lang: frozenset(words) for lang, words in tomllib.load(fh).items()}


def _caseless_letter(ch: str) -> bool:
    """A lower-case letter that no sentence starts with a capital of: its title case is itself
    (Georgian Mkhedruli, whose capitals, Mtavruli, are for all-caps text only)."""
    return ch.title() == ch


def _extra_stop(word: str, text: str, source: str | None, lang: str | None) -> bool:
    """The dot after ``word`` cannot stand for a sentence end of the source: the target already
    has as many capitalised sentence starts as the source has sentence ends, and the word is
    short enough to be an abbreviation (``asb.``, ``el.``, ``ηλ.``, ``макс.``, ``Мекс.``;
    ``reprez.`` when the word list does not know it). A UI string's abbreviation, not a break."""
    if source is None:
        return False
    letters = sum(1 for c in word if c.isalpha())
    if letters > RARE_ABBREV:
        return False
    if len(_TGT_BREAK.findall(text)) < len(_SRC_BREAK.findall(source)):
        return False  # a sentence end of the source is missing: this dot may be it
    if letters <= SHORT_ABBREV:
        return True
    return knows(lang) and zipf(word.lower(), lang) < 3.0


def _is_abbreviation(word: str, lang: str | None) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return True  # a number: an ordinal (German ``3. mai``, Turkish ``19. yüzyıl``) or a date
    if "." in word or len(letters) == 1:
        return True  # ``U.S``, ``e.g``, ``z.B``, an initial
    if word.isupper() and len(letters) <= 2:
        return True  # ``EE. UU.``, ``S. A.``
    low = word.lower()
    if low in _ABBREV or low in _icu_abbreviations().get((lang or "").split("-")[0], ()):
        return True
    if any(c.isdigit() for c in word):
        return True  # ``3km.``, model numbers
    if word.islower() and len(letters) <= 5 and knows(lang) and zipf(low, lang) < 3.0:
        return True  # a short lower-case non-word before a dot: most likely an abbreviation
    return False


def breaks(text: str, lang: str | None, source: str | None = None,
           placeholder_ends: frozenset[int] = frozenset()) -> list[tuple[int, int, int]]:
    """(start of the word before the dot, dot index, end of the lower-case word) of each
    lower-case sentence start after a full stop that is not explained by an abbreviation,
    an ellipsis, a number or a name particle. With ``source``, a short word before an extra
    dot (no sentence end of the source missing) is an abbreviation too. ``placeholder_ends``: where
    the text's printf and brace placeholders end (a placeholder before the dot is an ordinal)."""
    out = []
    for m in _GATE.finditer(text):
        dot = m.start()
        if dot == 0 or text[dot - 1] in ".…" or text[dot + 1:dot + 2] == ".":
            continue  # an ellipsis
        if dot in placeholder_ends:
            continue  # a placeholder before the dot: a number's ordinal (Basque, German ``%(n)d. lerroa``)
        before = _word_before(text, dot)
        if not before or _is_abbreviation(before, lang):
            continue
        w = _WORD_AFTER.match(text, m.end() - 1)
        if not w:
            continue
        word = w.group()
        if _caseless_letter(word[0]):
            continue  # Georgian: no capitals to start a sentence with
        if _extra_stop(before, text, source, lang):
            continue
        if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
            continue  # iPhone, eBay, pH
        if word.lower() in _PARTICLES and _TITLE_NEXT.match(text, w.end()):
            continue  # ``de Gaulle``, ``van Gogh``
        if "-" in word and len(word.split("-")[0]) == 1:
            continue  # ``e-mail``, ``x-ray``
        if text[w.end():w.end() + 1] in (".", "/", "@", "_", ":") and text[w.end() + 1:w.end() + 2].isalnum():
            continue  # a domain, a path, an address or code: ``www.example.com``, ``npm:install``
        out.append((dot - len(before), dot, w.end()))
    return out


SHORT_MIRRORED = 6  # letters of a word before the dot that mirrors an abbreviation of the source (``ekskl.``)


@check("SEN001", "lowercase-after-full-stop", "fluency/grammar", "major")
def lowercase_after_stop(pair, ctx):
    """A new sentence of the target starts with a lower-case letter right after a full stop: a
    sentence broken in two, typically by machine translation or a bad join. Example: ``… freed on
    Wednesday. kidnapped on Tuesday …``. Not flagged: abbreviations (``U.S.``, ``e.g.``, ``etc.``,
    ``approx.``, ``Dr.``, ``p. 12``, ``z. B.``, ``тыс.``, ICU's (CLDR's) sentence-break suppressions
    for de en es fr it pt ru, short non-words before the dot), short words (four letters, six when
    the word list does not know them) before a dot that cannot be a sentence end of the source
    (the target already starts as many sentences with a capital as the source has: ``asb.``,
    ``el. paštu``, ``ηλ.``, ``Мекс. исп``), initials
    (``S. Rajaratnam``), ellipses, ordinals and numbers before the dot (``19. yüzyıl``), words with
    inner capitals (``iPhone``), name particles (``de Gaulle``), text after ``?`` and ``!`` (Spanish
    and French continue in lower case after them), scripts without case (Georgian too), a
    placeholder before the dot (an ordinal: ``%(n)d. lerroa``), any target whose source has as many
    lower-case starts after a full stop, and short words (six letters or fewer) before the dot when
    the source has as many dots before a lower-case word (``(excl. tax)`` -> ``(ekskl. moms)``).
    The span runs from the word before the full stop to the lower-case word."""
    text = pair.target
    if not text or not _GATE.search(text):
        return ()
    ends = frozenset(c.end for c in ctx.tgt.memo(codes) if c.kind in ("printf", "placeholder"))
    found = breaks(text, ctx.tgt.lang, pair.source, ends)
    if not found:
        return ()
    src = pair.source
    if src and _GATE.search(src) and len(breaks(src, ctx.src.lang)) >= len(found):
        return ()
    if src:  # short words before the dot, as many as the source's own dots before lower case: abbreviations
        raw = sum(1 for m in _GATE.finditer(src) if m.start() and src[m.start() - 1] not in ".…")
        short = [f for f in found if sum(c.isalpha() for c in text[f[0]:f[1]]) <= SHORT_MIRRORED]
        if short and raw >= len(short):
            found = [f for f in found if f not in short]
            if not found:
                return ()
    return [hit(f"sentence starts in lower case after a full stop: '{text[d + 1:e].strip()}'",
                target=(s, e)) for s, d, e in found]


# Function words (articles, prepositions, conjunctions) that are never capitalised inside a
# sentence except in titles and names. Lower case; one- letter words are left out (``I``, ``A``
# as a grade, Russian ``В`` as an initial). ``ARTICLES`` are the ones that begin names
# (The Hague, Los Angeles, Le Monde, Die Zeit, De Gaulle): skipped before a capitalised word.
FUNCTION_WORDS = {
    "en": "and or but nor of in on at to for from with by into onto upon about over under after "
          "before between through during without against than via per the an",
    "es": "y o pero ni de del en con por para sin sobre entre hacia hasta desde durante según "
          "el la los las un una unos unas al",
    "pt": "e ou mas nem de do da dos das em no na nos nas com por pelo pela para sem sobre entre "
          "até desde durante segundo o os as um uma ao aos",
    "fr": "et ou mais ni de du des en dans avec par pour sans sur sous entre vers chez depuis "
          "pendant selon le la les un une au aux",
    "it": "e o ma né di del della dei delle degli in nel nella con per tra fra su sul sulla da "
          "dal dalla senza verso durante secondo il lo la gli le un una uno al alla",
    "de": "und oder aber sondern von mit für auf bei nach zu zum zur im am um über unter vor "
          "gegen ohne durch während seit laut der die das den dem des ein eine einen einem einer",
    "nl": "en of maar van met voor op bij naar tot in aan uit over onder tegen zonder door "
          "tijdens sinds de het een",
    "pl": "oraz lub albo ale lecz na do od ze we dla przez bez pod nad przed po przy między "
          "według podczas",
    "ru": "и или но а на в во из от до для по при без над под перед через между из-за после "
          "около вокруг согласно",
    "uk": "і й та або але на в у із з від до для по при без над під перед через між після "
          "біля навколо згідно",
    "tr": "ve veya ile ama fakat ancak için gibi kadar göre rağmen sonra önce",
    "vi": "và hoặc nhưng của với cho trong",
    "ca": "i o però de del en amb per sense sobre entre cap fins des durant segons el la els les "
          "un una al",
    "ro": "și sau dar de din în cu pentru fără pe la despre între după până",
    "cs": "a nebo ale na do od pro bez pod nad před po při mezi podle během",
    "sv": "och eller men av på i till för från med utan om under efter mellan genom",
    "da": "og eller men af på i til for fra med uden om under efter mellem gennem",
    "nb": "og eller men av på i til for fra med uten om under etter mellom gjennom",
    "id": "dan atau tetapi dari di ke untuk dengan tanpa pada oleh dalam",
}
ARTICLES = frozenset(
    "the an el la los las un una unos unas o os as um uma le les une il lo gli der die das den dem "
    "des ein eine einen einem einer de het een del della da du"
    # name particles, capitalised in some names and positions: Van Gogh, Di Maio, Dos Santos, Von Trier
    " van von ter ten di do dos das al el bin ibn".split()
)
_RX: dict[str, regex.Pattern | None] = {}


def _rx(lang: str | None) -> "regex.Pattern | None":
    if lang == "no":
        lang = "nb"
    try:
        return _RX[lang]
    except KeyError:
        pass
    words = FUNCTION_WORDS.get(lang or "")
    rx = None
    if words:
        alts = sorted({w[0].upper() + w[1:] for w in words.split() if len(w) >= 2}, key=len, reverse=True)
        # mid-sentence: after a letter, digit, comma or semicolon and spaces on the same line
        rx = regex.compile(r"(?<=[\p{L}\p{M}\p{N},;][ \u00a0]{1,3})(?:" + "|".join(map(regex.escape, alts))
                           + r")(?=[ \u00a0])")
    _RX[lang] = rx
    return rx


_ANY_WORD = lazyre.compile(r"[\p{L}\p{M}]{2,}")
_NEXT_WORDS = lazyre.compile(r"[ \u00a0]+([\p{L}\p{M}'’\-]+)(?:[ \u00a0]+([\p{L}\p{M}'’\-]+))?")


def _headline(text: str) -> bool:
    """Mostly Title Case: a heading or a title, where capitals are the style."""
    words = _ANY_WORD.findall(text)
    lower = sum(1 for w in words if w[0].islower())
    return lower <= 1 or lower * 4 <= len(words)


def _inside_quotes(text: str, pos: int) -> bool:
    """True when ``pos`` is inside an open quotation (straight, curly, guillemets, German „“)."""
    before = text[:pos]
    if before.count('"') % 2 == 1:
        return True
    pairs = [("„", "“"), ("«", "»"), ("‘", "’"), ("「", "」")] if "„" in before else \
        [("“", "”"), ("«", "»"), ("‘", "’"), ("「", "」")]
    for o, c in pairs:
        if before.count(o) > before.count(c):
            return True
    return False


def stray_capitals(text: str, lang: str | None) -> list[tuple[int, int]]:
    rx = _rx(lang)
    if rx is None:
        return []
    out = []
    for m in rx.finditer(text):
        word = m.group()
        nxt = _NEXT_WORDS.match(text, m.end())
        if nxt is None:
            continue  # end of the segment: a list or a title fragment
        w1, w2 = nxt.group(1), nxt.group(2) or ""
        if word.lower() in ARTICLES and (w1[:1].isupper() or w2[:1].isupper()):
            continue  # a name or a title starting with an article: The Hague, Le Monde, De la Hoya
        if w1.isupper() and len(w1) >= 2:
            continue  # before an acronym or capitals
        out.append((m.start(), m.end()))
    return out


@check("SEN002", "stray-capital", "fluency/grammar", "minor", languages=tuple(FUNCTION_WORDS) + ("no",))
def stray_capital(pair, ctx):
    """A function word (article, preposition, conjunction) capitalised in the middle of a sentence
    of the target (``the Belt and Road From Beijing to …``): usually the trace of a sentence start
    glued to the previous sentence, or of a bad join. Languages: en es pt fr it de nl pl ru uk tr vi
    ca ro cs sv da nb id. Not flagged: segments mostly in Title Case (headings), words inside
    quotation marks, words after ``:`` or at the start of a line, articles that begin a name
    (``The Hague``, ``Le Monde``, ``Die Zeit``, ``De la Hoya``) and name particles before a name
    (``Van Gogh``, ``Von Trier``), words before an acronym, one-letter
    words, German nouns (only function words are looked at), and targets whose source shows the
    same word capitalised or has capitalised function words mid-sentence itself (a title)."""
    text = pair.target
    if not text:
        return ()
    found = stray_capitals(text, ctx.tgt.lang)
    if not found:
        return ()
    if _headline(text):
        return ()
    src = pair.source or ""
    if ctx.src.lang != ctx.tgt.lang and stray_capitals(src, ctx.src.lang):
        return ()
    out = []
    for s, e in found:
        word = text[s:e]
        if regex.search(r"(?<![\p{L}\p{M}])" + regex.escape(word) + r"(?![\p{L}\p{M}])", src):
            continue
        if _inside_quotes(text, s):
            continue
        out.append(hit(f"'{word}' is capitalised in the middle of a sentence", target=(s, e)))
    return out
