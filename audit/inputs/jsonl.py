"""JSONL reader: one object a line, ``{"source", "target", "reference"?|"references"?, "id"?}``.

``target`` null or absent -> ``Pair.target = None``. Optional keys: ``source_lang``/``target_lang``
(``--src-lang``/``--tgt-lang`` win over them), ``note``. Other keys are ignored. Pair ids: ``id``,
else the line number. Blank lines are skipped; anything else that is not a JSON object with a
string ``source`` is an error naming the line. A lone surrogate escape (``"\\ud800"``, which no
UTF-8 text can hold) becomes U+FFFD, as a decoder would replace a bad byte: the pair is still
audited and the encoding checks see a replacement character.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from functools import partial

from audit.core import lazyre, limits
from audit.core.decode import open_text_lines
from audit.core.errors import InputError
from audit.core.model import Origin, Pair
from audit.inputs import PairSource, normalize_lang

_SURROGATE_ESCAPE = lazyre.re_compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = lazyre.re_compile("[\ud800-\udfff]")


def _no_surrogates(obj: dict) -> dict:
    def fix(v):
        if isinstance(v, str):
            return _SURROGATE.sub("\ufffd", v)
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v

    return {k: fix(v) for k, v in obj.items()}


def _int(cap: int, digits: str) -> int:
    if len(digits) - digits.startswith("-") > cap:
        raise ValueError("integer too long")
    return int(digits)


def _loads(line: str, path: str, lineno: int):
    """One JSON line; any way it fails is an ``InputError`` naming the line: bad syntax, an
    integer longer than the limit, nesting too deep for the parser."""
    cap = limits.current().max_json_int_digits
    try:
        return json.loads(line, parse_int=partial(_int, cap))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path, lineno) from None
    except ValueError:  # an integer above the limit, or of more digits than Python converts
        raise InputError(f"invalid JSON: an integer longer than {min(cap, sys.get_int_max_str_digits() or cap)} "
                         "digits (limits.max-json-int-digits)", path, lineno) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", path, lineno) from None


def _read(path: str, src_lang: str | None, tgt_lang: str | None, lines=None) -> Iterator[Pair]:
    """``lines``: (line number, line) pairs to read instead of the whole file (a partition,
    ``audit.inputs.partition``); pair indices then count from 0 within them."""
    index = 0
    for lineno, line in (open_text_lines(path) if lines is None else lines):
        if not line.strip():
            continue
        obj = _loads(line, path, lineno)
        if not isinstance(obj, dict):
            raise InputError("each line must be a JSON object", path, lineno)
        if "\\u" in line and _SURROGATE_ESCAPE.search(line):  # rare: checked only on a cheap hint
            obj = _no_surrogates(obj)
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
        if pid is not None and not isinstance(pid, (str, int)):
            raise InputError("\"id\" must be a string or an integer", path, lineno)
        pid = str(pid) if pid is not None else str(lineno)
        slang, tlang, note = obj.get("source_lang"), obj.get("target_lang"), obj.get("note")
        origin = Origin(path, pid if "id" in obj else None, lineno, None)
        yield Pair(
            id=pid, source=src, target=tgt, references=tuple(refs),
            source_lang=src_lang or (slang if isinstance(slang, str) and slang else None),
            target_lang=tgt_lang or (tlang if isinstance(tlang, str) and tlang else None),
            source_origin=origin, target_origin=origin, index=index,
            note=note if isinstance(note, str) and note else None,
        )
        index += 1


def _first_langs(path: str) -> tuple[str | None, str | None]:
    """The languages the first object declares (if it parses; errors are reported when iterating)."""
    for _lineno, line in open_text_lines(path):
        if not line.strip():
            continue
        try:
            obj = _loads(line, path, _lineno)
        except InputError:
            return None, None
        if not isinstance(obj, dict):
            return None, None
        s, t = obj.get("source_lang"), obj.get("target_lang")
        return (s if isinstance(s, str) and s else None), (t if isinstance(t, str) and t else None)
    return None, None


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    file_src, file_tgt = _first_langs(path) if not (src_lang and tgt_lang) else (None, None)
    return PairSource(paths, "jsonl", lambda: _read(path, src_lang, tgt_lang),
                      src_lang or normalize_lang(file_src), tgt_lang or normalize_lang(file_tgt))
