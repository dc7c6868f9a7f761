"""PUN: end punctuation that differs from the source, unbalanced brackets and quotes.

Each language's conventions are equivalences, not flags: CJK full-width ``。！？：``, the
Devanagari danda ``।``, Arabic ``؟ ؛ ،``, the Greek question mark ``;``, Armenian ``։`` and its
question and exclamation marks written over a vowel inside the word, Spanish ``¿¡``, French
spacing before ``: ; ! ?``, ``…`` = ``...``, every quotation-mark style.
"""
from __future__ import annotations

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.placeholders import prose
from audit.lang.profiles import SPACELESS_SCRIPTS, profile

# terminal punctuation character -> class
_CLASS = {}
for _chars, _cls in (
    (".。｡．।॥۔።܁։။។៕།᙮", "."),
    ("?？؟⁇‽፧⸮՞;", "?"),  # ';' only in Greek: resolved below
    ("!！՜‼߹", "!"),
    ("…⋯‥", "…"),
    (":：﹕", ":"),
    (";؛；·", ";"),  # '·' U+00B7 and U+0387 (Greek ano teleia)
    (",،，、﹐", ","),
):
    for _c in _chars:
        _CLASS.setdefault(_c, _cls)
_CLASS["\u0387"] = ";"
_CLOSERS = set("\"'”’»›」』）)]］}｝】〕〗〉》\u201c\u2018\u201e")  # closing quotes/brackets (and „“ styles)
_DASHES = set("—–-―")
_SPACES = set(" \u00a0\u202f\u2009\u3000\t\r\n")
_TAIL_CHARS = set(_CLASS) | _CLOSERS | _DASHES | _SPACES | {"*"}
_PRIORITY = ("?", "!", "…", ".", ":", ";", ",")
_NAMES = {"?": "question mark", "!": "exclamation mark", "…": "ellipsis", ".": "full stop",
          ":": "colon", ";": "semicolon", ",": "comma", "": "no end punctuation", "—": "dash"}
# A source of at most this many words without end punctuation is a label: a full stop added
# to it is flagged (a button "Save" rendered "Guardar."); longer ones are headings.
_LABEL_WORDS = 5
_LABEL_LETTERS = 12  # the same for scripts written without spaces (Chinese, Japanese)


def end_punct(text: str, lang: str | None) -> tuple[str, int, int]:
    """(class, start, end) of the punctuation ending ``text``: class one of ``? ! … . : ; ,``,
    ``—`` (trailing dash), or '' (none); start/end span the punctuation characters (without
    surrounding closing quotes) or are an empty span at the end of the text."""
    end = len(text)
    while end and text[end - 1] in _SPACES:
        end -= 1
    i = end
    while i and text[i - 1] in _TAIL_CHARS:
        i -= 1
    classes = set()
    first = last = -1
    dash = False
    greek = ";" in profile(lang).question_marks  # Greek: ";" is the question mark
    for j in range(i, end):
        ch = text[j]
        cls = _CLASS.get(ch)
        if ch == ";" and not greek:
            cls = ";"
        if cls is not None:
            classes.add(cls)
            if first < 0:
                first = j
            last = j + 1
        elif ch in _DASHES:
            dash = True
    if first >= 0 and "." in classes and text.count(".", first, last) >= 3 and "..." in text[first:last]:
        classes.discard(".")
        classes.add("…")
    if first >= 0 and "。。。" in text[first:last]:
        classes.add("…")
    for cls in _PRIORITY:
        if cls in classes:
            return cls, first, last
    # an ASCII "-" at the end is usually a word ("self-") or a minus: only real dashes count
    if dash and text[end - 1] in "—–―":
        return "—", end - 1, end
    return "", end, end


_QUOTE_CLOSERS = frozenset("\"'”’»›」』\u201c\u2018")


def _quoted(text: str, end: int) -> bool:
    """Whether closing quotation marks follow the end punctuation that stops at ``end``."""
    return any(ch in _QUOTE_CLOSERS for ch in text[end:end + 4])


