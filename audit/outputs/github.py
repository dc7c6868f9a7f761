"""GitHub Actions annotations: one workflow command a flag
(``::error file=F,line=L,endLine=L2,col=C,endColumn=C2,title=CODE name::message``), shown on
the pull request's diff and in the run summary; critical and major flags are ``error``, minor
ones ``warning``; a last ``notice`` line counts the flags (and those a baseline suppressed).

Segment text, ids, messages and file names are untrusted: the runner reads a workflow command
from any output line that starts with ``::``, so every value is escaped as the runner unescapes
it (``%`` ``%25``, CR ``%0D``, LF ``%0A``, and in properties ``:`` ``%3A``, ``,`` ``%2C``), which
keeps each annotation on one line whatever the text holds. Other control, bidi and invisible
characters (ESC sequences would colour the log, U+2028 would break it in viewers) are shown as
visible placeholders (``audit.core.display``). Lines and columns come from ``locate``.
"""
from __future__ import annotations

from audit.core.display import safe
from audit.core.model import Severity
from audit.outputs.locate import Locator

COMMAND = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning"}
SNIPPET = 80


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _inert(text: str) -> str:
    """Visible placeholders for everything but CR and LF, which ``escape_*`` encode."""
    return "".join(ch if ch in "\r\n" else safe(ch) for ch in text)


def annotation(kind: str, props: dict, message: str) -> str:
    head = ",".join(f"{k}={escape_property(_inert(str(v)))}" for k, v in props.items() if v is not None)
    return f"::{kind}{' ' + head if head else ''}::{escape_data(_inert(message))}\n"


def _message(pair, flag) -> str:
    sp = flag.primary
    text = f"{flag.message} (segment {pair.id}"
    if sp is not None:
        flagged = pair.text(sp.side)[sp.start:sp.end]
        if len(flagged) > SNIPPET:
            flagged = flagged[:SNIPPET] + "…"
        text += f", {sp.side}: \u201c{flagged}\u201d"
    return text + ")"


def write(result, out, *, color: bool = False) -> None:
    locator = Locator()
    counts = {"error": 0, "warning": 0}
    for seg in result.segments:
        pair = seg.pair
        for f in seg.flags:
            sp = f.primary
            place = locator.place(pair, sp.side, sp.start, sp.end) if sp is not None else locator.place(pair, None)
            kind = COMMAND[f.severity]
            counts[kind] += 1
            props = {"file": place.path, "line": place.line}
            if place.column:
                props.update({"endLine": place.end_line, "col": place.column, "endColumn": place.end_column})
            props["title"] = f"{f.code} {f.name}"
            out.write(annotation(kind, props, _message(pair, f)))
    summary = f"transaudit: {counts['error']} error(s), {counts['warning']} warning(s)"
    baseline = (result.settings or {}).get("baseline")
    if baseline:
        summary += f"; {baseline.get('suppressed', 0)} flag(s) suppressed by the baseline {baseline.get('path', '')}"
    out.write(annotation("notice", {"title": "transaudit"}, summary))
