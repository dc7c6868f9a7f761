"""Layer 9, the ``transaudit`` command: a thin layer over the library API.

Subcommands live beside this module in ``audit/cli/`` (one module each, exposing ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``). Exit codes come from ``audit.core.errors.ExitCode``;
every ``AuditError`` becomes one line on stderr and exit code 2, no traceback unless ``--debug``.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from audit.core.errors import AuditError, ExitCode
from audit.core.version import __version__

# Order here is the order in ``transaudit --help``.
COMMANDS = ["check", "checks", "compare", "align", "review", "export-decisions", "import-decisions",
            "baseline"]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: one line, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"transaudit: error: {message}\n")
        raise SystemExit(ExitCode.USAGE)


def _command_in(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names; "" when ``--version`` comes first (it is answered before any
    subcommand is looked at); None when it names none of ``COMMANDS`` or another top-level option
    comes first (``-h``: the full parser answers)."""
    for a in argv:
        if a == "--version":
            return ""
        if a != "--debug":
            return a if a in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or with ``only`` of that one alone ("": none), so that a run
    imports and builds only the subcommand it runs (``--help`` and unknown commands get them all)."""
    parser = _Parser(prog="transaudit", description="Find what is wrong in a translation, and show exactly where.")
    parser.add_argument("--version", action="version", version=f"transaudit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS if only is None else [only] if only else []:
        mod = importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks for errors")
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _on_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess in the tests
    raise SystemExit(128 + signum)


def _handle_sigterm() -> None:
    """SIGTERM ends the run as an exception does: ``finally`` blocks remove temporary report files
    (by default Python would die at once and leave them behind)."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)


def main(argv: list[str] | None = None) -> int:
    _handle_sigterm()
    parser = build_parser(_command_in(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return ExitCode.USAGE
    debug = getattr(args, "debug", False)
    try:
        return int(args._run(args))
    except AuditError as exc:
        if debug:
            raise
        sys.stderr.write(f"transaudit: error: {exc.format()}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("transaudit: interrupted\n")
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