def _compatible(s: str, t: str, src: str, s_end: int, tgt: str, t_end: int, tgt_lang: str | None) -> bool:
    if s == t:
        return True
    if s == "—" or t == "—":
        return True  # an interrupted sentence may end with a dash or an ellipsis
    if s and _quoted(src, s_end) and t in ("", "."):
        # the source ends inside a quotation ('... he said: "Did you do it?"'): the target may
        # put the period outside the quotes, drop it, or report the speech ("... whether he had")
        return True
    if tgt_lang == "hy" and s in "?!" and t in (".", ""):
        return ("՞" if s == "?" else "՜") in tgt
    if profile(tgt_lang).optional_full_stop and t == "":
        return True
    if tgt_lang == "ja" and t == "." and (s == ":" or s == "?" and tgt[:t_end - 1].rstrip().endswith("か")):
        return True  # 「次に示す。」 for "as follows:"; a question closed by the particle か and 。
    return False


@check("PUN001", "end-punctuation", "fluency/punctuation", "minor")
def end_punctuation(pair, ctx):
    """The target ends with different punctuation from the source: a full stop, question or
    exclamation mark, ellipsis, colon, semicolon or comma lost, added or changed (spans on the
    punctuation of both sides; a lost one is an empty span at the end of the target). Each
    language's marks are equivalent to their Latin counterparts: ``。 ． । ॥ ۔ ։`` are full
    stops, ``？ ؟`` and the Greek ``;`` question marks, ``！`` an exclamation mark, ``： ؛ ، ，、``
    colons, semicolons and commas, ``…`` is ``...``. Closing quotes and brackets around the
    punctuation and spaces before it (French ``\u202f?``) are ignored, so ``."`` matches ``».``
    and ``?»``. Not flagged: a trailing dash against an ellipsis (interrupted speech), an
    Armenian target whose question or exclamation mark sits on a vowel inside the sentence, a
    Thai or Lao target without a final full stop, a full stop added to a Thai or Lao source
    (they need none), to a source of more than five words or, in Chinese or Japanese, of more
    than twelve letters (a heading made a sentence), a full stop against a comma when both
    sides are sentences (longer than labels: the translator re-cut sentences at the segment
    edge), a Japanese side ending with a quotation ``「…」`` and no ``。`` against a full stop
    (Japanese closes a quoted sentence with the bracket). Spanish opening marks ``¿¡`` are not
    end punctuation."""
    src, tgt = pair.source, pair.target
    if not tgt or not src:
        return ()
    # the common case, decided without the tail scan: both end with the same character
    a, b = src.rstrip(), tgt.rstrip()
    if not a or not b:
        return ()
    last = a[-1]
    if last == b[-1] and last not in _CLOSERS and last != ";" and (
            last != "." or (a[-2:] != ".." and b[-2:] != "..")):
        return ()
    tl = ctx.tgt.lang
    s_cls, s0, s1 = end_punct(src, ctx.src.lang)
    t_cls, t0, t1 = end_punct(tgt, tl)
    if _compatible(s_cls, t_cls, src, s1, tgt, t1, tl):
        return ()
    if not s_cls and t_cls == "." and _sentence_without_stop(ctx.src):
        return ()  # a heading made a sentence, a Thai sentence: only short labels keep their bare form
    if {s_cls, t_cls} == {".", ","} and _sentence_without_stop(ctx.src) and _sentence_without_stop(ctx.tgt):
        return ()  # sentences re-cut at the segment edge: one side goes on in the next segment
    if _quote_closes(src, ctx.src.lang) and t_cls == "." or _quote_closes(tgt, tl) and s_cls == ".":
        return ()  # Japanese 「…」 closes a sentence without 。
    if not t_cls:
        msg = f"end punctuation lost: the source ends with a {_NAMES[s_cls]}"
    elif not s_cls:
        msg = f"end punctuation added: {_NAMES[t_cls]} (the source has none)"
    else:
        msg = f"end punctuation changed: {_NAMES[t_cls]} where the source has a {_NAMES[s_cls]}"
    return [hit(msg, target=(t0, t1), source=(s0, s1))]


def _quote_closes(text: str, lang: str | None) -> bool:
    """A Japanese text ending with a closing corner bracket and no punctuation before it: a
    quoted sentence, which Japanese closes without ``。`` (``「上手くやれている」``)."""
    t = text.rstrip()
    return lang == "ja" and t[-1:] in ("」", "』") and end_punct(t, lang)[0] == ""


