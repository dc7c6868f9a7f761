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
  or directly followed by another letter ("5%ige", "%50si") is a percent sign, except after a
  name: ``%(num)dlěće``, ``%(link)sWord`` hold the code ``%(num)d`` (a missing space, not a lost
  placeholder); ``%(name)r`` is Python's repr conversion.
  A conversion directly followed by one to three capitals is a code with a unit (``%dMB``); the
  ``'`` flag (``%'d``) is printf's thousands grouping.
- braces: ``{0}``, ``{name}``, ``{name:>10}``, .NET ``{0:N2}``, ``{0,-10}``, ``{0,5:C}``, ``{}``
  (str.format's automatic field),
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
- ICU MessageFormat (and Java MessageFormat), when the text has a typed argument (``{n, plural,``,
  ``{0,number,#.##}``) and parses: its arguments replace the brace codes (``{n, number, integer}``
  is one placeholder, key ``{n,number,integer}``); a plural/select argument's syntax
  (``{count, plural,``, ``one {``, closing braces, ``#``) is an ``icu`` code and the sub-messages'
  text stays prose. ``parse_icu`` / ``icu_message`` give the structure (MRK004 compares it).
"""
from __future__ import annotations

from dataclasses import dataclass
from html.entities import html5 as _HTML5

import regex

from audit.core import lazyre

_HTML_ENTITIES = frozenset(k for k in _HTML5 if k.endswith(";"))

# Translatable attributes: their values may (and should) differ between source and target.
TRANSLATABLE_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder", "label", "summary", "abbr",
                                "content", "value", "equiv-text", "disp", "displaytext"})
# Attributes that name the language or the writing direction: a translation changes them
# (``lang="en"`` -> ``lang="ar"``, ``dir="ltr"`` -> ``dir="rtl"``), like translatable ones.
LOCALE_ATTRS = frozenset({"lang", "xml:lang", "xml-lang", "hreflang", "dir"})
# Layout sizes: a translation may widen a box for a longer text (pofilter's xmltags allows it too).
SIZE_ATTRS = frozenset({"width", "height"})
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
     (?:hh|h|ll|l|L|q|j|z|t|I64|I32)?(?P<conv>(?(pname)[diouxXeEfFgGaAcsSpn@r]|(?:[diouxXeEfFgGaAcsSpn@](?![A-Za-z])|[dsuif](?=[A-Z]{1,3}(?![A-Za-z]))))))
| (?P<atvar>(?<![\w@.])@[A-Za-z_][\w.\-]*@(?![\w@]))
| (?P<entity>&[A-Za-z_][\w.\-]*;)
| (?P<rbrace>%\{[A-Za-z_][\w.]*\})
| (?P<jinja>\{%-?\s*[^%{}\n]{1,80}?\s*-?%\})
| (?P<dbrace>\{\{\{?\s*[#/^>&!]?\s*[A-Za-z_@.][\w.\-@]*(?:\s+[^{}\n]{0,60})?\s*\}\}\}?)
| (?P<dollar>\$\{[A-Za-z_][\w.\-]*(?::[^{}\n]{0,40})?\}|\$\([A-Za-z_^][\w.\-]*\)|\$\[[A-Za-z_][\w.\-]*\]
     |(?<![\w$])\$[A-Za-z_][A-Za-z0-9_]*(?![\w]))
| (?P<auto>\{\})
| (?P<brace>\{(?:\d{1,2}(?:,-?\d{1,3})?|[A-Za-z_][\w.]*|[A-Za-z_][\w]*\[[\w]+\])(?:![rsa])?(?::[^{}\s]{0,20})?\})
"""
CODE_RE = lazyre.compile(_PATTERN, regex.VERBOSE | regex.DOTALL)
_ATTR_RE = lazyre.compile(r"""([\w:.\-]+)(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>=`]+)))?""")
_URL_PREFIX = lazyre.compile(r"^(?i:(?:https?|ftp)://)?(?i:www\.)?")
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
        if not aname.strip("."):
            return None  # '<a rel="noreferrer" ...>': a tag mentioned with its attributes elided, prose
        value = am.group(2) if am.group(2) is not None else am.group(3) if am.group(3) is not None else am.group(4)
        if value is None and not known:
            return None  # "<see below>": prose, not a tag
        if aname in TRANSLATABLE_ATTRS or aname in LOCALE_ATTRS or aname in SIZE_ATTRS:
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
    if "{" in text and looks_icu(text):
        msg = parse_icu(text)
        if msg.error is None:
            return _with_icu(text, out, msg)
    return tuple(out)


def _with_icu(text: str, found: list[Code], msg: IcuMessage) -> tuple[Code, ...]:
    """``found`` with its brace codes replaced by the ICU message's own: each argument without
    sub-messages is a placeholder (key ``{name,type,style}``); a plural/select argument's syntax
    (``{count, plural,``, each ``one {``, the closing braces, ``#``) is an ``icu`` code, its
    sub-messages' text stays prose."""
    kept = [c for c in found if not (c.kind == "placeholder" and c.text[:1] == "{")]
    icu: list[Code] = []
    for a in msg.walk():
        if not a.branches:
            icu.append(Code("placeholder", a.start, a.end, text[a.start:a.end], a.key, a.name, positional=True))
            continue
        icu.append(Code("icu", a.start, a.head_end, text[a.start:a.head_end], a.key, a.name))
        for b in a.branches:
            if a.type == "choice":
                icu.append(Code("icu", b.key_start, b.key_end, text[b.key_start:b.key_end], b.key, a.name))
                continue
            icu.append(Code("icu", b.key_start, b.start + 1, text[b.key_start:b.start + 1], b.key, a.name))
            icu.append(Code("icu", b.end - 1, b.end, "}", "}", a.name))
            icu.extend(Code("icu", h, h + 1, "#", "#", a.name) for h in b.hashes)
        icu.append(Code("icu", a.end - 1, a.end, "}", "}", a.name))
    spans = [(c.start, c.end) for c in kept]
    icu = [c for c in icu if not any(s < c.end and c.start < e for s, e in spans)]
    return tuple(sorted(kept + icu, key=lambda c: (c.start, c.end)))


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


# ------------------------------------------------------------------------------ ICU MessageFormat
#
# ICU MessageFormat (and Java's MessageFormat, which shares the syntax): arguments ``{name}``,
# ``{0, number}``, ``{n, number, integer}``, ``{d, date, short}``, ``{0,number,#.##}``, and the
# complex arguments ``plural``, ``selectordinal``, ``select`` (and Java's ``choice``) whose
# sub-messages are translatable text that may hold further arguments. Apostrophes quote as ICU
# does by default (DOUBLE_OPTIONAL): ``''`` is one apostrophe, ``'`` starts quoted text only
# before ``{``, ``}``, ``|`` or (inside a plural) ``#``; any other apostrophe is a letter
# ("l'heure"); with Java's MessageFormat (PO flag ``java-format``) every single apostrophe quotes.
# ``#`` inside a plural or selectordinal sub-message is the count.

ICU_TYPES = frozenset({"plural", "select", "selectordinal", "number", "date", "time", "spellout", "ordinal",
                       "duration", "choice"})
_ICU_HINT = lazyre.compile(
    r"\{\s*[\w]+\s*,\s*(?:plural|select|selectordinal|number|date|time|spellout|ordinal|duration|choice)\s*[,}]")
_ICU_NAME = lazyre.compile(r"\w[\w.\-]*")  # ICU wants a Pattern_Identifier; formatjs also takes user.name
_ICU_KEY = lazyre.compile(r"=\s*-?\d+(?:\.\d+)?|[\w\-]+")
_ICU_OFFSET = lazyre.compile(r"offset\s*:\s*(\d+)")
_CHOICE_LIMIT = lazyre.compile(r"\s*(-?(?:\d+(?:\.\d+)?|∞)|-∞)\s*([#<≤])")
ICU_FLAGS = frozenset({"icu-format", "icu-message-format", "java-format", "javascript-format-icu"})


@dataclass(frozen=True, slots=True)
class IcuBranch:
    """A sub-message of a plural/select/choice argument: its ``key`` (``one``, ``=0``, ``male``,
    a choice limit) at ``key_start``..``key_end``, the sub-message braces ``start``..``end``
    (``end`` after the closing brace), the arguments it holds and the offsets of its ``#``."""

    key: str
    key_start: int
    key_end: int
    start: int
    end: int
    args: tuple[IcuArg, ...]
    hashes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class IcuArg:
    """One ICU argument: ``name``, ``type`` ("" for ``{name}``), normalised ``style``
    (``integer``, ``#.##``, ``offset:1``), its braces ``start``..``end``, ``head_end`` (the end of
    ``{count, plural, offset:1`` or of the whole simple argument) and its sub-messages."""

    name: str
    type: str
    style: str
    start: int
    end: int
    head_end: int
    branches: tuple[IcuBranch, ...] = ()

    @property
    def key(self) -> str:
        return "{" + ",".join(x for x in (self.name, self.type, self.style) if x) + "}"


@dataclass(frozen=True, slots=True)
class IcuMessage:
    """A parsed message: its top-level arguments, or the offset and reason of a syntax error."""

    args: tuple[IcuArg, ...] = ()
    error: tuple[int, str] | None = None

    def walk(self):
        """Every argument, nested ones included, in text order."""
        def rec(args):
            for a in args:
                yield a
                for b in a.branches:
                    yield from rec(b.args)
        return sorted(rec(self.args), key=lambda a: a.start)

    @property
    def complex(self) -> bool:
        return any(a.type in ICU_TYPES for a in self.walk())


class _IcuError(Exception):
    def __init__(self, pos: int, why: str):
        super().__init__(why)
        self.pos, self.why = pos, why


class _IcuParser:
    def __init__(self, text: str, java: bool = False):
        self.t = text
        self.n = len(text)
        self.java = java  # Java's MessageFormat: every lone apostrophe starts quoted text

    def ws(self, i: int) -> int:
        while i < self.n and self.t[i].isspace():
            i += 1
        return i

    def quoted(self, i: int, specials: str) -> int:
        """At an apostrophe: the offset after the quoting it starts (or after the literal)."""
        t = self.t
        if i + 1 < self.n and t[i + 1] == "'":
            return i + 2
        if i + 1 < self.n and (t[i + 1] in specials or self.java):
            j = i + 1
            while j < self.n:
                if t[j] == "'":
                    if j + 1 < self.n and t[j + 1] == "'":
                        j += 2
                        continue
                    return j + 1
                j += 1
            return self.n  # unterminated quote: quoted to the end, as ICU does
        return i + 1

    def message(self, i: int, plural: bool, depth: int, choice: bool = False):
        """Parse text and arguments from ``i`` up to an unmatched ``}`` (or ``|`` in a choice)."""
        t = self.t
        args: list[IcuArg] = []
        hashes: list[int] = []
        specials = "{}#|" if plural or choice else "{}|"
        while i < self.n:
            ch = t[i]
            if ch == "'":
                i = self.quoted(i, specials)
            elif ch == "{":
                a = self.arg(i, depth, plural)
                args.append(a)
                i = a.end
            elif ch == "}":
                if depth == 0:
                    raise _IcuError(i, "closing brace without an opening one")
                break
            elif ch == "|" and choice:
                break
            else:
                if ch == "#" and plural:
                    hashes.append(i)
                i += 1
        return tuple(args), tuple(hashes), i

    def arg(self, start: int, depth: int, plural: bool = False) -> IcuArg:
        t = self.t
        if depth > 20:
            raise _IcuError(start, "arguments nested too deeply")
        i = self.ws(start + 1)
        m = _ICU_NAME.match(t, i)
        if not m:
            raise _IcuError(start, "brace without an argument name")
        name = m.group()
        i = self.ws(m.end())
        if i < self.n and t[i] == "}":
            return IcuArg(name, "", "", start, i + 1, i + 1)
        if i >= self.n or t[i] != ",":
            raise _IcuError(start, f"argument {{{name}...: expected ',' or '}}' after the name")
        i = self.ws(i + 1)
        m = _ICU_NAME.match(t, i)
        if not m:
            raise _IcuError(i if i < self.n else start, f"argument {{{name},...: missing type")
        typ = m.group().lower()
        head_end = m.end()
        i = self.ws(m.end())
        if i < self.n and t[i] == "}":
            return IcuArg(name, typ, "", start, i + 1, i + 1)
        if i >= self.n or t[i] != ",":
            raise _IcuError(start, f"argument {{{name}, {typ}...: expected ',' or '}}' after the type")
        if typ in ("plural", "selectordinal", "select", "choice"):
            head_end = i + 1  # the head ends with its comma: ``{count, plural,``
        i = self.ws(i + 1)
        if typ in ("plural", "selectordinal", "select"):
            return self.branches(name, typ, start, head_end, i, depth, plural)
        if typ == "choice":
            return self.choice(name, start, head_end, i, depth)
        # a simple style (``integer``, ``short``, ``#.##``, ``::currency/EUR``): up to the matching brace
        j, level = i, 0
        while j < self.n:
            ch = t[j]
            if ch == "'":
                j = self.quoted(j, "{}#|")
                continue
            if ch == "{":
                level += 1
            elif ch == "}":
                if level == 0:
                    break
                level -= 1
            j += 1
        if j >= self.n:
            raise _IcuError(start, f"argument {{{name}, {typ}, ... is not closed")
        style = " ".join(t[i:j].split())
        return IcuArg(name, typ, style, start, j + 1, j + 1)

    def branches(self, name: str, typ: str, start: int, head_end: int, i: int, depth: int,
                 plural: bool) -> IcuArg:
        t = self.t
        style = ""
        if typ != "select" and (m := _ICU_OFFSET.match(t, i)):
            style = f"offset:{m.group(1)}"
            head_end = m.end()
            i = self.ws(m.end())
        out: list[IcuBranch] = []
        while True:
            i = self.ws(i)
            if i >= self.n:
                raise _IcuError(start, f"argument {{{name}, {typ}, ... is not closed")
            if t[i] == "}":
                break
            m = _ICU_KEY.match(t, i)
            if not m:
                raise _IcuError(i, f"argument {{{name}, {typ}, ...: expected a keyword")
            key = m.group().replace(" ", "")
            j = self.ws(m.end())
            if j >= self.n or t[j] != "{":
                raise _IcuError(j if j < self.n else i, f"keyword {key} of {{{name}, {typ}}} without a sub-message")
            args, hashes, k = self.message(j + 1, typ != "select" or plural, depth + 1)
            if k >= self.n:
                raise _IcuError(j, f"sub-message {key} {{... of {{{name}, {typ}}} is not closed")
            out.append(IcuBranch(key, m.start(), m.end(), j, k + 1, args, hashes))
            i = k + 1
        return IcuArg(name, typ, style, start, i + 1, head_end, tuple(out))

    def choice(self, name: str, start: int, head_end: int, i: int, depth: int) -> IcuArg:
        t = self.t
        out: list[IcuBranch] = []
        while True:
            m = _CHOICE_LIMIT.match(t, i)
            if not m:
                raise _IcuError(i if i < self.n else start, f"choice {{{name}, choice, ...: expected a limit")
            args, hashes, k = self.message(m.end(), False, depth + 1, choice=True)
            if k >= self.n:
                raise _IcuError(start, f"argument {{{name}, choice, ... is not closed")
            key = m.group(1) + m.group(2)
            out.append(IcuBranch(key, m.start(1), m.end(), m.end(), k, args, hashes))
            if t[k] == "}":
                return IcuArg(name, "choice", "", start, k + 1, head_end, tuple(out))
            i = k + 1


def looks_icu(text: str) -> bool:
    """True when the text has an ICU argument with a type (``{n, plural,``, ``{0,number}``)."""
    return "{" in text and _ICU_HINT.search(text) is not None


def parse_icu(text: str, java: bool = False) -> IcuMessage:
    """Parse ``text`` as an ICU MessageFormat pattern (errors are returned, not raised); ``java``:
    with Java's quoting, where any single apostrophe quotes ("l'heure {0}" hides ``{0}``)."""
    p = _IcuParser(text, java)
    try:
        args, _, _ = p.message(0, False, 0)
    except _IcuError as e:
        return IcuMessage((), (e.pos, e.why))
    return IcuMessage(args)


def icu_message(text: str, flags: frozenset[str] = frozenset()) -> IcuMessage | None:
    """The parsed ICU message when the text looks like ICU (a typed argument) or the unit's format
    ``flags`` declare ICU/Java MessageFormat, and it parses; else None (braces in prose)."""
    if not (looks_icu(text) or (flags & ICU_FLAGS and "{" in text)):
        return None
    msg = parse_icu(text, java="java-format" in flags)
    return None if msg.error else msg


# KDE's context comment: a msgid that begins ``_: context\n`` (the comment, then an escaped or a
# real line break) carries its disambiguation in the text; it is not source text to translate.
_KDE_CONTEXT = lazyre.compile(r"_: [^\n]*?(?:\\n\n?|\n)")


def kde_context_end(text: str) -> int:
    """The length of a leading KDE ``_:`` context comment of ``text`` (0 when it has none)."""
    if not text.startswith("_: "):
        return 0
    m = _KDE_CONTEXT.match(text)
    return m.end() if m else 0

