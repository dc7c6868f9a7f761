"""JSONL reader: one object a line, ``{"source", "target", "reference"?|"references"?, "id"?}``."""
from __future__ import annotations

import json
from typing import Iterator

from ..errors import InputError
from ..model import Origin, Pair
from . import PairSource
from .decode import open_text_lines


def _read(path: str, src_lang: str | None, tgt_lang: str | None) -> Iterator[Pair]:
    index = 0
    for lineno, line in open_text_lines(path):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, lineno) from None
        if not isinstance(obj, dict):
            raise InputError("each line must be a JSON object", path, lineno)
        src = obj.get("source")
        if not isinstance(src, str):
            raise InputError("missing or non-string \"source\"", path, lineno)
        tgt = obj.get("target")
        if tgt is not None and not isinstance(tgt, str):
            raise InputError("\"target\" must be a string", path, lineno)
        refs = obj.get("references", obj.get("reference", ()))
        if isinstance(refs, str):
            refs = (refs,)
        if not isinstance(refs, (list, tuple)) or not all(isinstance(r, str) for r in refs):
            raise InputError("\"reference(s)\" must be a string or a list of strings", path, lineno)
        pid = obj.get("id")
        pid = str(pid) if pid is not None else str(lineno)
        origin = Origin(path, pid if "id" in obj else None, lineno, None)
        yield Pair(
            id=pid, source=src, target=tgt, references=tuple(refs),
            source_lang=obj.get("source_lang") or src_lang, target_lang=obj.get("target_lang") or tgt_lang,
            source_origin=origin, target_origin=origin, index=index,
        )
        index += 1


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    return PairSource(paths, "jsonl", lambda: _read(path, src_lang, tgt_lang), src_lang, tgt_lang)
