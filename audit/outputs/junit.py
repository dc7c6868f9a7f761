"""JUnit XML report, for the test views of CI systems (GitLab, Jenkins, Azure, test-report
actions): one ``testsuite`` per input file, one ``testcase`` per segment (named by segment id
and line, so a failing test says where to look, and the pass count is the corpus's clean
segments), and a ``failure`` on each segment with a flag at or above the threshold: the
``--fail-on`` severity (``settings["fail_on"]``, set by ``check``), else every flag. Flags below
the threshold are listed in the test case's ``system-out``.

Untrusted text is data: the XML is built with lxml (``<``, ``&``, ``]]>`` and quotes escaped),
and characters XML 1.0 cannot carry (C0 controls but tab and newline, lone surrogates,
U+FFFE/U+FFFF), along with ESC, bidi and invisible format characters, are shown as visible
placeholders (``audit.core.display``).
"""
from __future__ import annotations

from dataclasses import replace

from lxml import etree

from audit.core.display import safe
from audit.core.model import Severity
from audit.outputs.locate import Locator
from audit.outputs.pieces import flagged_snippet

SNIPPET = 120


def with_fail_on(result, fail_on: Severity):
    """``result`` whose JUnit failures start at ``fail_on`` (``check --fail-on``)."""
    settings = {**(result.settings or {}), "fail_on": fail_on.label}
    if hasattr(result, "tally"):  # an AuditStream
        result.settings = settings
        return result
    return replace(result, settings=settings)


def xml_text(text: str) -> str:
    return "".join(ch if ch in "\n\t" else safe(ch) for ch in text)


def _flag_line(pair, flag) -> str:
    line = f"{flag.severity.label} {flag.code} {flag.name}: {flag.message}"
    flagged = flagged_snippet(pair, flag, SNIPPET)
    if flagged is not None:
        sp = flag.primary
        line += f"\n  {sp.side}[{sp.start}:{sp.end}]: \u201c{flagged}\u201d"
    return line


def _threshold(result) -> Severity:
    value = (result.settings or {}).get("fail_on")
    try:
        return Severity.parse(value) if value else Severity.MINOR
    except ValueError:
        return Severity.MINOR


def write(result, out, *, color: bool = False) -> None:
    locator = Locator()
    threshold = _threshold(result)
    suites: dict[str, list] = {}
    for seg in result.segments:
        pair = seg.pair
        origin = pair.target_origin or pair.source_origin
        side = "target" if pair.target_origin else "source"
        name = locator.display_path(origin.path)[0] if origin is not None and origin.path else "input"
        suites.setdefault(name, []).append((seg, locator.place(pair, side) if origin is not None else None))
    root = etree.Element("testsuites", name="transaudit")
    total = failed = 0
    for name, cases in suites.items():
        suite = etree.SubElement(root, "testsuite", name=xml_text(name))
        props = etree.SubElement(suite, "properties")
        settings = result.settings or {}
        for key, value in (("signature", result.signature), ("source_lang", result.source_lang),
                           ("target_lang", result.target_lang), ("fail_on", threshold.label)):
            etree.SubElement(props, "property", name=key, value=xml_text(str(value or "")))
        if settings.get("baseline"):
            etree.SubElement(props, "property", name="baseline_suppressed",
                             value=str(settings["baseline"].get("suppressed", 0)))
        nfail = 0
        for seg, place in cases:
            pair = seg.pair
            label = f"segment {pair.id}" + (f" (line {place.line})" if place is not None and place.line else "")
            case = etree.SubElement(suite, "testcase", name=xml_text(label), classname=xml_text(name), time="0")
            if place is not None and place.path:
                case.set("file", xml_text(place.path))
                if place.line:
                    case.set("line", str(place.line))
            failing = [f for f in seg.flags if f.severity >= threshold]
            other = [f for f in seg.flags if f.severity < threshold]
            if failing:
                nfail += 1
                codes = ", ".join(dict.fromkeys(f.code for f in failing))
                worst = max(f.severity for f in failing)
                message = f"{len(failing)} flag(s): {codes}"
                fail = etree.SubElement(case, "failure", message=xml_text(message), type=worst.label)
                fail.text = xml_text("\n".join(_flag_line(pair, f) for f in failing))
            if other:
                etree.SubElement(case, "system-out").text = xml_text("\n".join(_flag_line(pair, f) for f in other))
        for key, value in (("tests", len(cases)), ("failures", nfail), ("errors", 0), ("skipped", 0), ("time", 0)):
            suite.set(key, str(value))
        total += len(cases)
        failed += nfail
    for key, value in (("tests", total), ("failures", failed), ("errors", 0), ("time", 0)):
        root.set(key, str(value))
    out.write(etree.tostring(root, encoding="unicode", pretty_print=True).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "")))
