"""Documents: text extraction, sentence segmentation and alignment of a document and its translation.

``load_document(path)`` extracts the text of a .txt, .docx, .html/.htm, .md or .srt file into one
string with its blocks (paragraphs, headings, list items, table cells, subtitle cues): blocks are
hard sentence boundaries. For .txt the text is the decoded file itself, so sentence offsets are
code-point offsets into the file; for the other formats they are offsets into the extracted text
(blocks joined by a blank line), which ``Document.text`` holds.

``segment_document(doc, lang)`` splits it into sentences with exact offsets, and
``align_documents(src, tgt, ...)`` aligns the two sentence lists (``audit.align``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Sequence

from audit.core import lazyre
from audit.core.errors import InputError
from audit.core.limits import check_zip
from audit.core.text import strip_span
from audit.lang.segment import sentence_spans

DOCUMENT_EXTENSIONS = (".docx", ".html", ".htm", ".xhtml", ".md", ".markdown", ".srt")
SEP = "\n\n"


@dataclass(frozen=True)
class Block:
    """A stretch of the extracted text that no sentence crosses."""

    start: int
    end: int
    unit: str | None = None  # SRT "cue 3 00:00:05,000 --> 00:00:07,500", docx "p12"
    line: int | None = None  # 1-based line in the file where the block starts, when known


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index of its block
    unit: str | None = None
    line: int | None = None
    para: int = 0  # paragraph number for the aligner: blocks, and lines of blocks that are not wrapped prose


@dataclass
class Document:
    path: str
    kind: str  # txt, docx, html, md, srt
    text: str
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_texts(self) -> list[str]:
        return [self.text[s.start:s.end] for s in self.sentences]


def document_kind(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    return {".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md",
            ".markdown": "md", ".srt": "srt"}.get(ext, "txt")


def load_document(path: str, kind: str | None = None) -> Document:
    kind = kind or document_kind(path)
    loader = {"txt": _load_txt, "docx": _load_docx, "html": _load_html, "md": _load_md, "srt": _load_srt}[kind]
    doc = loader(path)
    return doc


class _Builder:
    """Joins blocks into one text with a blank line between them, remembering their bounds."""

    def __init__(self):
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0

    def add(self, text: str, unit: str | None = None, line: int | None = None) -> None:
        text = text.strip()
        if not text:
            return
        if self.parts:
            self.parts.append(SEP)
            self.pos += len(SEP)
        self.blocks.append(Block(self.pos, self.pos + len(text), unit, line))
        self.parts.append(text)
        self.pos += len(text)

    def build(self, path: str, kind: str) -> Document:
        return Document(path, kind, "".join(self.parts), self.blocks)


_WS = lazyre.re_compile(r"\s+")


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


# --- plain text ---------------------------------------------------------------------------------

_BLANK = lazyre.re_compile(r"\n[ \t\r\f\v\u00a0\u3000]*\n\s*")


def _load_txt(path: str) -> Document:
    from audit.core.decode import read_text

    text = read_text(path)
    blocks = []
    pos = 0
    for m in list(_BLANK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        s, e = strip_span(text, pos, end)
        if e > s:
            blocks.append(Block(s, e, None, text.count("\n", 0, s) + 1))
        if m:
            pos = m.end()
    return Document(path, "txt", text, blocks)


# --- docx ---------------------------------------------------------------------------------------

def _load_docx(path: str) -> Document:
    try:
        import docx  # python-docx
    except ImportError:
        raise InputError("reading .docx needs the python-docx package (pip install python-docx)", path) from None
    check_zip(path)
    try:
        d = docx.Document(path)
    except Exception as exc:  # zip or XML damage: python-docx raises many types
        raise InputError(f"not a readable .docx file ({exc.__class__.__name__})", path) from None
    b = _Builder()
    body = d.element.body
    n = 0
    # paragraphs and tables in document order
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            b.add(_collapse(docx.text.paragraph.Paragraph(child, d).text), f"p{n}")
        elif tag == "tbl":
            table = docx.table.Table(child, d)
            for r, row in enumerate(table.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    for para in cell.paragraphs:
                        n += 1
                        b.add(_collapse(para.text), f"p{n}")
    return b.build(path, "docx")


# --- html ---------------------------------------------------------------------------------------

_HTML_BLOCKS = frozenset("""address article aside blockquote br caption dd details dialog div dl dt fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section summary
table tbody td tfoot th thead title tr ul""".split())
_HTML_SKIP = frozenset("script style noscript template svg math head-meta".split())


def _load_html(path: str) -> Document:
    from html.parser import HTMLParser

    from audit.core.decode import read_text

    raw = read_text(path)
    b = _Builder()

    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.buf: list[str] = []
            self.line: int | None = None
            self.skip = 0

        def flush(self):
            if self.buf:
                b.add(_collapse("".join(self.buf)), None, self.line)
            self.buf = []
            self.line = None

        def handle_starttag(self, tag, attrs):
            if tag in _HTML_SKIP:
                self.skip += 1
            elif tag in _HTML_BLOCKS:
                self.flush()

        def handle_startendtag(self, tag, attrs):
            if tag in _HTML_BLOCKS:
                self.flush()

        def handle_endtag(self, tag):
            if tag in _HTML_SKIP:
                self.skip = max(0, self.skip - 1)
            elif tag in _HTML_BLOCKS:
                self.flush()

        def handle_data(self, data):
            if self.skip:
                return
            if self.line is None and data.strip():
                self.line = self.getpos()[0]
            self.buf.append(data)

    parser = P()
    parser.feed(raw)
    parser.close()
    parser.flush()
    return b.build(path, "html")


# --- markdown -----------------------------------------------------------------------------------

def _load_md(path: str) -> Document:
    from markdown_it import MarkdownIt

    from audit.core.decode import read_text

    raw = read_text(path)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    b = _Builder()
    for tok in md.parse(raw):
        if tok.type != "inline":
            continue
        parts = []
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
        line = tok.map[0] + 1 if tok.map else None
        b.add(_collapse("".join(parts)), None, line)
    return b.build(path, "md")


# --- srt ----------------------------------------------------------------------------------------

_SRT_TIME = lazyre.re_compile(r"^\s*(\d{1,2}:\d{2}:\d{2}[,.]\d{1,3})\s*-->\s*(\d{1,2}:\d{2}:\d{2}[,.]\d{1,3})")
_SRT_TAG = lazyre.re_compile(r"</?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.I)


def _load_srt(path: str) -> Document:
    from audit.core.decode import read_text

    raw = read_text(path)
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    b = _Builder()
    i = 0
    n = len(lines)
    found = False
    while i < n:
        while i < n and not lines[i].strip():
            i += 1
        if i >= n:
            break
        start_line = i + 1
        number = None
        if lines[i].strip().isdigit() and i + 1 < n and _SRT_TIME.match(lines[i + 1]):
            number = lines[i].strip()
            i += 1
        m = _SRT_TIME.match(lines[i])
        if not m:
            raise InputError("not a subtitle cue (expected a number and 'HH:MM:SS,mmm --> HH:MM:SS,mmm')",
                             path, i + 1)
        found = True
        i += 1
        text_lines = []
        while i < n and lines[i].strip():
            text_lines.append(lines[i].strip())
            i += 1
        unit = f"cue {number or '?'} {m.group(1)} --> {m.group(2)}"
        b.add(_collapse(_SRT_TAG.sub("", " ".join(text_lines))), unit, start_line)
    if not found:
        raise InputError("no subtitle cues found", path)
    return b.build(path, "srt")


# --- segmentation and alignment -----------------------------------------------------------------

def segment_document(doc: Document, lang: str | None, presegmented: bool = False) -> Document:
    """Fill ``doc.sentences``: each block's sentences (or, presegmented, each non-blank line)."""
    text = doc.text
    out: list[Sentence] = []
    line_starts = None
    if doc.kind == "txt":
        # 1-based line of an offset, for origins
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    import bisect

    from audit.lang.segment import _lines, _wrapped

    para = -1
    for bi, blk in enumerate(doc.blocks):
        # a line break is a paragraph break too, unless the block is hard-wrapped prose
        # (presegmented: lines are sentences, only blank lines separate paragraphs)
        by_line = doc.kind == "txt" and not presegmented and not _wrapped(text, _lines(text, blk.start, blk.end))
        para += 1
        last_line = None
        if presegmented:
            spans = []
            pos = blk.start
            while pos < blk.end:
                nl = text.find("\n", pos, blk.end)
                nl = blk.end if nl < 0 else nl
                s, e = strip_span(text, pos, nl)
                if e > s:
                    spans.append((s, e))
                pos = nl + 1
        else:
            spans = [(blk.start + s, blk.start + e) for s, e in sentence_spans(text[blk.start:blk.end], lang)]
        for s, e in spans:
            line = bisect.bisect_right(line_starts, s) if line_starts is not None else blk.line
            if by_line and last_line is not None and line != last_line:
                para += 1
            last_line = line
            out.append(Sentence(s, e, bi, blk.unit, line, para))
    doc.sentences = out
    return doc


