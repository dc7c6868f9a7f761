"""WSP: whitespace that differs between source and target (leading, trailing, doubled, tabs,
line breaks). All minor: they rarely change meaning but break layouts and concatenated strings.

No-break spaces are spaces: French ``mot\u00a0:`` / ``«\u202fmot\u202f»``, Russian or Polish
``1\u00a0000`` are conventions, never flags.
"""
from __future__ import annotations

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.lang.profiles import profile

_LINEBREAK_RE = lazyre.compile(r"\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]")
# Horizontal spaces (not tabs, not line breaks): ASCII, no-break, narrow no-break, thin, figure,
# en/em, hair, ideographic.
_HSPACE = " \u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u205f\u3000"
_RUN_RE = lazyre.compile(f"[{_HSPACE}]{{2,}}")
_LEAD_RE = lazyre.compile(r"^\s+")
_TRAIL_RE = lazyre.compile(r"\s+$")


def _edge(text: str, rx) -> tuple[int, int] | None:
    m = rx.search(text)
    if m is None or not m.group():
        return None
    ws = m.group()
    # line breaks alone are WSP005's business
    if not any(ch not in "\r\n\u000b\u000c\u0085\u2028\u2029" for ch in ws):
        return None
    return m.start(), m.end()


@check("WSP001", "leading-whitespace", "fluency/typography", "minor")
def leading_whitespace(pair, ctx):
    """The target starts with spaces or tabs while the source does not (added: span on the
    target's leading whitespace), or the source starts with spaces or tabs the target lost
    (span on the source's). Leading spaces often matter in strings that are concatenated.
    Not flagged: a different kind of space on both sides (a no-break or ideographic space for an
    ASCII space), leading line breaks (WSP005 counts those), blank targets (EMP002)."""
    src, tgt = pair.source, pair.target
    if not tgt or not tgt.strip() or not src.strip():
        return ()
    if not (src[0].isspace() or tgt[0].isspace()):
        return ()
    s, t = _edge(src, _LEAD_RE), _edge(tgt, _LEAD_RE)
    if s and not t:
        return [hit("leading whitespace of the source lost in the target", source=s, target=(0, 0),
                    primary="source")]
    if t and not s:
        return [hit("leading whitespace added in the target", target=t)]
    return ()


@check("WSP002", "trailing-whitespace", "fluency/typography", "minor")
def trailing_whitespace(pair, ctx):
    """The target ends with spaces or tabs while the source does not (added), or the source's
    trailing spaces or tabs were lost in the target (span on the source's whitespace and the
    empty end of the target). Not flagged: a different kind of space on both sides, trailing
    line breaks (WSP005 counts those), blank targets (EMP002), a source's trailing space lost
    after a full-width mark that carries its own spacing (Chinese ``限制：`` for ``Limit: ``)."""
    src, tgt = pair.source, pair.target
    if not tgt or not tgt.strip() or not src.strip():
        return ()
    if not (src[-1].isspace() or tgt[-1].isspace()):
        return ()
    s, t = _edge(src, _TRAIL_RE), _edge(tgt, _TRAIL_RE)
    if s and not t and _fullwidth_end(tgt):
        return ()
    if s and not t:
        return [hit("trailing whitespace of the source lost in the target", source=s,
                    target=(len(tgt), len(tgt)), primary="source")]
    if t and not s:
        return [hit("trailing whitespace added in the target", target=t)]
    return ()


def _inner_runs(text: str) -> list[tuple[int, int]]:
    """Runs of two or more spaces inside the text (not at its edges, not next to a line break)."""
    out = []
    n = len(text)
    for m in _RUN_RE.finditer(text):
        s, e = m.span()
        if s == 0 or e == n or text[s - 1] in "\r\n\t" or text[e] in "\r\n\t":
            continue
        out.append((s, e))
    return out


@check("WSP003", "double-space", "fluency/typography", "minor", lang_scope="not-phrase-spaced-target")
def double_space(pair, ctx):
    """The target has two or more consecutive spaces inside the text (ASCII, no-break or narrow
    no-break spaces in any mix, such as a space typed next to a French no-break space) and the
    source has none. One flag spans every such run. Not flagged: a source that itself uses
    doubled spaces (two spaces after a full stop is a house style), runs at the start or end of
    the text (WSP001/WSP002) or next to a line break (indentation), single no-break spaces,
    a run between a CJK or Hangul character and Latin text or digits (``由于  Johnson``, the
    loose spacing around embedded Latin words in Chinese, Japanese and Korean),
    targets in Thai, Lao, Khmer or Burmese, where spaces separate phrases and are loose."""
    tgt = pair.target
    if not tgt:
        return ()
    if "  " not in tgt and "\u00a0" not in tgt and "\u202f" not in tgt and "\u3000" not in tgt \
            and "\u2009" not in tgt:
        return ()
    if profile(ctx.tgt.lang).space_separates_phrases:  # Thai: doubled spaces are not flagged
        return ()
    runs = _inner_runs(tgt)
    if not runs or _inner_runs(pair.source):
        return ()
    runs = [r for r in runs if not _script_boundary(tgt, r)]
    if not runs:
        return ()
    n = len(runs)
    return [hit("doubled space" if n == 1 else f"{n} doubled spaces", target=runs)]


# CJK and Hangul letters (and their punctuation) next to Latin letters, digits or brackets: the
# space that sets off embedded Latin text in Chinese, Japanese and Korean is loose typesetting
_CJK_RE = lazyre.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
_LATIN_RE = lazyre.compile(r"[\p{Latin}\p{N}(（\[\"“]")


