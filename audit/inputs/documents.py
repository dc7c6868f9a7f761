"""Two unaligned documents (a text and its translation): segment both, align the sentences and
yield one Pair per bead.

Each pair records its bead (``Pair.align``: sentence indices of both sides and a confidence) and
where its texts come from: ``Origin.offset`` is the code-point offset of the pair's text in the
decoded file (.txt) or in the extracted text (.docx, .html, .md, .srt), so
``doc_text[origin.offset + start : origin.offset + end]`` is a flag's text; ``Origin.line`` is the
1-based line where it starts (when known) and, for subtitles, ``Origin.unit`` the cue number and
times. A source sentence left unaligned becomes a pair with target ``""`` (flagged ALN001), a
target sentence left unaligned a pair with source ``""`` (flagged ALN002); the empty side's
origin points at where the text is missing.
"""
from __future__ import annotations

from typing import Iterator

from audit.align.documents import (
    DocumentAlignment,
    align_documents,
    document_kind,
    guess_language,
    load_document,
)
from audit.core.model import Alignment, Origin, Pair
from audit.inputs import PairSource


def _side(al: DocumentAlignment, side: str, indices, k: int) -> tuple[str, Origin]:
    """The text of one side of bead ``k`` and its origin (an empty side: where its text would go)."""
    doc = al.source if side == "source" else al.target
    span = al.span(side, indices)
    if span is None:
        return "", Origin(doc.path, None, None, al.insertion_point(side, k))
    first = doc.sentences[indices[0]]
    return doc.text[span[0]:span[1]], Origin(doc.path, first.unit, first.line, span[0])


def alignment_pairs(al: DocumentAlignment) -> Iterator[Pair]:
    for k, bead in enumerate(al.beads):
        stext, sorig = _side(al, "source", bead.source, k)
        ttext, torig = _side(al, "target", bead.target, k)
        yield Pair(
            id=str(k + 1), source=stext, target=ttext, source_lang=al.source_lang, target_lang=al.target_lang,
            source_origin=sorig, target_origin=torig,
            align=Alignment(tuple(bead.source), tuple(bead.target), bead.confidence), index=k,
        )


def open_source(paths, src_lang, tgt_lang, presegmented: bool = False, semantic: bool | None = None) -> PairSource:
    sp, tp = paths
    # languages are needed before aligning (segmentation rules); guess them from the documents
    if src_lang is None:
        src_lang = guess_language(load_document(sp))
    if tgt_lang is None:
        tgt_lang = guess_language(load_document(tp))
    cache: dict[str, DocumentAlignment] = {}

    def opener() -> Iterator[Pair]:
        if "al" not in cache:
            cache["al"] = align_documents(sp, tp, src_lang, tgt_lang, presegmented=presegmented, semantic=semantic)
        return alignment_pairs(cache["al"])

    kinds = {document_kind(sp), document_kind(tp)}
    return PairSource(tuple(paths), "documents", opener, src_lang, tgt_lang,
                      meta={"kinds": sorted(kinds), "presegmented": presegmented})


def _line_count(path: str) -> int:
    """Lines as the line-aligned text reader counts them (a final line without newline counts)."""
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (0 if last == b"\n" else 1)


PROSE_SAMPLE = 2000  # non-blank lines read to tell prose paragraphs from one-sentence lines
PROSE_SENTENCES = 1.5  # mean sentences per line from which a text file is prose, not a corpus


def _is_prose(path: str) -> bool:
    """True when the file's lines are paragraphs (several sentences each on average), as in an
    article, rather than one segment a line as in a line-aligned corpus (measured: NTREX and
    Text+Berg lines average 1.0-1.1 sentences, newspaper paragraphs about 3)."""
    from itertools import islice

    from audit.core.decode import open_text_lines
    from audit.lang.segment import sentence_spans

    lines = [line for _, line in islice(((n, t) for n, t in open_text_lines(path) if t.strip()), PROSE_SAMPLE)]
    if not lines:
        return False
    return sum(len(sentence_spans(line)) for line in lines) / len(lines) >= PROSE_SENTENCES


def wants_alignment(paths, align: bool = False, presegmented: bool = False) -> bool:
    """Whether two files are documents to align rather than line-aligned text: asked for
    (``--align``, ``--presegmented``), a document format (.docx, .html, .md, .srt), plain text
    files whose line counts differ, or text files whose lines are prose paragraphs (different
    sentence counts are then likely even when the line counts agree). Checks that the files can
    be read."""
    from audit.align.documents import DOCUMENT_EXTENSIONS
    from audit.core.errors import InputError
    from audit.inputs import check_readable

    docs = False
    for p in paths:
        if str(p).lower().endswith(".docx"):  # a zip: not a text file
            import os

            if not os.path.isfile(p):
                raise InputError("no such file", p)
            if os.path.getsize(p) == 0:
                raise InputError("file is empty", p)
            docs = True
            continue
        check_readable(p)
        if str(p).lower().endswith(DOCUMENT_EXTENSIONS):
            docs = True
    if align or presegmented or docs:
        return True
    if _line_count(paths[0]) != _line_count(paths[1]):
        return True
    return _is_prose(paths[0]) or _is_prose(paths[1])