def guess_language(doc: Document) -> str | None:
    from audit.lang.langid import detect_side_language

    sample = [doc.text[b.start:b.end][:400] for b in doc.blocks[:60]]
    return detect_side_language(sample) if sample else None


@dataclass
class DocumentAlignment:
    source: Document
    target: Document
    source_lang: str | None
    target_lang: str | None
    beads: list  # list[audit.align.Bead]

    def span(self, side: str, indices: Sequence[int]) -> tuple[int, int] | None:
        """(start, end) in the side's text covering the sentences ``indices`` (None when empty)."""
        if not indices:
            return None
        doc = self.source if side == "source" else self.target
        return doc.sentences[indices[0]].start, doc.sentences[indices[-1]].end

    def insertion_point(self, side: str, bead_index: int) -> int:
        """Offset where a side's missing text would go: the end of the previous bead's text there."""
        doc = self.source if side == "source" else self.target
        for k in range(bead_index - 1, -1, -1):
            idx = self.beads[k].source if side == "source" else self.beads[k].target
            if idx:
                return doc.sentences[idx[-1]].end
        return doc.sentences[0].start if doc.sentences else 0


def align_documents(src_path: str, tgt_path: str, src_lang: str | None = None, tgt_lang: str | None = None,
                    *, presegmented: bool = False, semantic: bool | None = None) -> DocumentAlignment:
    """Extract, segment and align two documents."""
    src = load_document(src_path)
    tgt = load_document(tgt_path)
    src_lang = src_lang or guess_language(src)
    tgt_lang = tgt_lang or guess_language(tgt)
    segment_document(src, src_lang, presegmented)
    segment_document(tgt, tgt_lang, presegmented)
    beads = align_hierarchical(src.sentence_texts(), tgt.sentence_texts(), [s.para for s in src.sentences],
                               [s.para for s in tgt.sentences], src_lang, tgt_lang, semantic=semantic)
    return DocumentAlignment(src, tgt, src_lang, tgt_lang, beads)


