"""Exit codes and the one error type that the CLI turns into a one-line message.

Every problem with the user's input or invocation raises ``AuditError`` naming the file and,
where known, the line; ``audit.cli`` maps it to exit code 2 and prints one line (no traceback
unless ``--debug``).
"""
from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0  # no gate failed
    GATE_FAILED = 1  # a quality gate (--fail-on, --fail-under, --max-flags) failed
    USAGE = 2  # bad invocation or bad input


class AuditError(Exception):
    """A user-facing error: bad input or bad usage. ``str()`` is the one line shown."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.format())

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"


class InputError(AuditError):
    """The input file cannot be read as asked (missing, undecodable, malformed, mismatched)."""


class UsageError(AuditError):
    """The invocation is wrong (unknown option value, unknown check code, ...)."""
