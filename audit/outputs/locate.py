"""Where a flag is in its file, for the CI formats (SARIF, GitHub annotations, JUnit, GitLab):
the file relative to the current directory, and the line and columns of the flagged text.

Columns are 1-based and count code points (Python string indices; SARIF ``columnKind``
``unicodeCodePoints``); ``end_column`` is one past the last flagged character, as SARIF's
``endColumn``. They are given only when they are exact: the file is read again (as the readers
decode it) and the segment's text is found where the reader said it is:

* where the reader knows the segment's code-point offset in the file (plain text, ``.txt``
  documents), the text must be at that offset;
* where it knows only the line (TSV, PO, XLIFF, TMX, JSONL), each line of the segment's text
  must occur exactly once on its line of the file, with nothing escaped (an ``&amp;`` or a
  ``\\n`` escape in the file means no column), and the source and the target found on one
  line must not overlap.

Otherwise a flag has the reader's line only (the segment's first line), or no line at all; the
segment id is always there for a logical location. Files that cannot be read again are
located by line only.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

from audit.core.model import Origin, Pair

SRCROOT = "%SRCROOT%"


@dataclass(frozen=True)
class Place:
    """A flag's place: ``path`` relative to the root (POSIX separators) or absolute when outside."""

    path: str | None
    relative: bool = False
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


def _pos(text: str, i: int, line: int, col: int) -> tuple[int, int]:
    """(line, column) of index ``i`` of a text that starts at (line, col)."""
    nl = text.count("\n", 0, i)
    if not nl:
        return line, col + i
    return line + nl, i - text.rfind("\n", 0, i)


class Locator:
    """Places of flags for one report; files are read again at most once each."""

    def __init__(self, root: str | None = None) -> None:
        self.root = os.path.abspath(root or os.getcwd())
        self._texts: dict[str, str | None] = {}
        self._lines: dict[str, list[str] | None] = {}
        self._starts: dict[int, tuple] = {}

    def root_uri(self) -> str:
        from pathlib import Path

        uri = Path(self.root).as_uri()
        return uri if uri.endswith("/") else uri + "/"

    def display_path(self, path: str) -> tuple[str, bool]:
        """(path relative to the root with '/' separators, True), or (absolute path, False)."""
        full = os.path.abspath(path)
        try:
            rel = os.path.relpath(full, self.root)
        except ValueError:  # another drive
            rel = None
        if rel is None or rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
            return full.replace(os.sep, "/"), False
        return rel.replace(os.sep, "/"), True

    def uri(self, path: str) -> tuple[str, str | None]:
        """(URI reference, uriBaseId): relative to %SRCROOT%, or an absolute file URI."""
        shown, relative = self.display_path(path)
        if relative:
            return quote(shown, safe="/"), SRCROOT
        from pathlib import Path

        return Path(os.path.abspath(path)).as_uri(), None

    def _text(self, path: str) -> str | None:
        if path not in self._texts:
            try:
                from audit.core.decode import read_text

                self._texts[path] = read_text(path)
            except Exception:  # noqa: BLE001 - not readable again: no columns, the line still stands
                self._texts[path] = None
        return self._texts[path]

    def _file_lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            text = self._text(path)
            self._lines[path] = None if text is None else text.split("\n")
        return self._lines[path]

    def _start_by_offset(self, origin: Origin, text: str) -> tuple[int, int] | None:
        data = self._text(origin.path)
        if data is None or data[origin.offset:origin.offset + len(text)] != text:
            return None
        return data.count("\n", 0, origin.offset) + 1, origin.offset - data.rfind("\n", 0, origin.offset)

    def _start_by_line(self, origin: Origin, text: str) -> tuple[int, int] | None:
        lines = self._file_lines(origin.path)
        if lines is None or not text or origin.line < 1 or origin.line > len(lines):
            return None
        parts = text.split("\n")
        first = lines[origin.line - 1].rstrip("\r") if len(parts) == 1 else lines[origin.line - 1]
        if not parts[0] or first.count(parts[0]) != 1:
            return None
        col = first.index(parts[0]) + 1
        if len(parts) > 1:  # a multi-line text: the first part ends its line, the others follow
            if not first.endswith(parts[0]) or origin.line - 1 + len(parts) > len(lines):
                return None
            for k, part in enumerate(parts[1:], 1):
                line = lines[origin.line - 1 + k]
                if not (line.startswith(part) if k == len(parts) - 1 else line == part):
                    return None
        return origin.line, col

    def _start(self, origin: Origin, text: str) -> tuple[int, int] | None:
        if origin.offset is not None:
            return self._start_by_offset(origin, text)
        if origin.line is not None:
            return self._start_by_line(origin, text)
        return None

    def starts(self, pair: Pair) -> dict[str, tuple[int, int] | None]:
        """(line, column) where each side's text starts in its file, when exact."""
        key = id(pair)
        hit = self._starts.get(key)
        if hit is not None and hit[0] is pair:
            return hit[1]
        out: dict[str, tuple[int, int] | None] = {}
        for side, origin in (("source", pair.source_origin), ("target", pair.target_origin)):
            out[side] = None
            if origin is not None and origin.path:
                out[side] = self._start(origin, pair.text(side))
        s, t, so, to = out["source"], out["target"], pair.source_origin, pair.target_origin
        if (s and t and so.offset is None and to.offset is None and so.path == to.path and s[0] == t[0]
                and s[1] < t[1] + len(pair.text("target")) and t[1] < s[1] + len(pair.source)):
            out["source"] = out["target"] = None  # one line, overlapping finds: not trusted
        self._starts = {key: (pair, out)}  # flags come segment by segment: keep the last one
        return out

    def place(self, pair: Pair, side: str | None, start: int | None = None, end: int | None = None) -> Place:
        """The place of ``pair.text(side)[start:end]`` (``side`` None: the segment's target)."""
        origin = pair.source_origin if side == "source" else pair.target_origin
        if side not in ("source", "target"):
            side = "target"
        if origin is None or not origin.path:
            return Place(None)
        path, relative = self.display_path(origin.path)
        begin = self.starts(pair)[side] if start is not None else None
        if begin is None:
            return Place(path, relative, origin.line)
        text = pair.text(side)
        line, col = _pos(text, start, *begin)
        end_line, end_col = _pos(text, end, *begin)
        return Place(path, relative, line, col, end_line, end_col)
