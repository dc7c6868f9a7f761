"""Custom rules of the config (``[[rules]]``): their syntax and validation, at load time.

The rules themselves, and how they become checks, are described in ``audit.checks.custom``;
this module lives in the core layer so that a config is validated when it is read.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from audit.core import lazyre
from audit.core.errors import UsageError
from audit.core.model import MQM_CATEGORIES, Severity

_CODE = lazyre.re_compile(r"^[A-Z]{3}[0-9]{3}$")
_SIDES = ("target", "source")
_KINDS = {"forbid": ("forbid",), "require": ("require",), "pair-source": ("if-source", "then-target"),
          "pair-target": ("if-target", "then-source")}
_KEYS = frozenset({"code", "name", "message", "severity", "category", "languages", "side", "ignore-case",
                   "whole-words", "forbid", "require", "if-source", "then-target", "if-target", "then-source"})
TEMPLATE = lazyre.compile(r"\\(?:[1-9][0-9]?|g<[^>]+>)")


@dataclass(frozen=True)
class Rule:
    """One validated rule (see the module doc)."""

    code: str
    name: str
    message: str
    severity: str
    category: str
    kind: str
    side: str
    pattern: str
    then: str | None
    flags: int
    languages: tuple[str, ...] | None

    def to_dict(self) -> dict:
        return {"code": self.code, "kind": self.kind, "side": self.side, "pattern": self.pattern,
                "then": self.then, "flags": self.flags, "severity": self.severity, "category": self.category,
                "languages": list(self.languages) if self.languages else None, "message": self.message}


def _compile(rule: str, key: str, pattern, flags: int):
    if not isinstance(pattern, str) or not pattern:
        raise UsageError(f"rule {rule}: '{key}' must be a non-empty regular expression")
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise UsageError(f"rule {rule}: '{key}' is not a valid regular expression ({exc})") from None


def parse_rules(tables) -> tuple[Rule, ...]:
    """Validate the config's ``rules`` (a list of tables) into ``Rule``s; a ``UsageError`` with one
    line naming the first bad rule and what is wrong."""
    if not isinstance(tables, Sequence) or isinstance(tables, str):
        raise UsageError("'rules' must be a list of tables ([[rules]])")
    out, seen = [], set()
    for n, t in enumerate(tables, 1):
        label = f"#{n}"
        if not isinstance(t, Mapping):
            raise UsageError(f"rule {label} must be a table")
        code = t.get("code")
        if not isinstance(code, str) or not _CODE.match(code):
            raise UsageError(f"rule {label}: 'code' must be three capitals and three digits (e.g. CUS001)")
        label = code
        if code in seen:
            raise UsageError(f"rule {code} is defined twice")
        seen.add(code)
        unknown = sorted(set(t) - _KEYS)
        if unknown:
            raise UsageError(f"rule {code}: unknown key {unknown[0]!r} (valid: {', '.join(sorted(_KEYS))})")
        kinds = [k for k, keys in _KINDS.items() if any(key in t for key in keys)]
        if len(kinds) != 1:
            raise UsageError(f"rule {code}: give exactly one of 'forbid', 'require', 'if-source'+'then-target', "
                             "'if-target'+'then-source'")
        kind = kinds[0]
        keys = _KINDS[kind]
        if any(key not in t for key in keys):
            raise UsageError(f"rule {code}: {' and '.join(repr(k) for k in keys)} go together")
        message = t.get("message")
        if not isinstance(message, str) or not message.strip():
            raise UsageError(f"rule {code}: 'message' must be a non-empty string")
        try:
            severity = Severity.parse(t.get("severity", "major")).label
        except ValueError as exc:
            raise UsageError(f"rule {code}: {exc}") from None
        category = t.get("category", "other")
        if category not in MQM_CATEGORIES:
            raise UsageError(f"rule {code}: unknown MQM category {category!r}")
        side = t.get("side", "target")
        if kind in ("pair-source", "pair-target"):
            if "side" in t:
                raise UsageError(f"rule {code}: 'side' does not apply to a source/target pair of patterns")
            side = "source" if kind == "pair-source" else "target"
        elif side not in _SIDES:
            raise UsageError(f"rule {code}: 'side' must be 'target' or 'source'")
        for key in ("ignore-case", "whole-words"):
            if key in t and not isinstance(t[key], bool):
                raise UsageError(f"rule {code}: '{key}' must be true or false")
        flags = regex.V1 | (regex.IGNORECASE if t.get("ignore-case") else 0)
        langs = t.get("languages")
        if langs is not None and (not isinstance(langs, list) or not all(isinstance(x, str) and x for x in langs)):
            raise UsageError(f"rule {code}: 'languages' must be a list of language codes")
        pattern = t[keys[0]]
        if t.get("whole-words"):
            pattern = rf"(?<![\p{{L}}\p{{N}}_])(?:{pattern})(?![\p{{L}}\p{{N}}_])" if isinstance(pattern, str) else pattern
        _compile(code, keys[0], pattern, flags)
        then = t.get(keys[1]) if len(keys) > 1 else None
        if then is not None:
            if not isinstance(then, str) or not then:
                raise UsageError(f"rule {code}: '{keys[1]}' must be a non-empty regular expression")
            # a template's references stand for literal text: check it with one in their place
            _compile(code, keys[1], TEMPLATE.sub("x", then), flags)
        out.append(Rule(code, str(t.get("name") or f"custom-{code.lower()}"), message.strip(), severity, category,
                        kind, side, pattern, then, flags, tuple(langs) if langs else None))
    return tuple(out)
