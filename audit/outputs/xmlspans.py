"""Where each element of an XML file sits in its text: a small lexical scan, for patching files in place.

``scan(text)`` returns the root ``Node``: for every element its qualified name, the offsets of its
start tag (``start``..``open_end``), of its end tag (``close_start``..``end``; the same as the start
tag's for an empty element ``<x/>``), its attributes with the offsets of each value, and its child
elements. Comments, CDATA sections, processing instructions and the DOCTYPE (internal subset
included) are stepped over; text is not kept (it lies between the recorded offsets). Callers parse
the file with the safe lxml parser first (``audit.core.xmlsafe``): this scan only locates, and
refuses with an ``InputError`` anything it cannot place (mismatched tags, an unterminated construct).

``escape_text`` / ``escape_attr`` escape data for element content and attribute values.
"""
from __future__ import annotations

import re

from audit.core import lazyre
from audit.core.errors import InputError

_NAME = r"[^\s/>=<\"']+"
_ATTR = lazyre.re_compile(r"\s+(" + _NAME + r")\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class Node:
    """One element: its name, where its tags are, its attributes (parsed when first asked for)
    and its child elements."""

    __slots__ = ("_attrs", "_text", "a_end", "a_start", "children", "close_start", "empty", "end", "name",
                 "open_end", "parent", "start")

    def __init__(self, name: str, start: int, text: str = "", a_start: int = 0, a_end: int = 0):
        self.name, self.start, self._text = name, start, text
        self.a_start, self.a_end = a_start, a_end
        self.open_end = self.close_start = self.end = 0
        self.empty = False
        self._attrs: dict | None = None
        self.children: list[Node] = []
        self.parent: Node | None = None

    @property
    def attrs(self) -> dict[str, tuple[str, int, int]]:
        """name -> (raw value, value start, value end)."""
        if self._attrs is None:
            self._attrs = {}
            for a in _ATTR.finditer(self._text, self.a_start, self.a_end):
                q = 2 if a.group(2) is not None else 3
                self._attrs[a.group(1)] = (a.group(q), a.start(q), a.end(q))
        return self._attrs

    @property
    def attr_end(self) -> int:
        """Where a new attribute goes: after the last one, or after the name."""
        return self.a_end

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]

    @property
    def prefix(self) -> str:
        head, sep, _ = self.name.rpartition(":")
        return head + sep

    def get(self, name: str) -> str | None:
        """An attribute's value (entity references decoded), by its qualified name."""
        item = self.attrs.get(name)
        return unescape(item[0]) if item is not None else None

    def kids(self, local: str) -> list[Node]:
        return [c for c in self.children if c.local == local]

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def content(self, text: str) -> str:
        return "" if self.empty else text[self.open_end:self.close_start]


_ENT = lazyre.re_compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def unescape(s: str) -> str:
    if "&" not in s:
        return s

    def sub(m: re.Match) -> str:
        g = m.group(1)
        if g[0] == "#":
            return chr(int(g[1:].replace("x", "0x").replace("X", "0x"), 0) if g[1] in "xX" else int(g[1:]))
        return _NAMED[g]

    return _ENT.sub(sub, s)


def escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(s: str) -> str:
    return escape_text(s).replace('"', "&quot;")


def _doctype_end(text: str, i: int, path: str) -> int:
    depth, quote = 0, None
    for j in range(i + 2, len(text)):
        c = text[j]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            return j + 1
    raise InputError("unterminated DOCTYPE in the XML", path)


_TOKEN = lazyre.re_compile(
    r"<(?:!--.*?-->|!\[CDATA\[.*?\]\]>|\?.*?\?>|(?P<d>!)|/(?P<e>" + _NAME + r")\s*>|(?P<s>" + _NAME + r")"
    r"(?P<a>(?:\s+" + _NAME + r"\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<z>/?)>)", re.DOTALL)


def scan(text: str, path: str = "") -> Node:
    root: Node | None = None
    stack: list[Node] = []
    pos = 0
    search = _TOKEN.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        pos = m.end()
        kind = m.lastgroup
        if m.group("s") is not None:
            node = Node(m.group("s"), m.start(), text, m.start("a"), m.end("a"))
            node.open_end = pos
            if stack:
                node.parent = stack[-1]
                stack[-1].children.append(node)
            elif root is None:
                root = node
            if m.group("z"):
                node.empty = True
                node.close_start = node.end = pos
            else:
                stack.append(node)
        elif m.group("e") is not None:
            if not stack or stack[-1].name != m.group("e"):
                raise InputError("mismatched end tag in the XML", path, text.count("\n", 0, m.start()) + 1)
            node = stack.pop()
            node.close_start, node.end = m.start(), pos
        elif kind == "d":
            pos = _doctype_end(text, m.start(), path)
    if root is None or stack:
        raise InputError("the XML has no complete root element", path)
    return root


def set_attr(patch, node: Node, name: str, value: str) -> None:
    """Give ``node`` the attribute ``name="value"`` (replacing its value, or adding it after the last
    attribute), through ``patch`` (an ``audit.outputs.writeback_text.Patched``)."""
    if name in node.attrs:
        raw, a, b = node.attrs[name]
        if unescape(raw) != value:
            patch.replace(a, b, escape_attr(value))
    else:
        patch.insert(node.attr_end, f' {name}="{escape_attr(value)}"')
