"""Layer 3, inputs: readers that turn input files into a stream of ``Pair`` objects.

``open_input(paths, ...)`` picks a reader by ``--input-format``, else by extension, else by
sniffing the content, and returns a ``PairSource``: re-iterable (each iteration re-reads the
file, streaming), with the languages it found. Every reader raises ``InputError`` naming the
file and line for bad input; none modifies its input.

Formats (one module each): ``tmx`` (TMX 1.4), ``xliff`` (XLIFF 1.2 and 2.x; inline codes become
placeholder tags, documented there), ``po`` (gettext), ``tsv``, ``jsonl``, ``textpair`` (two
line-aligned text files); ``documents`` aligns two unaligned documents. XML is parsed by lxml with
no entity resolution, no DTD and no network (``xmlutil``); text is decoded by ``decode`` (UTF-8
with or without BOM, UTF-16/32 with BOM). A ``PairSource``'s languages are what the file declares
(TMX ``srclang``/``xml:lang``, XLIFF ``source-language``/``srcLang``..., PO ``Language``) unless the
caller gives them; the engine detects what neither says.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from audit.core.errors import InputError, UsageError
from audit.core.model import Pair


@dataclass
class PairSource:
    """A re-iterable stream of pairs from one input, and what the input says about itself."""

    paths: tuple[str, ...]
    format: str
    opener: Callable[[], Iterator[Pair]]
    source_lang: str | None = None
    target_lang: str | None = None
    meta: dict = field(default_factory=dict)

    def __iter__(self) -> Iterator[Pair]:
        return self.opener()


# format name -> (extensions, module name). Modules expose ``open_source(paths, src_lang, tgt_lang) -> PairSource``.
FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "tmx": ((".tmx",), "tmx"),
    "xliff": ((".xlf", ".xliff", ".sdlxliff", ".mqxliff"), "xliff"),  # Trados and memoQ write XLIFF 1.2
    "po": ((".po", ".pot"), "po"),
    "tsv": ((".tsv", ".tab"), "tsv"),
    "jsonl": ((".jsonl", ".ndjson"), "jsonl"),
    "text": ((".txt",), "textpair"),
}


_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


@lru_cache(maxsize=256)
def normalize_lang(code: str | None) -> str | None:
    """A language tag as a file gives it, in BCP 47 shape: ``pt_BR`` -> ``pt-BR``, ``sr@latin`` -> ``sr-Latn``."""
    if not code:
        return None
    code = code.strip()
    if not code:
        return None
    code, _, modifier = code.partition("@")
    code = code.split(".")[0].replace("_", "-")  # "de_DE.UTF-8" -> "de-DE"
    parts = code.split("-")
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p)
    if modifier.lower() in _SCRIPT_MODIFIERS:
        out.insert(1, _SCRIPT_MODIFIERS[modifier.lower()])
    return "-".join(x for x in out if x) or None


@lru_cache(maxsize=256)
def lang_score(lang: str | None, wanted: str | None) -> int:
    """2: same tag, 1: same base language, 0: different (or unknown)."""
    if not lang or not wanted:
        return 0
    a, b = normalize_lang(lang), normalize_lang(wanted)
    if a is None or b is None:
        return 0
    if a.lower() == b.lower():
        return 2
    return 1 if a.split("-")[0].lower() == b.split("-")[0].lower() else 0


def format_names() -> list[str]:
    return sorted(FORMATS)


def check_readable(path: str) -> Path:
    """The file exists, is a readable regular file, is not empty and does not look binary."""
    import stat

    from audit.core.decode import binary_error, bom_encoding, looks_binary

    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path)
    if p.is_dir():
        raise InputError("is a directory, not a file", path)
    if not stat.S_ISREG(p.stat().st_mode):  # a FIFO would block for a writer; readers read files twice
        raise InputError("is a pipe, socket or device, not a regular file (save it to a file first)", path)
    try:
        with p.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if not head:
        raise InputError("file is empty", path)
    if looks_binary(head):
        raise binary_error(head, path)
    if len(head) < 8192:  # a small file: is there any text at all?
        enc = bom_encoding(head) or "utf-8"
        try:
            if not head.decode(enc, errors="ignore").lstrip("\ufeff").strip():
                raise InputError("file is empty (whitespace only)", path)
        except LookupError:  # pragma: no cover - all BOM encodings are known
            pass
    return p


def detect_format(path: str) -> str:
    """Guess a single file's format from its extension, then its content."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    last = suffixes[-1] if suffixes else ""
    for name, (exts, _mod) in FORMATS.items():
        if last in exts and name != "text":
            return name
    from audit.inputs.sniff import sniff_format

    guessed = sniff_format(path)
    if guessed is None:
        if last in FORMATS["text"][0]:
            return "text"
        raise InputError("cannot tell the file format; give --input-format " + "|".join(format_names()), path)
    return guessed


def _refuse_bilingual_pair(paths: tuple[str, ...]) -> None:
    """Two bilingual files are not a source/target text pair (each is its own input)."""
    from audit.inputs.discover import bilingual_format, bilingual_pair_message

    fa, fb = bilingual_format(paths[0]), bilingual_format(paths[1])
    if fa and fb:
        raise UsageError(bilingual_pair_message(paths[0], fa, paths[1], fb))


def open_input(paths: list[str] | tuple[str, ...], input_format: str | None = None,
               src_lang: str | None = None, tgt_lang: str | None = None, *, align: bool = False,
               presegmented: bool = False) -> PairSource:
    """Open one bilingual file, or two line-aligned monolingual files (source, target).

    Two documents (``align``, ``presegmented``, .docx/.html/.md/.srt, or text files whose line
    counts differ) are segmented and sentence-aligned by ``readers.documents``."""
    import importlib

    paths = tuple(str(p) for p in paths)
    if not paths:
        raise UsageError("no input file given")
    if len(paths) == 2 and input_format is None and not (align or presegmented):
        _refuse_bilingual_pair(paths)
    if len(paths) == 2 and (input_format is None or align or presegmented):
        from audit.inputs.documents import open_source as open_documents
        from audit.inputs.documents import wants_alignment

        if wants_alignment(paths, align, presegmented):
            return _segments_capped(open_documents(paths, src_lang, tgt_lang, presegmented=presegmented))
    for p in paths:
        check_readable(p)
    if input_format is not None and input_format not in FORMATS:
        raise UsageError(f"unknown input format {input_format!r} (one of {', '.join(format_names())})")
    if len(paths) == 2:
        fmt = input_format or "text"
        if fmt != "text":
            raise UsageError(f"two input files are read as line-aligned text, not {fmt}")
    elif len(paths) == 1:
        fmt = input_format or detect_format(paths[0])
        if fmt == "text":
            raise UsageError("a plain-text input needs two files: SOURCE TARGET", paths[0])
    else:
        raise UsageError("give one bilingual file, or two text files (source and target)")
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt][1]}")
    return _segments_capped(module.open_source(paths, src_lang, tgt_lang))


def _segments_capped(src: PairSource) -> PairSource:
    """``src`` refusing, as it streams, a segment above the limit (``limits.max_segment_chars``)."""
    from audit.core.limits import check_segment, current

    opener, path = src.opener, src.paths[0] if src.paths else "-"

    def pairs() -> Iterator[Pair]:
        cap = current().max_segment_chars
        for pair in opener():
            if len(pair.source) > cap or (pair.target is not None and len(pair.target) > cap):
                check_segment(pair, path)
            yield pair

    src.opener = pairs
    return src
