"""Guess an input's format from its first bytes, when the extension does not say.

XML: the root element after the declaration, comments and DOCTYPE (``<tmx``, ``<xliff``).
JSONL: the first non-blank line parses as a JSON object. PO: a line starting with ``msgid "``.
TSV: the first non-blank line has a tab. Anything else: None (the caller asks for --input-format).
"""
from __future__ import annotations

import json

import regex

from audit.core import lazyre
from audit.core.decode import bom_encoding

_ROOT = lazyre.compile(r"<([A-Za-z_][\w.:-]*)")
_SKIP = lazyre.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", regex.S | regex.I)
_PO = lazyre.compile(r"^msgid\s+\"", regex.M)


def _head_text(path: str, size: int = 8192) -> str:
    with open(path, "rb") as fh:
        head = fh.read(size)
    enc = bom_encoding(head)
    if enc is None and head.startswith((b"<\x00?\x00", b"\x00<\x00?")):
        enc = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
    return head.decode(enc or "utf-8", errors="replace").lstrip("\ufeff")


def xml_root(text: str) -> str | None:
    """The local name of the root element of an XML text head, or None if it is not XML."""
    pos = 0
    while True:
        m = _SKIP.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    rest = text[pos:].lstrip()
    m = _ROOT.match(rest)
    if not m:
        return None
    return m.group(1).rpartition(":")[2].lower()


def sniff_format(path: str) -> str | None:
    text = _head_text(path)
    stripped = text.lstrip(" \t\r\n")
    if stripped.startswith("<"):
        root = xml_root(stripped)
        if root == "tmx":
            return "tmx"
        if root == "xliff":
            return "xliff"
        return None
    lines = [ln for ln in stripped.split("\n") if ln.strip()]
    if not lines:
        return None
    first = lines[0]
    if first.lstrip().startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            # a long first line may be cut by the head; a JSON object start is still a strong sign
            if len(first) > 4000 and '"source"' in first:
                return "jsonl"
    if _PO.search(stripped) and "msgstr" in stripped:
        return "po"
    if "\t" in first:
        return "tsv"
    return None