def _sentence_without_stop(view) -> bool:
    """Whether a source without end punctuation is more than a label: a language that needs no
    final full stop (Thai, Lao), more than five words, or in a script written without spaces
    (Chinese, Japanese) more than ``_LABEL_LETTERS`` letters."""
    if profile(view.lang).optional_full_stop:
        return True
    if view.script in SPACELESS_SCRIPTS:
        return sum(1 for ch in view.text if ch.isalpha()) > _LABEL_LETTERS
    return len(view.words) > _LABEL_WORDS


# ------------------------------------------------------------------------------------- brackets

_BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）", "［": "］", "｛": "｝", "【": "】", "〔": "〕",
             "〖": "〗", "〈": "〉", "《": "》"}
_CLOSE_OF = {v: k for k, v in _BRACKETS.items()}
# Families compared between source and target: full-width and CJK forms count as their ASCII kin.
_FAMILY = {"(": "(", ")": "(", "（": "(", "）": "(", "[": "[", "]": "[", "［": "[", "］": "[",
           "【": "[", "】": "[", "〔": "[", "〕": "[", "〖": "[", "〗": "[", "{": "{", "}": "{",
           "｛": "{", "｝": "{", "〈": "<", "〉": "<", "《": "<", "》": "<"}
_BRACKET_CHARS = frozenset(_FAMILY)


def _is_enumerator(text: str, i: int) -> bool:
    """A ')' closing a list marker ("1)", "a)", "iv)") or an emoticon (":)", ";-)")."""
    j = i
    while j and text[j - 1] not in " \t\n\u00a0(":
        j -= 1
    word = text[j:i]
    if word in (":", ";", ":-", ";-", "=", "8", ":'"):
        return True
    if (j == 0 or text[j - 1] in " \t\n\u00a0") and 0 < len(word) <= 3 and (
            word.isdigit() or (len(word) == 1 and word.isalpha()) or set(word.lower()) <= set("ivx")):
        return True
    if word in (":", ";") or (i and text[i - 1] in ":;" and (i < 2 or text[i - 2] in " \t")):
        return True
    return False


_BRACKET_LIST = tuple(sorted(_BRACKET_CHARS))


def unbalanced_brackets(text: str) -> list[tuple[int, str]]:
    """(offset, family) of each bracket without a partner, list markers and emoticons aside."""
    stack: list[int] = []
    bad: list[tuple[int, str]] = []
    for i, ch in _find_all(text, _BRACKET_LIST):
        if ch in _BRACKETS:
            stack.append(i)
            continue
        opener = _CLOSE_OF[ch]
        if stack and text[stack[-1]] == opener:
            stack.pop()
            continue
        # tolerate a full-width/ASCII mix: "（...)"
        if stack and _FAMILY[text[stack[-1]]] == _FAMILY[ch]:
            stack.pop()
            continue
        if ch in ")）" and _is_enumerator(text, i):
            continue
        # a closer matching an outer opener: the inner openers are the unbalanced ones
        k = len(stack) - 1
        while k >= 0 and _FAMILY[text[stack[k]]] != _FAMILY[ch]:
            k -= 1
        if k >= 0:
            bad.extend((p, _FAMILY[text[p]]) for p in stack[k + 1:])
            del stack[k:]
            continue
        bad.append((i, _FAMILY[ch]))
    bad.extend((p, _FAMILY[text[p]]) for p in stack)
    bad.sort()
    return bad


