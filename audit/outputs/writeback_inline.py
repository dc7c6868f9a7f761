"""A post-edited target mapped back onto the inline structure of the target it replaces.

The reader renders a target element's content as text with inline codes as placeholder tags
(``<ph id="1"/>``, ``<g id="1">``..``</g>``) and with non-code elements (``<mrk>``, TMX ``<hi>``,
XLIFF 2 ``<mrk>``, ``<sm/>``/``<em/>``), comments and CDATA markers dropped. ``edited_content``
lines the original content up with the edited text, piece by piece (a code placeholder, a
reference such as ``&amp;``, one character), with ``difflib``: the pieces the edit keeps are
written as they were in the file (their raw bytes, codes with their payload), the non-code tags
around and between them are all kept (so a ``<mrk>`` keeps whatever of its text the edit did not
touch), a non-code element whose whole text the edit deleted goes, and inserted text goes right
after the piece before it, escaped (at a mark's edge: inside it when the text continues the mark's
word, outside when it starts a new one); an inserted placeholder of a code the unit has becomes
that code. The text the reader gets back from the result is the edited
text, always. Codes the original target has and the edit does not are reported (the caller warns:
what the user wrote is written).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from audit.core import lazyre
from audit.core.xmlsafe import _ESC, CP, DROP, EMPTY, PAIRED

_TAG = lazyre.re_compile(r"(<[^<>]*>)")
_REF = lazyre.re_compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ANY_REF = lazyre.re_compile(r"&[^\s&;<>]+;")

# token kinds: text (a character or a reference), code (an inline code's tag), mark (a non-code
# tag, a comment, a CDATA marker: renders as nothing)
TEXT, CODE, MARK = "t", "c", "m"


class Tok:
    __slots__ = ("cdata", "end", "kind", "mate", "rendered", "start")

    def __init__(self, kind: str, rendered: str, start: int, end: int, cdata: bool = False):
        self.kind, self.rendered, self.start, self.end, self.cdata = kind, rendered, start, end, cdata
        self.mate = -1  # a mark's opening tag: the index of its closing tag


def _attrs(node, names) -> str:
    return "".join(f' {n}="{node.get(n).translate(_ESC)}"' for n in names if node.get(n) is not None)


def _text(text: str, a: int, b: int, out: list) -> None:
    from audit.outputs.xmlspans import unescape

    i = a
    while i < b:
        c = text[i]
        if c == "<":
            for opening, closing in (("<!--", "-->"), ("<?", "?>")):
                if text.startswith(opening, i):
                    j = text.index(closing, i) + len(closing)
                    out.append(Tok(MARK, "", i, j))
                    i = j
                    break
            else:
                if text.startswith("<![CDATA[", i):
                    j = text.index("]]>", i)
                    out.append(Tok(MARK, "", i, i + 9))
                    out.extend(Tok(TEXT, text[k], k, k + 1, True) for k in range(i + 9, j))
                    out.append(Tok(MARK, "", j, j + 3))
                    i = j + 3
                else:  # not reached in well-formed XML
                    out.append(Tok(TEXT, c, i, i + 1))
                    i += 1
            continue
        if c == "&":
            m = _REF.match(text, i) or _ANY_REF.match(text, i)
            if m is not None:
                ref = m.group()
                out.append(Tok(TEXT, unescape(ref) if _REF.match(ref) else ref, i, m.end()))
                i = m.end()
                continue
        if c == "\r":
            j = i + 2 if text.startswith("\r\n", i) else i + 1
            out.append(Tok(TEXT, "\n", i, j))
            i = j
            continue
        out.append(Tok(TEXT, c, i, i + 1))
        i += 1


def tokens(text: str, node, rules) -> list[Tok]:
    """The content of element ``node`` (an ``xmlspans.Node`` of ``text``) as tokens in file order."""
    out: list[Tok] = []

    def walk(el) -> None:
        pos = el.open_end
        for c in [*el.children, None]:
            _text(text, pos, c.start if c is not None else el.close_start, out)
            if c is None:
                return
            kind, names = rules.get(c.local, (None, ()))
            if kind == EMPTY:
                out.append(Tok(CODE, f"<{c.local}{_attrs(c, names)}/>", c.start, c.end))
            elif kind == PAIRED:
                out.append(Tok(CODE, f"<{c.local}{_attrs(c, names)}>", c.start, c.open_end))
                if not c.empty:
                    walk(c)
                out.append(Tok(CODE, f"</{c.local}>", c.close_start if not c.empty else c.end, c.end))
            elif kind == CP:
                try:
                    ch = chr(int(c.get("hex") or "", 16))
                except (ValueError, OverflowError):
                    ch = ""
                out.append(Tok(TEXT, "\ufffd" if "\ud800" <= ch <= "\udfff" else ch, c.start, c.end))
            elif kind == DROP or c.empty:
                out.append(Tok(MARK, "", c.start, c.end))
            else:  # a transparent element: its tags kept around its text
                k = len(out)
                out.append(Tok(MARK, "", c.start, c.open_end))
                walk(c)
                out[k].mate = len(out)
                out.append(Tok(MARK, "", c.close_start, c.end))
            pos = c.end

    if not node.empty:
        walk(node)
    return out


def _unpaired(parts: list[str], codes: dict[str, str]) -> set[int]:
    """Indices (in ``_TAG.split`` parts) of paired-code tags whose other end the edit removed: when a
    code's start and end tags are not as many in the edit, all of that code's tags are text."""
    def name(part):
        return re.match(r"</?([^\s/>]+)", part).group(1)

    paired = [k for k, part in enumerate(parts) if k % 2 and part in codes and not part.endswith("/>")]
    counts: dict[str, list[int]] = {}
    for k in paired:
        counts.setdefault(name(parts[k]), [0, 0])[parts[k].startswith("</")] += 1
    odd = {n for n, (opening, closing) in counts.items() if opening != closing}
    return {k for k in paired if name(parts[k]) in odd}


def _edited_pieces(new: str, codes: dict[str, str]) -> list[str]:
    out: list[str] = []
    parts = _TAG.split(new)
    unpaired = _unpaired(parts, codes)
    for k, part in enumerate(parts):
        if k % 2 and part in codes and k not in unpaired:
            out.append(part)
            continue
        i = 0
        while i < len(part):
            m = _ANY_REF.match(part, i) if part[i] == "&" else None
            if m is not None:
                out.append(m.group())
                i = m.end()
            else:
                out.append(part[i])
                i += 1
    return out


def edited_content(text: str, node, rules, original: str, new: str, codes: dict[str, str],
                   render_new) -> tuple[str, list[str]] | None:
    """(the XML content for ``node`` holding ``new``, the code placeholders the edit removed), or
    None when the tokens do not give the reader's text ``original`` back (the caller writes ``new``
    plainly).
    ``render_new(piece, code)`` is the XML for an inserted piece of the edited text: a code's
    placeholder (``code`` true) or a run of text. A paired code whose start or end tag the edit
    removed is text (what the user wrote), and reported as removed."""
    toks = tokens(text, node, rules)
    shown = [k for k, t in enumerate(toks) if t.kind != MARK]
    old = [toks[k].rendered for k in shown]
    edited = _edited_pieces(new, codes)
    if "".join(old) != original:
        return None
    edited_codes = {t for t in edited if t in codes}  # pieces of the edit that are codes (the rest is text)
    removed = Counter(t for t in old if t in codes and t[:2] != "</")
    removed.subtract(t for t in edited if t in codes)
    keep = [False] * len(toks)
    for k, t in enumerate(toks):
        keep[k] = t.kind == MARK
    inserts: dict[int, list[str]] = {}  # token index after which the text goes (-1: at the start)
    for tag, i1, i2, j1, j2 in _opcodes(old, edited):
        if tag == "equal":
            for i in range(i1, i2):
                keep[shown[i]] = True
        if tag in ("insert", "replace"):
            after = shown[i1 - 1] if i1 > 0 else -1
            inserts.setdefault(after, []).extend(edited[j1:j2])
    closers = {t.mate for t in toks if t.mate >= 0}
    placed: dict[int, str] = {}  # token index after which inserted XML goes
    for after, pieces in inserts.items():
        at = _place(toks, closers, after, "".join(pieces))
        xml = "".join(render_new(p, p in codes and p in edited_codes) for p in _join_text(pieces, edited_codes))
        placed[at] = placed.get(at, "") + (f"]]>{xml}<![CDATA[" if at >= 0 and toks[at].cdata else xml)
    # a mark whose text the edit deleted entirely (and put nothing in) goes with it
    for k, t in enumerate(toks):
        if t.kind == MARK and t.mate > k:
            inside = [i for i in range(k + 1, t.mate) if toks[i].kind != MARK]
            if inside and not any(keep[i] for i in inside) and not any(i in placed for i in range(k, t.mate)):
                keep[k] = keep[t.mate] = False
    parts: list[str] = [placed.get(-1, "")]
    for k, t in enumerate(toks):
        if keep[k]:
            parts.append(text[t.start:t.end])
        parts.append(placed.get(k, ""))
    return "".join(parts), sorted((removed - Counter()).elements())


def _opcodes(old: list[str], new: list[str]):
    """difflib's opcodes from ``old`` to ``new``, with the common head and tail taken off first (an
    edit is most often local: a long segment then costs little)."""
    head = 0
    while head < len(old) and head < len(new) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < len(old) - head and tail < len(new) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if head:
        yield "equal", 0, head, 0, head
    matcher = difflib.SequenceMatcher(None, old[head:len(old) - tail], new[head:len(new) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        yield tag, i1 + head, i2 + head, j1 + head, j2 + head
    if tail:
        yield "equal", len(old) - tail, len(old), len(new) - tail, len(new)


def _place(toks: list[Tok], closers: set[int], after: int, inserted: str) -> int:
    """The token after which inserted text goes, from ``after`` (the token before it): at a mark's
    edge, text that starts a new word (space, punctuation first) goes outside a mark that ends
    there, and text that runs into the mark's first word goes inside a mark that starts there."""
    at = after
    if inserted[:1].isspace() or (inserted[:1] and not inserted[0].isalnum()):
        while at + 1 < len(toks) and at + 1 in closers:
            at += 1
        return at
    if inserted[-1:].isalnum():
        k = at + 1
        while k < len(toks) and toks[k].mate > k:
            k += 1
        if k > at + 1 and k < len(toks) and toks[k].kind == TEXT and toks[k].rendered[:1].isalnum():
            return k - 1
    return at


def _join_text(pieces: list[str], codes) -> list[str]:
    """Consecutive text pieces joined, codes apart (``render_new`` gets a code or a run of text)."""
    out: list[str] = []
    for p in pieces:
        if p in codes or not out or out[-1] in codes:
            out.append(p)
        else:
            out[-1] += p
    return out
