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
from dataclasses import dataclass, field

from audit.core.errors import InputError

_NAME = r"[^\s/>=<\"']+"
_START = re.compile(r"<(" + _NAME + r")")
_ATTR = re.compile(r"\s+(" + _NAME + r")\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TAG_END = re.compile(r"\s*(/?)>")
_END = re.compile(r"</(" + _NAME + r")\s*>")


@dataclass(eq=False)
class Node:
    name: str
    start: int
    open_end: int = 0
    close_start: int = 0
    end: int = 0
    empty: bool = False
    attrs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # name -> (raw value, value start, end)
    attr_end: int = 0  # where a new attribute can be inserted (after the last one, or the name)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None

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


_ENT = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
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


def _skip(text: str, i: int, opener: str, closer: str, path: str) -> int:
    j = text.find(closer, i + len(opener))
    if j < 0:
        raise InputError(f"unterminated {opener!r} in the XML", path)
    return j + len(closer)


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


def scan(text: str, path: str = "") -> Node:
    root: Node | None = None
    stack: list[Node] = []
    i = text.find("<")
    n = len(text)
    while 0 <= i < n:
        if text.startswith("<!--", i):
            i = _skip(text, i, "<!--", "-->", path)
        elif text.startswith("<![CDATA[", i):
            i = _skip(text, i, "<![CDATA[", "]]>", path)
        elif text.startswith("<?", i):
            i = _skip(text, i, "<?", "?>", path)
        elif text.startswith("<!", i):
            i = _doctype_end(text, i, path)
        elif text.startswith("</", i):
            m = _END.match(text, i)
            if m is None or not stack or stack[-1].name != m.group(1):
                raise InputError("mismatched end tag in the XML", path, text.count("\n", 0, i) + 1)
            node = stack.pop()
            node.close_start, node.end = i, m.end()
            i = m.end()
        else:
            m = _START.match(text, i)
            if m is None:
                raise InputError("a '<' that starts no tag in the XML", path, text.count("\n", 0, i) + 1)
            node = Node(m.group(1), i)
            j = m.end()
            node.attr_end = j
            while True:
                a = _ATTR.match(text, j)
                if a is None:
                    break
                quoted = 2 if a.group(2) is not None else 3
                node.attrs[a.group(1)] = (a.group(quoted), a.start(quoted), a.end(quoted))
                j = node.attr_end = a.end()
            e = _TAG_END.match(text, j)
            if e is None:
                raise InputError("malformed start tag in the XML", path, text.count("\n", 0, i) + 1)
            node.open_end = e.end()
            if stack:
                node.parent = stack[-1]
                stack[-1].children.append(node)
            elif root is None:
                root = node
            if e.group(1):
                node.empty = True
                node.close_start, node.end = node.open_end, node.open_end
            else:
                stack.append(node)
            i = node.open_end
        i = text.find("<", i)
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
