"""CAS: letter case: a target that starts in lower case where the source starts with a capital
(CAS001), and a function word capitalised in the middle of a sentence (CAS002)."""
from __future__ import annotations

import regex

from ..model import hit
from ..registry import check
from ..text import CASELESS_SCRIPTS

_LEAD = regex.compile(r"[\s\"'“”‘’«»„‚‹›()\[\]{}¿¡*•·‣◦\-–—_#>|]*")
_FIRST_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*")
_TERMINAL = regex.compile(r"[.!?。！？।؟…][\"'”’»)\]]*\s*$")
_PARTICLES = frozenset("de del della di da dos das du des van von der den ter la le al el bin ibn d l".split())


def _first_letter(text: str) -> int | None:
    """Index of the first letter after leading spaces, quotes, brackets and bullets, or None
    when the text starts with something else (a digit, a symbol, an ellipsis)."""
    m = _LEAD.match(text)
    i = m.end() if m else 0
    if i < len(text) and text[i].isalpha():
        return i
    return None


def _cased(ch: str) -> bool:
    return ch.isupper() or ch.islower()


@check("CAS001", "initial-lowercase", "fluency/grammar", "minor")
def initial_lowercase(pair, ctx):
    """The target starts with a lower-case letter while the source starts with a capital (or, for
    a source in a script without case, is a whole sentence). Not flagged: segments starting with a
    number, a symbol or an ellipsis (a continuation), sources that start in lower case, targets in
    scripts without case, targets whose previous segment (in document order) ends without a
    sentence terminator (the sentence goes on across segments), first words with an inner capital or a digit (``iPhone``, ``eBay``,
    ``pH``), name particles before a name (``de Gaulle``, ``van Gogh``), and ``e-mail``-style
    compounds. The span is the target's first word."""
    tgt = pair.target
    if not tgt:
        return ()
    ti = _first_letter(tgt)
    if ti is not None and tgt[ti].islower() and ctx.tgt.script in CASELESS_SCRIPTS:
        return ()  # a Latin word at the start of an Arabic, Hebrew, Hindi... target
    if ti is None or not tgt[ti].islower():
        return ()
    src = pair.source
    si = _first_letter(src)
    if si is None:
        return ()
    if _cased(src[si]):
        if not src[si].isupper():
            return ()
    elif not _TERMINAL.search(src):
        return ()  # caseless source: only a whole sentence tells us the target should start one
    if src.lstrip().startswith(("...", "…")) or tgt.lstrip().startswith(("...", "…")):
        return ()
    prev = ctx.prev.target if ctx.prev is not None else None
    if prev and prev.strip() and not _TERMINAL.search(prev):
        return ()  # the previous target segment did not end its sentence: a continuation
    m = _FIRST_WORD.match(tgt, ti)
    word = m.group() if m else tgt[ti]
    if any(c.isupper() or c.isdigit() for c in word[1:]):
        return ()
    if "-" in word and len(word.split("-")[0]) == 1:
        return ()
    if "." in word:
        return ()  # a domain or file name: ``weather.com``
    end = ti + len(word)
    if word.lower() in _PARTICLES and regex.match(r"[ \u00a0'’]*\p{Lu}", tgt[end:end + 3]):
        return ()
    if word.casefold() == _FIRST_WORD.match(src, si).group().casefold():
        return ()  # the same word starts the source: a name or a code kept as is
    sm = _FIRST_WORD.match(src, si)
    return [hit(f"target starts in lower case ('{word}') but the source starts with a capital",
                target=(ti, end), source=(si, sm.end()) if sm else None)]


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
    "des ein eine einen einem einer de het een del della da du".split()
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


_TITLE_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}{2,}")
_ANY_WORD = regex.compile(r"[\p{L}\p{M}]{2,}")
_NEXT_WORDS = regex.compile(r"[ \u00a0]+([\p{L}\p{M}'’\-]+)(?:[ \u00a0]+([\p{L}\p{M}'’\-]+))?")


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


@check("CAS002", "stray-capital", "fluency/grammar", "minor")
def stray_capital(pair, ctx):
    """A function word (article, preposition, conjunction) capitalised in the middle of a sentence
    of the target (``the Belt and Road From Beijing to …``): usually the trace of a sentence start
    glued to the previous sentence, or of a bad join. Languages: en es pt fr it de nl pl ru uk tr vi
    ca ro cs sv da nb id. Not flagged: segments mostly in Title Case (headings), words inside
    quotation marks, words after ``:`` or at the start of a line, articles that begin a name
    (``The Hague``, ``Le Monde``, ``Die Zeit``, ``De la Hoya``), words before an acronym, one-letter
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
