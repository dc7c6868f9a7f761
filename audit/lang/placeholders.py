"""Inline codes of a segment, with exact offsets: tags, printf and brace placeholders, template
variables, URLs and e-mail addresses.

``codes(view)`` (memoised per view: ``ctx.tgt.memo(codes)``) returns a tuple of ``Code`` in text
order. One left-to-right scan with a single alternation, so a URL inside a tag's attribute, or a
``{name}`` inside a URL, is part of the outer code and not a second one. A cheap character test
skips the scan on plain prose (most segments).

What counts as a code, and what deliberately does not:

- tags: ``<b>``, ``</b>``, ``<br/>``, ``<a href="...">``, XLIFF inline codes as the readers
  write them (``<g id="1">``, ``<x id="2"/>``, ``<ph id="3"/>``, ``<pc id="1">``, ``<bpt>``...),
  comments ``<!-- -->``. A ``<`` not followed by a tag name ("a < b", "<3") is prose. Attributes
  need a value unless the tag name is a known HTML element (``<input disabled>``).
- printf: ``%s``, ``%d``, ``%1$s``, ``%-5.2f``, ``%(name)s``, ``%@``, ``%{name}``; ``%%`` is a
  literal percent sign and no code. A ``%`` after a digit ("50%"), before a space ("50 %", French)
  or directly followed by another letter ("5%ige", "%50si") is a percent sign.
  A conversion directly followed by one to three capitals is a code with a unit (``%dMB``); the
  ``'`` flag (``%'d``) is printf's thousands grouping.
- braces: ``{0}``, ``{name}``, ``{name:>10}``, ``{}`` (str.format's automatic field),
  ``{{ var }}``, ``{% tag %}``, ``${VAR}``, ``$VAR`` (not ``$5``). ``{`` with prose inside ("{see
  note}") is prose.
- template variables: ``$(var)`` (Makefile, NSIS ``$(^Name)``), ``$[var]``, ``@VAR@`` (autoconf,
  Creative Commons), ``%VAR%`` (Windows, OpenOffice; a name of three or more characters that is no
  printf spec, so ``%d%`` stays a number and a percent sign), ``&name;`` (XML entities such as
  Mozilla's ``&brandShortName;``) unless it is an HTML character reference (``&amp;``, ``&nbsp;``:
  text, not a variable).
- URLs (``http(s)://``, ``ftp://``, ``www.``) without the sentence punctuation that follows them
  ("see https://x.org/a." ends at ``a``; a closing bracket stays when the URL opened it).
- e-mail addresses.
"""
from __future__ import annotations

from dataclasses import dataclass
from html.entities import html5 as _HTML5

import regex

_HTML_ENTITIES = frozenset(k for k in _HTML5 if k.endswith(";"))

# Translatable attributes: their values may (and should) differ between source and target.
TRANSLATABLE_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder", "label", "summary", "abbr",
                                "content", "value", "equiv-text", "disp", "displaytext"})
