"""TSV reader, as MT engineers write it: one pair per line, ``source<TAB>target[<TAB>reference...]``.

No quoting (a ``"`` is text like any other) and no escapes (``\\t`` and ``\\n`` written as two
characters stay two characters): a field cannot contain a tab or a newline. Columns past the
second are references (empty ones ignored). A first row whose first two cells are ``source`` and
``target`` (any case; ``src``/``tgt`` too) is a header, and then columns named ``reference...`` /
``ref...`` are references and other named columns are ignored (``id`` gives the pair id).
Blank lines are skipped; a line with text but no tab is an error naming the line.
Pair ids are line numbers (or the ``id`` column); origins carry the line.
"""
from __future__ import annotations

from typing import Iterator

from audit.core.decode import open_text_lines
from audit.core.errors import InputError
from audit.core.model import Origin, Pair
from audit.inputs import PairSource

_SRC_NAMES = {"source", "src"}
_TGT_NAMES = {"target", "tgt"}


def _header(cells: list[str]) -> dict | None:
    names = [c.strip().lower() for c in cells]
    if len(names) < 2 or names[0] not in _SRC_NAMES or names[1] not in _TGT_NAMES:
        return None
    refs = [i for i, n in enumerate(names) if i >= 2 and (n.startswith("ref"))]
    ids = [i for i, n in enumerate(names) if i >= 2 and n == "id"]
    return {"refs": refs, "id": ids[0] if ids else None}


_UNSET = object()


def _read(path: str, src_lang, tgt_lang, lines=None, layout=_UNSET) -> Iterator[Pair]:
    """``lines``: (line number, line) pairs to read instead of the whole file (a partition,
    ``audit.inputs.partition``) and ``layout`` the file's header layout (``header_layout``), for a
    partition that does not start the file; pair indices then count from 0 within them."""
    index = 0
    first = layout is _UNSET
    layout = None if first else layout
    for lineno, line in (open_text_lines(path) if lines is None else lines):
        if not line.strip(" \t\r\n\ufeff") and "\t" not in line:
            continue
        cells = line.split("\t")
        if first:
            first = False
            layout = _header(cells)
            if layout is not None:
                continue
        if len(cells) < 2:
            raise InputError("expected at least 2 tab-separated columns (source, target), found 1", path, lineno)
        if layout is None:
            refs = tuple(c for c in cells[2:] if c != "")
            pid = str(lineno)
        else:
            refs = tuple(cells[i] for i in layout["refs"] if i < len(cells) and cells[i] != "")
            i = layout["id"]
            pid = cells[i] if i is not None and i < len(cells) and cells[i].strip() else str(lineno)
        origin = Origin(path, None, lineno, None)
        yield Pair(id=pid, source=cells[0], target=cells[1], references=refs,
                   source_lang=src_lang, target_lang=tgt_lang, source_origin=origin, target_origin=origin,
                   index=index)
        index += 1


def header_layout(path: str) -> tuple[int | None, dict | None]:
    """(line number of the file's first non-blank line, its header layout or None): what a
    partition that does not start the file needs to read its lines as the whole file would."""
    for lineno, line in open_text_lines(path):
        if not line.strip(" \t\r\n\ufeff") and "\t" not in line:
            continue
        return lineno, _header(line.split("\t"))
    return None, None


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    path = paths[0]
    return PairSource(paths, "tsv", lambda: _read(path, src_lang, tgt_lang), src_lang, tgt_lang)
