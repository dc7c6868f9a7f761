"""Readers: turn input files into a stream of ``Pair`` objects.

``open_input(paths, ...)`` picks a reader by ``--input-format``, else by extension, else by
sniffing the content, and returns a ``PairSource``: re-iterable (each iteration re-reads the
file, streaming), with the languages it found. Every reader raises ``InputError`` naming the
file and line for bad input; none modifies its input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import InputError, UsageError
from ..model import Pair


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
    "xliff": ((".xlf", ".xliff", ".xlz"), "xliff"),
    "po": ((".po", ".pot"), "po"),
    "tsv": ((".tsv", ".tab"), "tsv"),
    "jsonl": ((".jsonl", ".ndjson"), "jsonl"),
    "text": ((".txt",), "textpair"),
}


def format_names() -> list[str]:
    return sorted(FORMATS)


def check_readable(path: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path)
    if p.is_dir():
        raise InputError("is a directory, not a file", path)
    try:
        with p.open("rb") as fh:
            head = fh.read(1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if not head:
        raise InputError("file is empty", path)
    return p


def detect_format(path: str) -> str:
    """Guess a single file's format from its extension, then its content."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    for name, (exts, _mod) in FORMATS.items():
        if suffixes and suffixes[-1] in exts:
            return name
    from .sniff import sniff_format

    guessed = sniff_format(path)
    if guessed is None:
        raise InputError("cannot tell the file format; give --input-format " + "|".join(format_names()), path)
    return guessed


def open_input(paths: list[str] | tuple[str, ...], input_format: str | None = None,
               src_lang: str | None = None, tgt_lang: str | None = None) -> PairSource:
    """Open one bilingual file, or two line-aligned monolingual files (source, target)."""
    import importlib

    paths = tuple(str(p) for p in paths)
    if not paths:
        raise UsageError("no input file given")
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
    return module.open_source(paths, src_lang, tgt_lang)