# Attributes that name the language or the writing direction: a translation changes them
# (``lang="en"`` -> ``lang="ar"``, ``dir="ltr"`` -> ``dir="rtl"``), like translatable ones.
LOCALE_ATTRS = frozenset({"lang", "xml:lang", "xml-lang", "hreflang", "dir"})
HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b bdi bdo big blockquote body br button canvas caption cite code col
colgroup data dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2
h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark meta meter nav
noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section
select small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead
time title tr track tt u ul var video wbr
""".split())
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# XLIFF 1.2 / 2.x inline elements (and TMX ones): all codes.
XLIFF_ELEMENTS = frozenset("g x bx ex ph bpt ept it sub mrk pc sc ec sm em cp hi ut".split())

_ATTR = r"""[\w:.\-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?"""
_PATTERN = r"""
  (?P<comment><!--.*?-->)
| (?P<tag></?(?P<tname>[A-Za-z][\w:.\-]*)(?P<attrs>(?:\s+""" + _ATTR + r""")*)\s*/?>)
| (?P<url>(?:(?:https?|ftp)://|www\.)[^\s<>"'“”«»‘’\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\u3000-\u303f\uff00-\uffef]+)
| (?P<email>(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-]))
| (?P<pct>%%)
| (?P<pctvar>(?<![\w%])%(?!(?:hh|ll|I64|I32|[hlLqjzt])?[diouxXeEfFgGaAcsSpn@]%)[A-Za-z_][A-Za-z0-9_]{2,}%(?![\w%]))
| (?P<printf>(?<![\d%])%(?:(?P<pos>[1-9]\d*)\$)?(?:\((?P<pname>[A-Za-z_]\w*)\))?[\-+0#']*(?:\d+|\*)?(?:\.(?:\d+|\*))?
     (?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?P<conv>[diouxXeEfFgGaAcsSpn@](?![A-Za-z])|[dsuif](?=[A-Z]{1,3}(?![A-Za-z]))))
| (?P<atvar>(?<![\w@.])@[A-Za-z_][\w.\-]*@(?![\w@]))
| (?P<entity>&[A-Za-z_][\w.\-]*;)
| (?P<rbrace>%\{[A-Za-z_][\w.]*\})
| (?P<jinja>\{%-?\s*[^%{}\n]{1,80}?\s*-?%\})
| (?P<dbrace>\{\{\{?\s*[#/^>&!]?\s*[A-Za-z_@.][\w.\-@]*(?:\s+[^{}\n]{0,60})?\s*\}\}\}?)
| (?P<dollar>\$\{[A-Za-z_][\w.\-]*(?::[^{}\n]{0,40})?\}|\$\([A-Za-z_^][\w.\-]*\)|\$\[[A-Za-z_][\w.\-]*\]
     |(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]*(?![\w]))
| (?P<auto>\{\})
| (?P<brace>\{(?:\d{1,2}|[A-Za-z_][\w.]*|[A-Za-z_][\w]*\[[\w]+\])(?:![rsa])?(?::[^{}\s]{0,20})?\})
"""
CODE_RE = regex.compile(_PATTERN, regex.VERBOSE | regex.DOTALL)
_ATTR_RE = regex.compile(r"""([\w:.\-]+)(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>=`]+)))?""")
_URL_PREFIX = regex.compile(r"^(?i:(?:https?|ftp)://)?(?i:www\.)?")
_URL_TRAIL = ".,;:!?'\"»”’)]}>。，、；：！？"


@dataclass(frozen=True, slots=True)
class Code:
    """One inline code: ``kind`` (tag, printf, brace, url, email), exact ``start``/``end``,
    its ``text`` and a normalised ``key`` that compares equal when two codes mean the same."""

    kind: str
    start: int
    end: int
    text: str
    key: str
    name: str = ""  # tag name (lower case), printf conversion, placeholder name
    positional: bool = False  # printf %1$s or brace {0}: reordering is legal
    closing: bool = False
    opening: bool = False


def _tag_code(m) -> Code | None:
    text = m.group("tag")
    name = m.group("tname").lower()
    attrs_text = m.group("attrs") or ""
    closing = text.startswith("</")
    self_closing = text.endswith("/>")
    known = name in HTML_ELEMENTS or name in XLIFF_ELEMENTS
    attrs = []
    for am in _ATTR_RE.finditer(attrs_text):
        aname = am.group(1).lower()
        value = am.group(2) if am.group(2) is not None else am.group(3) if am.group(3) is not None else am.group(4)
        if value is None and not known:
            return None  # "<see below>": prose, not a tag
        if aname in TRANSLATABLE_ATTRS or aname in LOCALE_ATTRS:
            continue
        attrs.append(f"{aname}={value or ''}")
    if closing and attrs:
        return None
    if not known and not attrs_text.strip() and not self_closing and " " in text:
        return None
    if (not known and not attrs and not closing and not self_closing and m.group("tname")[0].isupper()
            and "</" + m.group("tname") not in m.string):
        return None  # "<Error>", "<Empty>": a capitalised word in brackets that nothing closes is text
    if closing:
        form = "close"
    elif self_closing or name in VOID_ELEMENTS:
        form = "empty"
    else:
        form = "open"
    key = f"<{form}:{name}{'|' + ' '.join(sorted(attrs)) if attrs else ''}>"
    return Code("tag", m.start(), m.end(), text, key, name, closing=form == "close", opening=form == "open")


def _url_end(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation after a URL; keep a closing bracket the URL itself opened."""
    while end > start:
        ch = text[end - 1]
        if ch not in _URL_TRAIL:
            break
        if ch in ")]}":
            opener = {")": "(", "]": "[", "}": "{"}[ch]
            seg = text[start:end]
            if seg.count(opener) >= seg.count(ch):
                break
        end -= 1
    return end


def _scan(text: str) -> tuple[Code, ...]:
    if not ("<" in text or "%" in text or "{" in text or "$" in text or "@" in text or "&" in text
            or "://" in text or "www." in text):
        return ()
    out: list[Code] = []
    for m in CODE_RE.finditer(text):
        kind = m.lastgroup
        if kind == "tag" or m.group("tag") is not None:
            c = _tag_code(m)
            if c is not None:
                out.append(c)
        elif m.group("comment") is not None:
            t = m.group()
            out.append(Code("tag", m.start(), m.end(), t, "<!--" + " ".join(t[4:-3].split()) + "-->", "!--"))
        elif m.group("url") is not None:
            s = m.start()
            e = _url_end(text, s, m.end())
            u = text[s:e]
            if e - s > 4 and (u.lower().startswith("www.") is False or "." in u[4:]):
                key = _URL_PREFIX.sub("", u).rstrip("/")
                host, _, rest = key.partition("/")
                key = host.lower() + (_ + rest if rest else "")
                out.append(Code("url", s, e, u, key))
        elif m.group("email") is not None:
            t = m.group()
            out.append(Code("email", m.start(), m.end(), t, t.lower()))
        elif m.group("pct") is not None:
            continue
        elif m.group("printf") is not None:
            t = m.group()
            conv = m.group("conv")
            conv = "d" if conv == "i" else conv
            pos = m.group("pos")
            # the key keeps what changes behaviour: position, name, conversion (and width/precision)
            body = t[1:]
            if pos:
                body = body[len(pos) + 1:]
            key = f"%{pos + '$' if pos else ''}{body[:-1]}{conv}"
            out.append(Code("printf", m.start(), m.end(), t, key, conv, positional=bool(pos or m.group("pname"))))
        elif m.group("auto") is not None:
            # str.format's automatic field: sequential, so only the count matters
            out.append(Code("placeholder", m.start(), m.end(), "{}", "{}", ""))
        elif m.group("entity") is not None:
            t = m.group()
            if t[1:] in _HTML_ENTITIES:
                continue  # &amp; &lt; &nbsp;: character references are text, not variables
            out.append(Code("placeholder", m.start(), m.end(), t, t, t[1:-1], positional=True))
        else:
            t = m.group()
            if kind == "dbrace":
                inner = t.strip("{}").strip()
                key = "{{" + " ".join(inner.split()) + "}}"
            elif kind == "jinja":
                key = "{%" + " ".join(t[2:-2].strip("-").split()) + "%}"
            elif kind == "dollar":
                key = t
            else:
                key = t
            name = key.strip("{}$%#@()[]^ ").split(":")[0].split("!")[0]
            # named and numbered placeholders identify themselves: reordering them is legal
            out.append(Code("placeholder", m.start(), m.end(), t, key, name, positional=True))
    return tuple(out)


def codes(view) -> tuple[Code, ...]:
    """All inline codes of a TextView (use ``view.memo(codes)``)."""
    return _scan(view.text)


def scan(text: str) -> tuple[Code, ...]:
    """All inline codes of a string (uncached)."""
    return _scan(text)


def code_mask(text: str, found: tuple[Code, ...] | None = None) -> str:
    """The text with every code replaced by spaces (same length): prose for word counting."""
    found = _scan(text) if found is None else found
    if not found:
        return text
    parts = []
    last = 0
    for c in found:
        parts.append(text[last:c.start])
        parts.append(" " * (c.end - c.start))
        last = c.end
    parts.append(text[last:])
    return "".join(parts)


def prose(view) -> str:
    """The view's text with codes blanked out (memoisable: ``view.memo(prose)``)."""
    return code_mask(view.text, view.memo(codes))
