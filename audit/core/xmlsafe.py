"""Safe, streaming XML for the TMX and XLIFF readers (lxml ``iterparse``).

The parser resolves no entities, loads no DTD and fetches nothing from the network
(``resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False``): an XXE or
"billion laughs" file cannot read local files, reach a server or blow up memory. An entity
reference the parser leaves unresolved (``&name;``) is kept in the text literally, as written.

Inline elements become compact placeholder tags in the segment text (see ``render``); each
reader passes its own table of which elements are codes and which attributes identify them.
"""
from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from audit.core.errors import InputError

PAIRED = "paired"  # <g id="1">text</g>: tag kept, content rendered
EMPTY = "empty"  # <ph id="1">payload</ph> -> <ph id="1"/>: a code, its payload is not text
DROP = "drop"  # removed with its content (XLIFF 2 <sm/>, <em/> annotation markers)
CP = "cp"  # XLIFF 2 <cp hex="0001"/>: the code point itself

_ESC = str.maketrans({"&": "&amp;", '"': "&quot;", "<": "&lt;"})


def safe_iterparse(path: str, events=("end",), tag=None):
    return etree.iterparse(
        path, events=events, tag=tag, resolve_entities=False, load_dtd=False, no_network=True,
        huge_tree=False, dtd_validation=False, remove_blank_text=False,
    )


def xml_error(path: str, exc: Exception) -> InputError:
    """An lxml syntax error as a one-line InputError naming the file and line."""
    msg = getattr(exc, "msg", None) or str(exc) or "malformed XML"
    line = getattr(exc, "lineno", None)
    col = None
    pos = getattr(exc, "position", None)
    if pos and len(pos) == 2:
        line, col = pos
    # iterparse sometimes raises a vague "no element found" at (0, 0): libxml2's log has the cause
    # (the log may also hold older errors of other files: take this file's last one)
    if not line or line <= 0 or msg == "no element found":
        entries = [e for e in (getattr(exc, "error_log", None) or ())
                   if e.level_name in ("FATAL", "ERROR") and e.filename in (path, None, "<string>")]
        if entries:
            msg, line, col = entries[-1].message, entries[-1].line, entries[-1].column
    msg = " ".join(str(msg).split())
    # lxml repeats ", line N, column M" at the end of its message: we say it once, our way
    msg = re.sub(r",?\s*line \d+,\s*column \d+\s*$", "", msg)
    if col:
        msg = f"{msg} (column {col})"
    return InputError(f"malformed XML: {msg}", path, line if line and line > 0 else None)


def events(path: str, events=("end",), tag=None) -> Iterator[tuple[str, etree._Element]]:
    """``iterparse`` events with every parser error turned into an ``InputError``."""
    it = safe_iterparse(path, events, tag)
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except etree.XMLSyntaxError as exc:
            raise xml_error(path, exc) from None
        except OSError as exc:  # unreadable mid-way
            raise InputError(f"cannot read: {exc}", path) from None
        yield item


def release(el: etree._Element) -> None:
    """Free a processed element and the siblings before it (constant memory while streaming)."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def xml_lang(el: etree._Element) -> str | None:
    v = el.get("{http://www.w3.org/XML/1998/namespace}lang") or el.get("lang")
    return v.strip() if v and v.strip() else None


def _attrs(el: etree._Element, names: tuple[str, ...]) -> str:
    out = []
    for n in names:
        v = el.get(n)
        if v is not None:
            out.append(f' {n}="{v.translate(_ESC)}"')
    return "".join(out)


def render(el: etree._Element, rules: dict[str, tuple[str, tuple[str, ...]]], path: str | None = None) -> str:
    """The text of a segment element, inline codes as placeholder tags.

    ``rules`` maps an element's local name to (kind, identifying attributes). Elements not in
    ``rules`` (``<mrk>``, ``<hi>``, foreign markup) are transparent: their text is kept, their tag
    dropped. Comments and processing instructions are dropped (their tail text is kept).
    """
    if len(el) == 0:
        return el.text or ""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            if tag is etree.Entity:
                parts.append(child.text or "")  # "&name;", never expanded
        else:
            kind, names = rules.get(local(tag), (None, ()))
            if kind is None:
                parts.append(render(child, rules, path))
            elif kind == PAIRED:
                name = local(tag)
                parts.append(f"<{name}{_attrs(child, names)}>")
                parts.append(render(child, rules, path))
                parts.append(f"</{name}>")
            elif kind == EMPTY:
                parts.append(f"<{local(tag)}{_attrs(child, names)}/>")
            elif kind == CP:
                try:
                    ch = chr(int(child.get("hex", ""), 16))
                    parts.append("\ufffd" if "\ud800" <= ch <= "\udfff" else ch)  # no UTF-8 text holds a surrogate
                except (ValueError, OverflowError):
                    raise InputError(f"bad <cp hex={child.get('hex')!r}>: not a code point", path,
                                     child.sourceline) from None
        parts.append(child.tail or "")
    return "".join(parts)