@check("PUN002", "unbalanced-brackets", "fluency/punctuation", "minor")
def unbalanced_brackets_check(pair, ctx):
    """The target has a bracket without its partner: ``(`` never closed, ``)`` never opened, or
    brackets crossing (``( [ ) ]``). ASCII, full-width and CJK brackets (``（ ） 【 】 《 》``) are
    checked; the span is the lone bracket. Not flagged: a family of brackets that is already
    unbalanced in the source (a segment cut out of a longer parenthesis), list markers ("1)",
    "a)", "iv)"), emoticons (":)"), full-width and ASCII halves mixed (``（...)``), brackets inside
    tags and placeholders (``{name}``). In a short label (at most ``LABEL_WORDS`` words: a
    UI string, not prose) square and curly brackets the source has and the target lacks entirely
    are flagged too when the target has no bracket of any kind (``For [sic] numbers`` -> ``Vier
    getalle``; ``【回车】`` keeps them): there they mark key names, optional parts and codes; a
    parenthesis dropped is left alone (often a fine rewording)."""
    tgt = pair.target
    if not tgt:
        return ()
    lost = _lost_label_brackets(pair, ctx)
    if lost:
        return lost
    if not ("(" in tgt or ")" in tgt or "[" in tgt or "]" in tgt or "{" in tgt or "}" in tgt
            or "（" in tgt or "）" in tgt or "【" in tgt or "】" in tgt or "《" in tgt or "》" in tgt
            or "［" in tgt or "］" in tgt or "〔" in tgt or "〕" in tgt or "〈" in tgt or "〉" in tgt
            or "｛" in tgt or "｝" in tgt or "〖" in tgt or "〗" in tgt):
        return ()
    t_bad = unbalanced_brackets(ctx.tgt.memo(prose))
    if not t_bad:
        return ()
    s_bad_fams = {fam for _, fam in unbalanced_brackets(ctx.src.memo(prose))}
    spans = [(i, i + 1) for i, fam in t_bad if fam not in s_bad_fams]
    if not spans:
        return ()
    chars = " ".join(tgt[s:e] for s, e in spans)
    return [hit(f"unbalanced bracket{'s' if len(spans) > 1 else ''} in the target: {chars}", target=spans)]


LABEL_WORDS = 8  # a source of at most this many words is a label, where brackets are kept
_SQUARE_CURLY = (("[", "]", "［", "］"), ("{", "}", "｛", "｝"))
_ANY_BRACKET = frozenset("()[]{}（）［］｛｝【】〔〕〖〗〈〉《》「」『』<>")


def _lost_label_brackets(pair, ctx):
    """Square or curly brackets of a short source (outside placeholders) with none of their
    family in the target."""
    src = pair.source
    if not ("[" in src or "]" in src or "{" in src or "}" in src):
        return ()
    if len(ctx.src.words) > LABEL_WORDS:
        return ()
    sp, tp = ctx.src.memo(prose), ctx.tgt.memo(prose)
    if any(ch in _ANY_BRACKET for ch in tp):
        return ()  # kept, perhaps as another kind (【回车】, (Eingabe)): the convention of the target
    spans = []
    for fam in _SQUARE_CURLY:
        if any(ch in sp for ch in fam):
            spans.extend((i, i + 1) for i, ch in enumerate(sp) if ch in fam)
    if not spans:
        return ()
    chars = " ".join(src[s:e] for s, e in spans)
    return [hit(f"the source's bracket{'s' if len(spans) > 1 else ''} {chars} not in the target",
                source=spans, primary="source")]


# --------------------------------------------------------------------------------------- quotes

_DQ = frozenset("\"“”„‟＂〝〞〟")
_GUILL = ("«", "»")
_SGUILL = ("‹", "›")
_CJK_QUOTES = {"「": "」", "『": "』", "﹁": "﹂", "﹃": "﹄"}
_CJK_CLOSE = {v: k for k, v in _CJK_QUOTES.items()}
_CJK_ALL = frozenset(_CJK_QUOTES) | frozenset(_CJK_CLOSE)
_QUOTE_CHARS = frozenset(_DQ | set(_GUILL) | set(_SGUILL) | set(_CJK_QUOTES) | set(_CJK_CLOSE))


