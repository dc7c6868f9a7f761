"""Which files a command line names: folders searched for catalogs, globs expanded, ``-`` for stdin.

``expand_inputs(args)`` turns the ``check`` arguments into a list of input files, each audited as
its own input:

- a folder is searched recursively for catalogs (``CATALOG_EXTENSIONS``: PO, POT, XLIFF, TMX),
  hidden folders and files (a name starting with ``.``: ``.git``, ``.venv``) skipped, in sorted
  order of their path components (deterministic whatever the file system returns). TSV and JSONL
  files are not searched for: in a repository they are as often data or configuration as
  translations, and one that is not would stop the run; name them, or give a glob (``'data/*.tsv'``);
- a glob (``*``, ``?``, ``[``; ``**`` for any depth) is expanded here, so that a quoted glob, or one
  the shell did not expand (Windows, no match), works the same; of the files it matches, those with
  a catalog, TSV or JSONL extension are inputs (``GLOB_EXTENSIONS``); a folder it matches is
  searched as a folder; hidden names match only a pattern that spells the dot;
- ``-`` is standard input (``STDIN``), at most once;
- anything else is a file, checked later by the reader.

When a folder or a glob is among the arguments, a file reached twice is kept once, at its first
place; files named one by one are kept as given.
``bilingual_format(path)`` says whether a file is a bilingual format (what two inputs given
together must not be).
"""
from __future__ import annotations

import glob
import os

from audit.core.errors import UsageError

STDIN = "-"
STDIN_NAME = "<stdin>"
# Searched for in folders (format by extension, see audit.inputs.FORMATS).
CATALOG_EXTENSIONS = (".po", ".pot", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx")
# Taken from what a glob matches: catalogs, and the line-based bilingual formats.
GLOB_EXTENSIONS = CATALOG_EXTENSIONS + (".tsv", ".tab", ".jsonl", ".ndjson")
TEMPLATE_EXTENSIONS = (".pot",)
BILINGUAL_FORMATS = ("po", "xliff", "tmx", "tsv", "jsonl")
_GLOB_CHARS = frozenset("*?[")
_LABELS = {"po": "PO", "xliff": "XLIFF", "tmx": "TMX", "tsv": "TSV", "jsonl": "JSONL"}


def format_label(fmt: str) -> str:
    return _LABELS.get(fmt, fmt)


def is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def is_template(path: str) -> bool:
    """A gettext template (``.pot``): msgids without translations."""
    return path.lower().endswith(TEMPLATE_EXTENSIONS)


def _hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def _sort_key(path: str) -> tuple:
    return tuple(os.path.normpath(path).split(os.sep))


def find_catalogs(folder: str) -> list[str]:
    """The catalogs under ``folder``, recursively, hidden folders and files skipped, sorted."""
    found = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name) and name.lower().endswith(CATALOG_EXTENSIONS):
                path = os.path.join(root, name)
                if os.path.isfile(path):
                    found.append(path)
    return sorted(found, key=_sort_key)


def _expand_glob(pattern: str) -> list[str]:
    """The files a glob matches that are inputs (``GLOB_EXTENSIONS``: ``'po/*'`` takes the catalogs,
    not ``LINGUAS`` or ``Makefile``), folders it matches searched as folders."""
    matches = sorted(glob.glob(pattern, recursive=True), key=_sort_key)
    if not matches:
        raise UsageError(f"no file matches {pattern!r}")
    out: list[str] = []
    for m in matches:
        if os.path.isdir(m):
            out.extend(find_catalogs(m))
        elif os.path.isfile(m) and m.lower().endswith(GLOB_EXTENSIONS):
            out.append(m)
    if not out:
        raise UsageError(f"no catalog (PO, POT, XLIFF, TMX, TSV, JSONL) matches {pattern!r}")
    return out


def expand_inputs(args: list[str] | tuple[str, ...]) -> tuple[list[str], bool]:
    """(input files, whether any argument was a folder or a glob). ``STDIN`` stays as it is."""
    files: list[str] = []
    expanded = False
    for arg in args:
        arg = str(arg)
        if arg == STDIN:
            if STDIN in files:
                raise UsageError("standard input (-) given twice")
            files.append(arg)
        elif os.path.isdir(arg):
            expanded = True
            found = find_catalogs(arg)
            if not found:
                raise UsageError("no catalog (PO, POT, XLIFF, TMX) found in this directory; give TSV and "
                                 "JSONL files by name or glob", arg)
            files.extend(found)
        elif is_glob(arg) and not os.path.exists(arg):
            expanded = True
            files.extend(_expand_glob(arg))
        else:
            files.append(arg)
    # a file reached twice through folders and globs is audited once; files named one by one stay as
    # given (``SOURCE TARGET`` may name one file twice)
    return (_dedupe(files) if expanded else files), expanded


def _dedupe(files: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for f in files:
        key = f if f == STDIN else os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def bilingual_by_extension(path: str) -> str | None:
    """The bilingual format a file's extension names (``.po``, ``.xlf``, ``.tmx``, ``.tsv``...), or None."""
    from audit.inputs import FORMATS

    ext = os.path.splitext(path)[1].lower()
    return next((name for name in BILINGUAL_FORMATS if ext in FORMATS[name][0]), None)


def bilingual_format(path: str) -> str | None:
    """The bilingual format of a file (po, xliff, tmx, tsv, jsonl) by its extension, else by its
    content when the extension says nothing (not for ``.txt`` and document files); None for plain
    text, documents and anything unreadable (the reader reports those)."""
    from audit.inputs import FORMATS

    if path == STDIN:
        return None
    by_ext = bilingual_by_extension(path)
    if by_ext is not None:
        return by_ext
    from audit.align.documents import DOCUMENT_EXTENSIONS

    ext = os.path.splitext(path)[1].lower()

    if ext in FORMATS["text"][0] or path.lower().endswith(DOCUMENT_EXTENSIONS) or not os.path.isfile(path):
        return None
    from audit.inputs.sniff import sniff_format

    try:
        return sniff_format(path)
    except OSError:
        return None


def bilingual_pair_message(a: str, fa: str, b: str, fb: str) -> str:
    """The one line for two bilingual files given together (as a source/target pair)."""
    kinds = format_label(fa) if fa == fb else f"{format_label(fa)} and {format_label(fb)}"
    return (f"{a} and {b} are both bilingual files ({kinds}), not a source/target text pair; "
            "to audit each on its own, add --each or give their folder")


def template_for(path: str, templates: list[str]) -> str | None:
    """The gettext template (POT) a PO file is translated from, among ``templates``: the one in the
    PO's own folder, else in the nearest folder above it that holds one (``po/fr.po`` and
    ``po/app.pot``; ``locale/fr/LC_MESSAGES/app.po`` and ``locale/app.pot``). Where a folder holds
    several templates, the one with the PO's file name (``app.po`` and ``app.pot``); None when none
    fits."""
    if not templates:
        return None
    by_dir: dict[str, list[str]] = {}
    for t in templates:
        by_dir.setdefault(os.path.dirname(os.path.abspath(t)), []).append(t)
    stem = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        here = by_dir.get(folder)
        if here:
            if len(here) == 1:
                return here[0]
            named = [t for t in here if os.path.splitext(os.path.basename(t))[0] == stem]
            return named[0] if len(named) == 1 else None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