def _script_boundary(text: str, run: tuple[int, int]) -> bool:
    """A doubled space between a CJK or Hangul character and Latin text (``由于  Johnson``,
    ``국가의  EU와``): the spacing around embedded Latin words, which CJK typesetting leaves loose."""
    s, e = run
    a, b = text[s - 1], text[e]
    return bool(_CJK_RE.match(a) and _LATIN_RE.match(b) or _LATIN_RE.match(a) and _CJK_RE.match(b))


def _positions(text: str, chars: str) -> list[tuple[int, int]]:
    return [(i, i + 1) for i, ch in enumerate(text) if ch in chars]


@check("WSP004", "tab-mismatch", "fluency/typography", "minor")
def tab_mismatch(pair, ctx):
    """The target has a different number of tab characters from the source (tabs often
    separate fields or align columns). The flag spans the target's tabs and the source's tabs.
    Not flagged: equal counts, wherever the tabs are."""
    src, tgt = pair.source, pair.target
    if not tgt or ("\t" not in src and "\t" not in tgt):
        return ()
    ns, nt = src.count("\t"), tgt.count("\t")
    if ns == nt:
        return ()
    msg = (f"{nt} tab{'s' if nt != 1 else ''} in the target, {ns} in the source")
    return [hit(msg, target=_positions(tgt, "\t") or (len(tgt), len(tgt)),
                source=_positions(src, "\t") or None, primary="target" if nt > ns else "source")]


def _has_break(text: str) -> bool:
    return "\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text or "\u0085" in text \
        or "\u000b" in text or "\u000c" in text


def _breaks(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _LINEBREAK_RE.finditer(text)]


@check("WSP005", "newline-mismatch", "fluency/typography", "minor")
def newline_mismatch(pair, ctx):
    """The target has a different number of line breaks from the source (a CR LF pair counts
    as one break; so do LF, CR, U+2028 and U+2029). Multi-line strings (messages, lists,
    addresses) usually keep their line structure. The flag spans the line breaks of both sides.
    With equal counts, a source that begins (or ends) with a line break while the target does not,
    or the reverse, is flagged too (``msgfmt -c`` refuses such a PO entry).
    With equal counts and edges, a source whose breaks are all of one kind (LF) while the target's
    are all of another (CR LF), or the reverse, is flagged too: the translation brings a carriage
    return into a string that has none (or drops the one a Windows-style string needs).
    Not flagged: equal counts with the same edges and kinds, pairs made by the sentence aligner
    from two documents (their line breaks are the documents' layout, not the segment's)."""
    src, tgt = pair.source, pair.target
    if not tgt or pair.align is not None:
        return ()
    if not (_has_break(src) or _has_break(tgt)):
        return ()
    bs, bt = _breaks(src), _breaks(tgt)
    if not tgt.strip():
        return ()
    if len(bs) == len(bt):
        return _edge_breaks(src, tgt, bs, bt) or _break_kinds(src, tgt, bs, bt)
    msg = f"{len(bt)} line break{'s' if len(bt) != 1 else ''} in the target, {len(bs)} in the source"
    return [hit(msg, target=bt or (len(tgt), len(tgt)), source=bs or None,
                primary="target" if len(bt) > len(bs) else "source")]


# ------------------------------------------------------------------ WSP005: breaks at the edges
# (catalog2's addition, kept apart: msgfmt's rule that msgid and msgstr both begin, and both end,
# with a line break or neither does.)

def _edge_breaks(src: str, tgt: str, bs: list[tuple[int, int]], bt: list[tuple[int, int]]) -> list:
    """WSP005's flags for equal break counts whose first or last break is not at the same edge."""
    out = []
    for edge, at in (("begins", 0), ("ends", -1)):
        s_edge = bool(bs) and (bs[at][0] == 0 if at == 0 else bs[at][1] == len(src))
        t_edge = bool(bt) and (bt[at][0] == 0 if at == 0 else bt[at][1] == len(tgt))
        if s_edge == t_edge:
            continue
        which, other = ("source", "target") if s_edge else ("target", "source")
        out.append(hit(f"the {which} {edge} with a line break and the {other} does not",
                       source=bs[at] if s_edge else None, target=bt[at] if t_edge else (0, 0) if at == 0
                       else (len(tgt), len(tgt)), primary=which))
    return out


def _break_kinds(src: str, tgt: str, bs: list[tuple[int, int]], bt: list[tuple[int, int]]) -> list:
    """WSP005's flag for breaks of one kind in the source (all LF) and another in the target (all CR LF)."""
    ks = {src[a:b] for a, b in bs}
    kt = {tgt[a:b] for a, b in bt}
    if len(ks) != 1 or len(kt) != 1 or ks == kt:
        return []
    name = {"\n": "LF", "\r\n": "CR LF", "\r": "CR"}
    k_s, k_t = next(iter(ks)), next(iter(kt))
    return [hit(f"line breaks written {name.get(k_t, repr(k_t))} in the target, "
                f"{name.get(k_s, repr(k_s))} in the source", target=bt, source=bs)]


# ------------------------------------------------------------------ WSP002: full-width endings
# (catalog2's addition, kept apart: pofilter's rule that a CJK full-width punctuation mark, which
# is as wide as a character and spaced in itself, replaces the source's "mark + space".)

def _fullwidth_end(text: str) -> bool:
    """The text ends with a full-width or ideographic punctuation mark (U+3000-U+303F, U+FF01-U+FF0F,
    U+FF1A-U+FF20, U+FF3B-U+FF40, U+FF5B-U+FF65)."""
    if not text:
        return False
    o = ord(text[-1])
    return (0x3001 <= o <= 0x303F or 0xFF01 <= o <= 0xFF0F or 0xFF1A <= o <= 0xFF20 or 0xFF3B <= o <= 0xFF40
            or 0xFF5B <= o <= 0xFF65)