def _hebrew(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea"


def _word_internal(text: str, i: int) -> bool:
    """A double quote standing for a Hebrew gershayim (צה"ל, ארה“ב, יו“ר: before the last letter
    of a word; a quote after a one-letter prefix, ש“זה, is a quotation mark) or a straight one
    for inches (after a digit)."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if _hebrew(before) and _hebrew(after):
        return not (i + 2 < len(text) and _hebrew(text[i + 2]))
    if text[i] in "\"＂" and before.isdigit() and not after.isalpha():
        return True
    return False


_QUOTE_LIST = tuple(sorted(_QUOTE_CHARS))


def _find_all(text: str, chars: tuple[str, ...]) -> list[tuple[int, str]]:
    """(offset, char) of every occurrence of ``chars`` in ``text``, in text order (``in`` and
    ``find`` run in C: much faster than a character-class regex on prose)."""
    out = []
    for ch in chars:
        if ch in text:
            i = text.find(ch)
            while i >= 0:
                out.append((i, ch))
                i = text.find(ch, i + 1)
    out.sort()
    return out


def unbalanced_quotes(text: str) -> list[int]:
    """Offsets of quotation marks without a partner. Double quotes of every style (``" “ ” „``)
    pair up with each other in order; guillemets pair in either direction (``«»``, ``»«``) or
    as ``»…»``; CJK corner brackets nest. Apostrophes and single quotes are not checked."""
    marks = _find_all(text, _QUOTE_LIST)
    if not marks:
        return []
    present = {ch for _, ch in marks}
    bad: list[int] = []
    if not present.isdisjoint(_DQ):
        dq = [i for i, ch in marks if ch in _DQ and not _word_internal(text, i)]
        if len(dq) % 2:
            bad.append(dq[-1])
    for op, cl in (_GUILL, _SGUILL):
        if op not in present and cl not in present:
            continue
        pos = [(i, ch) for i, ch in marks if ch == op or ch == cl]
        n_op = sum(1 for _, ch in pos if ch == op)
        n_cl = len(pos) - n_op
        if n_op != n_cl and ((n_op == 0 and n_cl % 2 == 0) or (n_cl == 0 and n_op % 2 == 0)):
            continue  # »…» (Swedish, Finnish)
        first = pos[0][1]  # the first mark gives the direction: «…» or »…«
        opened: list[int] = []
        for i, ch in pos:
            if ch == first:
                opened.append(i)
            elif opened:
                opened.pop()
            else:
                bad.append(i)
        bad.extend(opened)
    if not present.isdisjoint(_CJK_ALL):
        stack: list[int] = []
        for i, ch in marks:
            if ch in _CJK_QUOTES:
                stack.append(i)
            elif ch in _CJK_CLOSE:
                if stack and text[stack[-1]] == _CJK_CLOSE[ch]:
                    stack.pop()
                else:
                    bad.append(i)
        bad.extend(stack)
    if not bad:
        return bad
    return sorted(set(bad))


# A single quote used as a quotation mark (not an apostrophe): opening after a space or at the
# start and before a letter; closing after a letter or punctuation and before a space or the end.
_SQ_OPEN_RE = lazyre.re_compile(r"(?:^|(?<=[\s(\[:—–\-]))['‘‚‹](?=[^\W_])")
_SQ_CLOSE_RE = lazyre.re_compile(r"(?<=[^\W_]|[.,!?…])['’‘›](?=$|[\s.,;:!?)\]—–])")


def _has_quote(t: str) -> bool:
    return ('"' in t or "“" in t or "”" in t or "„" in t or "«" in t or "»" in t or "「" in t or "」" in t
            or "『" in t or "』" in t or "‹" in t or "›" in t or "＂" in t or "‟" in t or "〝" in t
            or "〞" in t or "〟" in t or "﹁" in t or "﹂" in t or "﹃" in t or "﹄" in t)


def _source_quotes_unbalanced(text: str) -> bool:
    """Whether the source's quotation marks (double, guillemets, corner brackets, or single
    quotes used as quotation marks) leave a quotation open or closed across the segment edge."""
    if unbalanced_quotes(text):
        return True
    if "'" in text or "‘" in text or "’" in text or "‚" in text or "‹" in text:
        return len(_SQ_OPEN_RE.findall(text)) != len(_SQ_CLOSE_RE.findall(text))
    return False


_OPENING_SHAPED = frozenset("«„“「『‹〝")
_CLOSING_SHAPED = frozenset("»”」』›〞〟")
_BEFORE_OPEN = frozenset(" \t\n\u00a0(:—–-[")
_AFTER_CLOSE = frozenset(" \t\n\u00a0.,;:!?)]—–-…،؟")


def _opening_shape(text: str, i: int) -> bool:
    """The mark at ``i`` opens a quotation: an opening style, or a straight quote at the start
    or after a space, bracket, colon or dash and before a non-space."""
    ch = text[i]
    if ch in _OPENING_SHAPED:
        return True
    if ch not in "\"＂":
        return False
    return (i == 0 or text[i - 1] in _BEFORE_OPEN) and i + 1 < len(text) and not text[i + 1].isspace()


def _closing_shape(text: str, i: int) -> bool:
    """The mark at ``i`` closes a quotation: a closing style, or a straight (or ``“``, the
    German closer) quote after a non-space and before a space, punctuation or the end."""
    ch = text[i]
    if ch in _CLOSING_SHAPED:
        return True
    if ch not in "\"＂“":
        return False
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or text[i + 1] in _AFTER_CLOSE)


def _edge_quotation(text: str, bad: list[int], source: str) -> bool:
    """Whether the only unpaired mark of ``text`` belongs to a quotation running over the
    segment's edge, as news translations write speech that spans sentences: the first mark of
    the text closes speech opened in an earlier segment, right after the speech's punctuation
    (``…ripped open," Hammel said``), or the last one, at the start of the text or after a
    colon, opens speech that goes on in the next (``Он сказал: «Мы придём.``).
    Not when the source has that quotation inside the segment: a source starting with an
    opening quote (the target lost it) or ending with a closing one (the target lost that)."""
    if len(bad) != 1:
        return False
    marks = [i for i, ch in _find_all(text, _QUOTE_LIST) if not _word_internal(text, i)]
    if not marks:
        return False
    src = source.strip()
    src_opens = bool(src) and src[0] in _QUOTE_CHARS
    src_closes = bool(src) and any(ch in _QUOTE_CHARS for ch in src[-3:])
    dq = [i for i in marks if text[i] in _DQ]
    if bad[0] in dq and len(dq) % 2:  # an odd run of double quotes: which one is the lone mark
        first, last = dq[0], dq[-1]
    else:
        first = last = bad[0]
    if first == marks[0] and _speech_closes(text, first) and not src_opens:
        return True
    return last == marks[-1] and _speech_opens(text, last) and not src_closes


def _speech_closes(text: str, i: int) -> bool:
    """A quotation mark closing speech: closing-shaped, right after the speech's own punctuation
    (``open,"``, ``nie.»``)."""
    return _closing_shape(text, i) and i > 0 and text[i - 1] in ",.!?…;:،؟。，！？"


def _speech_opens(text: str, i: int) -> bool:
    """A quotation mark opening speech that runs to the end: opening-shaped, at the start of
    the text or after a colon (``сказал: «``), and the text ends with end punctuation."""
    if not _opening_shape(text, i):
        return False
    before = text[:i].rstrip()
    if before and before[-1] not in ":：":
        return False
    return end_punct(text, None)[0] in (".", "!", "?", "…")


@check("PUN003", "unbalanced-quotes", "fluency/punctuation", "minor")
def unbalanced_quotes_check(pair, ctx):
    """The target has a quotation mark without its partner: an odd number of double quotes
    (straight and curly in any style: ``"…"``, ``“…”``, ``„…“``, ``”…”`` pair with each other),
    guillemets that do not pair (``«…»``, ``»…«`` and ``»…»`` all pair), a corner bracket
    ``「`` or ``『`` never closed. The span is the lone mark. Not flagged: any quote imbalance
    when the source's quotes are unbalanced too, or the previous or next target's are (a
    quotation running over several segments), a lone mark at the segment's edge, the first
    mark closing speech right after its punctuation (``…ripped open," Hammel said``) or the
    last one, at the start or after a colon, opening speech that runs to the end of a sentence
    (``Он сказал: «Мы придём.``), unless the source has that
    quotation inside the segment (it starts with an opening or ends with a closing quote),
    apostrophes and single quotes (``l'homme``, ``don't``, ``'90s``, ``‘…’``: an apostrophe and
    a closing single quote are the same character), a ``"`` inside a word (the Hebrew
    gershayim in ``צה"ל``) or after a number (inches), quotes inside tags."""
    tgt = pair.target
    if not tgt or not _has_quote(tgt):
        return ()
    t_bad = unbalanced_quotes(ctx.tgt.memo(prose))
    if not t_bad:
        return ()
    if _source_quotes_unbalanced(ctx.src.memo(prose)):
        return ()
    if _edge_quotation(ctx.tgt.memo(prose), t_bad, pair.source):
        return ()
    # a quotation running over several segments: a neighbour's target is unbalanced too
    for nb in (ctx.prev, ctx.next):
        if nb is not None and nb.target and _has_quote(nb.target) \
                and unbalanced_quotes(nb.target):
            return ()
    spans = [(i, i + 1) for i in t_bad]
    chars = " ".join(tgt[s:e] for s, e in spans)
    return [hit(f"unbalanced quotation mark{'s' if len(spans) > 1 else ''} in the target: {chars}",
                target=spans)]


# ------------------------------------------------------------------------ Spanish opening marks

_OPENER = {"?": "¿", "!": "¡"}
_SENTENCE_END = ".?!…\n"


def _ends_sentence(text: str, j: int) -> bool:
    """Whether the mark at ``j`` ends a sentence: not the dot of "F.B.I." or "EE. UU. de"."""
    if text[j] != ".":
        return True
    w = j
    while w and text[w - 1].isalpha():
        w -= 1
    if 0 < j - w <= 3 and text[w].isupper():
        return False  # "EE. UU.", "Sr. Pérez", initials
    k = j + 1
    if k >= len(text) or text[k] not in " \n\t":
        return k >= len(text)
    while k < len(text) and text[k] in " \n\t":
        k += 1
    return k >= len(text) or not text[k].islower()


def _missing_openers(text: str, source: str = "") -> list[tuple[int, str]]:
    """(offset, mark) of each ``?``/``!`` whose sentence (or clause since the previous end mark)
    has no opening ``¿``/``¡`` before it."""
    out = []
    for mark in _OPENER:
        i = text.find(mark)
        while i >= 0:
            k = i
            while k + 1 < len(text) and text[k + 1] in "?!":
                k += 1
            if i and text[i - 1] in "?!":  # inside a run "?!": judged by the run's first mark
                i = text.find(mark, k + 1)
                continue
            j = i - 1
            while j >= 0 and not (text[j] in _SENTENCE_END and _ends_sentence(text, j)):
                j -= 1
            clause = text[j + 1:i]
            if "¿" not in clause and "¡" not in clause and clause.strip() and not _kept_quote(clause, source):
                out.append((i, mark))
            i = text.find(mark, k + 1)
    out.sort()
    return out


def _kept_quote(clause: str, source: str) -> bool:
    """The mark closes a quotation left in the source language ("November is coming!")."""
    q = max(clause.rfind(ch) for ch in "«“\"„‘'")
    if q < 0:
        return False
    quoted = clause[q + 1:].strip()
    return len(quoted) >= 3 and quoted in source


@check("PUN004", "spanish-opening-mark", "fluency/punctuation", "minor", languages=["es"])
def spanish_opening_mark(pair, ctx):
    """A Spanish target has a question or exclamation mark without its opening ``¿`` or ``¡``
    earlier in the same sentence (Spanish marks both ends: ``¿Vienes?``, ``¡Qué bien!``, also
    mid-sentence: ``Si llueve, ¿vienes?``). The span is the closing mark. Not flagged: marks in
    a run (``?!`` closes one question), a sentence opened with the other mark (``¡Qué dices?``),
    abbreviation dots ("EE. UU.", "F.B.I.") taken for sentence ends, a quotation kept in the
    source language ("November is coming!"),
    marks in URLs, tags and placeholders, and other languages: Catalan and Galician usually
    write only the closing mark."""
    tgt = pair.target
    if not tgt or ("?" not in tgt and "!" not in tgt):
        return ()
    missing = _missing_openers(ctx.tgt.memo(prose), pair.source)
    if not missing:
        return ()
    n = len(missing)
    return [hit("question or exclamation mark without its opening ¿ or ¡" if n == 1
                else f"{n} question or exclamation marks without their opening ¿ or ¡",
                target=[(i, i + 1) for i, _ in missing])]


# ------------------------------------------------------------------- space before punctuation

_SPACE_BEFORE_RE = lazyre.re_compile(r"(?<=[^\s(\[{«\"'“„‘¿¡])( +)([,.;:!?])(?=\s|$)")


# a source with a space before a comma or a sentence-final full stop (no language's orthography
# has one): tokenized text, as in many MT corpora
_TOKENIZED_RE = lazyre.re_compile(r"\w ,\s|\w \.(?:\s|$)")


@check("PUN005", "space-before-punctuation", "fluency/punctuation", "minor", lang_scope="not-phrase-spaced-target")
def space_before_punctuation(pair, ctx):
    """The target has an ordinary space before a comma, full stop, colon, semicolon, question
    or exclamation mark ("word , word", "the end .") that the source does not have. The span is
    the space. Not flagged: French ``mot : mot``, ``Quoi ?`` (French sets a space before
    ``: ; ! ?``; a no-break space is never flagged), a mark the source also spaces, a leading
    ellipsis or decimal (" ...", " .5", " .com": the mark must be followed by a space or the
    end), a space after an opening bracket or quote, Thai, Lao, Khmer and Burmese targets
    (spaces separate phrases there and often surround punctuation), and pairs whose source is
    tokenized text (a space before its own commas or final full stop, as in many MT corpora)."""
    tgt = pair.target
    if not tgt or (" ," not in tgt and " ." not in tgt and " :" not in tgt and " ;" not in tgt
                   and " !" not in tgt and " ?" not in tgt):
        return ()
    if profile(ctx.tgt.lang).space_separates_phrases:  # Thai: spaces surround punctuation
        return ()
    spans = []
    french = profile(ctx.tgt.lang).space_before_high_marks  # French, Breton: ' : ; ! ?' by rule
    src = pair.source
    if _TOKENIZED_RE.search(src):
        return ()  # a tokenized corpus ("word , word .") spaces every mark: the target follows it
    spaced = {mark for mark in ",.;:!?" if " " + mark in src or "\u00a0" + mark in src}  # once, not per match
    for m in _SPACE_BEFORE_RE.finditer(ctx.tgt.memo(prose)):
        mark = m.group(2)
        if (french and mark in ":;!?") or mark in spaced:
            continue
        spans.append(m.span(1))
    if not spans:
        return ()
    return [hit("space before punctuation" if len(spans) == 1 else f"{len(spans)} spaces before punctuation",
                target=spans)]


# ------------------------------------------------------------------- space after punctuation

_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_GLUED_COMMA_RE = lazyre.compile(r"(?<=\p{L})(?<![" + _UNSPACED + r"])[,;](?=\p{L})(?![" + _UNSPACED + r"])")
_GUILLEMET_TIGHT_RE = lazyre.compile(r"«(?=[^\s\u00a0\u202f])|(?<=[^\s\u00a0\u202f])»")


@check("PUN006", "space-after-punctuation", "fluency/punctuation", "minor", lang_scope="not-phrase-spaced-target")
def space_after_punctuation(pair, ctx):
    """A comma or semicolon glued to the next word (``kubili,kuthathu``) where the source writes
    none so, or, in French and Breton, guillemets without their inner space (``«this»``; a
    no-break or narrow no-break space counts). The span is the mark. Not flagged: a source with
    a glued comma itself (lists of codes: ``a,b,c``), commas inside placeholders, URLs and tags
    (they are masked), digits on either side (``1,5``), full-width and Arabic commas, a comma
    beside a letter of a script written without spaces (an ASCII comma in Chinese text is a
    different slip), and Thai, Lao, Khmer and Burmese targets."""
    tgt = pair.target
    if not tgt or not ("," in tgt or ";" in tgt or "«" in tgt or "»" in tgt):
        return ()
    text = ctx.tgt.memo(prose)
    spans = []
    if not _GLUED_COMMA_RE.search(ctx.src.memo(prose)):
        spans.extend(m.span() for m in _GLUED_COMMA_RE.finditer(text))
    if profile(ctx.tgt.lang).space_before_high_marks and "«" not in pair.source:
        spans.extend(m.span() for m in _GUILLEMET_TIGHT_RE.finditer(text))
    if not spans:
        return ()
    spans.sort()
    return [hit("no space after punctuation" if len(spans) == 1 else f"{len(spans)} marks without their space",
                target=spans)]
