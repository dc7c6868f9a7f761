"""Custom rules from the config (``[[rules]]``), as Xbench and CheckMate users write them: a
project's own forbidden and required patterns, and source/target pattern pairs.

Each rule is a table with a ``code`` (three capitals and three digits, not a built-in check's),
a ``message``, optional ``name``, ``severity`` (default ``major``), ``category`` (an MQM
category, default ``other``) and ``languages`` (target languages it applies to), and one of:

- ``forbid`` (a regular expression) with ``side`` (``target``, the default, or ``source``):
  every match is a flag on its exact span;
- ``require`` with ``side``: a side with no match is a flag (an empty span at the end of the text);
- ``if-source`` and ``then-target``: when the source matches and the target does not, the flag
  spans the source match and the end of the target; ``then-target`` may use ``\\1``.. or
  ``\\g<name>`` to require what the source matched (``if-source = '(\\d+) ?%'``,
  ``then-target = '\\1 ?%'``);
- ``if-target`` and ``then-source``: the same the other way round.

Patterns use the ``regex`` module's syntax (Unicode classes such as ``\\p{Han}``); ``ignore-case``
and ``whole-words`` are optional booleans. Everything is checked when the config loads (a bad
pattern, key or value is one line naming the rule); the checks are built when an audit starts,
and a rule's code may be selected or ignored like any other (``--ignore CUS``). A pattern that
takes longer than ``TIMEOUT`` seconds on one segment is given up on that segment (one note on
stderr per rule), so no segment can hang an audit.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

import regex

from audit.core.model import CheckSpec, Severity, hit
from audit.core.rules import TEMPLATE, Rule

TIMEOUT = 1.0


class RuleCheck:
    """A rule as a pair check (``fn(pair, ctx) -> findings``); picklable for worker processes."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.rx = regex.compile(rule.pattern, rule.flags)
        self.then = None
        if rule.then is not None and not TEMPLATE.search(rule.then):
            self.then = regex.compile(rule.then, rule.flags)
        self._warned = False

    def _finditer(self, rx, text: str):
        try:
            return list(rx.finditer(text, timeout=TIMEOUT))
        except TimeoutError:
            if not self._warned:
                self._warned = True
                print(f"transaudit: note: rule {self.rule.code} gave up on a segment after {TIMEOUT:g} s "
                      "(pattern too slow on it)", file=sys.stderr)
            return None

    def _search(self, rx, text: str):
        got = self._finditer(rx, text)
        return None if got is None else (got[0] if got else False)

    def __call__(self, pair, ctx):
        r = self.rule
        tgt = pair.target or ""
        if r.kind == "forbid":
            text = tgt if r.side == "target" else pair.source
            for m in self._finditer(self.rx, text) or ():
                if m.end() > m.start():
                    kw = {r.side: (m.start(), m.end())}
                    yield hit(r.message, **kw)
            return
        if r.kind == "require":
            text = tgt if r.side == "target" else pair.source
            if text and self._search(self.rx, text) is False:
                yield hit(r.message, **{r.side: (len(text), len(text))})
            return
        first, second = (pair.source, tgt) if r.kind == "pair-source" else (tgt, pair.source)
        if not second:
            return
        other = "target" if r.kind == "pair-source" else "source"
        for m in self._finditer(self.rx, first) or ():
            then = self.then
            if then is None:  # the second pattern requires, literally, what the first matched
                then = regex.compile(TEMPLATE.sub(lambda t, m=m: regex.escape(_group(m, t.group())), r.then), r.flags)
            if self._search(then, second) is False:
                yield hit(r.message, **{r.side: (m.start(), m.end()), other: (len(second), len(second))},
                          primary=r.side)


def _group(m, ref: str) -> str:
    """The text of group ``\\N`` or ``\\g<name>`` of a match ('' when it did not take part)."""
    key = ref[3:-1] if ref.startswith("\\g<") else ref[1:]
    try:
        got = m.group(int(key) if key.isdigit() else key)
    except (IndexError, regex.error):
        got = None
    return got or ""


def rule_doc(r: Rule) -> str:
    """What ``transaudit checks CODE`` shows of a rule: its message, then what it tests (kind,
    side, the patterns as written in the config, case), paragraphs separated by blank lines."""
    how = {
        "forbid": f"Flags every match in the {r.side} of the pattern ``{r.pattern}``.",
        "require": f"Flags a {r.side} with no match of the pattern ``{r.pattern}``.",
        "pair-source": f"When the source matches ``{r.pattern}``, the target must match ``{r.then}``"
                       " (``\\1``, ``\\g<name>``: what the source matched).",
        "pair-target": f"When the target matches ``{r.pattern}``, the source must match ``{r.then}``"
                       " (``\\1``, ``\\g<name>``: what the target matched).",
    }.get(r.kind, f"{r.kind} ({r.side}): ``{r.pattern}``")
    case = "Case is ignored." if r.flags & regex.IGNORECASE else "Case matters."
    return f"Custom rule from the config: {r.message}\n\n{how} {case}"


def rule_checks(rules: Sequence[Rule]):
    """The ``Check`` objects of the config's rules, keyed by code."""
    from audit.checks.registry import Check

    out = {}
    for r in rules:
        doc = rule_doc(r)
        spec = CheckSpec(code=r.code, name=r.name, category=r.category, severity=Severity.parse(r.severity), doc=doc,
                         languages=frozenset(r.languages) if r.languages else None)
        out[r.code] = Check(spec, RuleCheck(r), plugin="config")
    return out
