"""Two line-aligned plain-text files (Moses style): line N of the source is translated by line N
of the target. Different line counts are an error naming the file and the line."""
from __future__ import annotations

from itertools import zip_longest
from typing import Iterator

from audit.core.decode import open_text_lines
from audit.core.errors import InputError
from audit.core.model import Origin, Pair
from audit.inputs import PairSource


def _read(src_path: str, tgt_path: str, src_lang, tgt_lang) -> Iterator[Pair]:
    src_off = tgt_off = 0
    last = 0
    for index, (s, t) in enumerate(zip_longest(open_text_lines(src_path, keepends=True),
                                               open_text_lines(tgt_path, keepends=True))):
        if s is None or t is None:
            short, long_ = (src_path, tgt_path) if s is None else (tgt_path, src_path)
            raise InputError(f"has more lines than {short} ({short} ends after line {last})", long_, last + 1)
        (lineno, sline), (_, tline) = s, t
        last = lineno
        stext, ttext = sline.rstrip("\r\n"), tline.rstrip("\r\n")
        yield Pair(
            id=str(lineno), source=stext, target=ttext, source_lang=src_lang, target_lang=tgt_lang,
            source_origin=Origin(src_path, None, lineno, src_off), target_origin=Origin(tgt_path, None, lineno, tgt_off),
            index=index,
        )
        src_off += len(sline)
        tgt_off += len(tline)


def open_source(paths, src_lang, tgt_lang) -> PairSource:
    sp, tp = paths
    return PairSource(paths, "text", lambda: _read(sp, tp, src_lang, tgt_lang), src_lang, tgt_lang)