MIN_PARAGRAPHS = 30


def align_hierarchical(src: Sequence[str], tgt: Sequence[str], src_paras: Sequence[int], tgt_paras: Sequence[int],
                       src_lang: str | None, tgt_lang: str | None, semantic: bool | None = None) -> list:
    """Align paragraphs first, then the sentences within each pair of aligned paragraphs.

    Paragraphs are longer than sentences, so their lengths and anchors are more reliable; and a
    shifted sentence alignment cannot run on across paragraph boundaries. Inside aligned paragraphs
    a skipped sentence costs more (splits and merges are likelier than omissions there). Documents
    with fewer than ``MIN_PARAGRAPHS`` paragraphs on either side are aligned sentence by sentence."""
    from dataclasses import replace

    from audit.align.aligner import align_sentences
    from audit.align.params import DEFAULT, Bead

    def groups(paras):
        out: list[list[int]] = []
        last = None
        for i, p in enumerate(paras):
            if p != last:
                out.append([])
                last = p
            out[-1].append(i)
        return out

    sg, tg = groups(src_paras), groups(tgt_paras)
    # paragraph alignment needs enough paragraphs to estimate its own length ratio reliably
    if len(sg) < MIN_PARAGRAPHS or len(tg) < MIN_PARAGRAPHS or (
            all(len(g) == 1 for g in sg) and all(len(g) == 1 for g in tg)):
        return align_sentences(src, tgt, src_lang, tgt_lang, src_paragraphs=src_paras,
                               tgt_paragraphs=tgt_paras, semantic=semantic)
    ptexts_s = [" ".join(src[i] for i in g) for g in sg]
    ptexts_t = [" ".join(tgt[i] for i in g) for g in tg]
    # paragraphs are merged or split in translation more rarely than sentences
    para_params = replace(DEFAULT, prior_12=2 * DEFAULT.prior_12, prior_22=2 * DEFAULT.prior_22,
                          prior_13=2 * DEFAULT.prior_13, prior_23=2 * DEFAULT.prior_23, prior_14=2 * DEFAULT.prior_14)
    pbeads = align_sentences(ptexts_s, ptexts_t, src_lang, tgt_lang, semantic=semantic, params=para_params)
    inner_params = replace(DEFAULT, skip=DEFAULT.skip * 1.7, semantic_skip=DEFAULT.semantic_skip * 1.7)
    out: list = []
    for pb in pbeads:
        s_idx = [i for k in pb.source for i in sg[k]]
        t_idx = [j for k in pb.target for j in tg[k]]
        if not s_idx or not t_idx:
            out.extend(Bead((i,), (), pb.confidence) for i in s_idx)
            out.extend(Bead((), (j,), pb.confidence) for j in t_idx)
            continue
        if len(s_idx) == 1 and len(t_idx) == 1:
            out.append(Bead((s_idx[0],), (t_idx[0],), pb.confidence))
            continue
        # inside paragraphs known to translate each other, leaving a sentence out is less likely
        inner = align_sentences([src[i] for i in s_idx], [tgt[j] for j in t_idx], src_lang, tgt_lang,
                                src_paragraphs=[src_paras[i] for i in s_idx],
                                tgt_paragraphs=[tgt_paras[j] for j in t_idx], semantic=semantic, params=inner_params)
        for b in inner:
            out.append(Bead(tuple(s_idx[i] for i in b.source), tuple(t_idx[j] for j in b.target), b.confidence))
    return out
