"""Guess an input's format from its first bytes, when the extension does not say."""
from __future__ import annotations

import json


def sniff_format(path: str) -> str | None:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    low = text[:2000].lower()
    if text.startswith("<"):
        if "<tmx" in low:
            return "tmx"
        if "<xliff" in low:
            return "xliff"
        return None
    if text.startswith("{"):
        first = text.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            return None
    if "msgid " in text and "msgstr" in text:
        return "po"
    first = text.split("\n", 1)[0]
    if "\t" in first:
        return "tsv"
    return None
