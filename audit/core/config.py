"""Settings of an audit: check selection, severities, per-check options, gates.

Read from ``--config PATH``, else ``transaudit.toml`` or ``[tool.transaudit]`` in
``pyproject.toml`` found in the current directory; command-line options override the file.

Per-check options are checked when a ``Config`` is made: every check declares its options
(``Option``: name, type, default, doc) and an unknown check, an unknown option or a value of the
wrong type is a ``UsageError`` listing the valid ones. The declarations live with the checks, a
layer above: the check registry hands them over with ``declare_options`` when it is imported.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from audit.core.errors import UsageError
from audit.core.model import Option, Severity

# code -> the options that check declares; set by the check registry (see the module doc).
_DECLARED: list[Callable[[], Mapping[str, tuple[Option, ...]]]] = []


def declare_options(provider: Callable[[], Mapping[str, tuple[Option, ...]]]) -> None:
    """Register where the checks' option declarations come from (the check registry does)."""
    _DECLARED[:] = [provider]


def validate_options(options: Mapping[str, Any],
                     declared: Mapping[str, tuple[Option, ...]] | None = None) -> None:
    """Raise a one-line ``UsageError`` on the first (in code, then name order) unknown check code,
    unknown option or ill-typed value of ``options``; nothing to check before a registry exists."""
    if not isinstance(options, Mapping):
        raise UsageError("'options' must be a table of tables keyed by check code")
    if declared is None:
        if not _DECLARED:
            return
        declared = _DECLARED[0]()
    for code in sorted(options):
        given = options[code]
        if code not in declared:
            raise UsageError(f"options for unknown check {code!r} (see 'transaudit checks')")
        if not isinstance(given, Mapping):
            raise UsageError(f"the options of {code} must be a table of settings")
        valid = {o.name: o for o in declared[code]}
        for name in sorted(given):
            opt = valid.get(name)
            if opt is None:
                listed = f"valid: {', '.join(sorted(valid))}" if valid else "it takes no options"
                raise UsageError(f"{code} has no option {name!r} ({listed})")
            if not opt.accepts(given[name]):
                raise UsageError(f"option {name!r} of {code} must be {opt.type_name}, "
                                 f"not {type(given[name]).__name__} ({given[name]!r})")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # per-code overrides
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # per-code settings
    fail_on: Severity | None = None
    fail_under: float | None = None
    max_flags: int | None = None
    weights: Mapping[str, float] = field(default_factory=lambda: {"minor": 1.0, "major": 5.0, "critical": 25.0})
    source_lang: str | None = None
    target_lang: str | None = None
    jobs: int = 0  # 0: automatic
    seed: int = 0
    glossary: tuple[str, ...] = ()  # glossary files (TSV/CSV/TBX) for the TRM checks
    limits: Mapping[str, int] = field(default_factory=dict)  # overrides of audit.core.limits.Limits
    rules: tuple = ()  # custom rules (audit.core.rules.Rule), run as checks (audit.checks.custom)

    def __post_init__(self) -> None:
        if self.options:
            validate_options(self.options)
        if self.rules:
            from audit.core.rules import Rule, parse_rules

            if not all(isinstance(r, Rule) for r in self.rules):  # tables given through the API
                object.__setattr__(self, "rules", parse_rules(list(self.rules)))
        if self.limits:
            from audit.core.limits import validate

            try:
                object.__setattr__(self, "limits", validate(self.limits))
            except ValueError as exc:
                raise UsageError(str(exc)) from None

    def merged(self, **overrides: Any) -> Config:
        clean = {k: v for k, v in overrides.items() if v is not None and v != ()}
        return replace(self, **clean)

    def to_dict(self) -> dict[str, Any]:
        return {
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": {k: v.label for k, v in sorted(self.severity.items())},
            "options": {k: dict(v) for k, v in sorted(self.options.items())},
            "weights": dict(sorted(self.weights.items())),
            **({"glossary": list(self.glossary)} if self.glossary else {}),
            **({"limits": dict(sorted(self.limits.items()))} if self.limits else {}),
            **({"rules": [r.to_dict() for r in self.rules]} if self.rules else {}),
        }


_KEYS = {"select", "ignore", "severity", "options", "fail-on", "fail_on", "fail-under", "fail_under",
         "max-flags", "max_flags", "weights", "source-lang", "target-lang", "src-lang", "tgt-lang", "jobs", "seed",
         "glossary", "limits", "rules"}


def _as_list(value: Any, key: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"'{key}' must be a list of check codes", path)


def from_mapping(data: Mapping[str, Any], path: str) -> Config:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise UsageError(f"unknown setting {unknown[0]!r} in [tool.transaudit]", path)
    kw: dict[str, Any] = {}
    if "select" in data:
        kw["select"] = _as_list(data["select"], "select", path)
    if "ignore" in data:
        kw["ignore"] = _as_list(data["ignore"], "ignore", path)
    try:
        if "severity" in data:
            kw["severity"] = {k.upper(): Severity.parse(v) for k, v in data["severity"].items()}
        for key in ("fail-on", "fail_on"):
            if key in data:
                kw["fail_on"] = Severity.parse(data[key])
    except (ValueError, AttributeError) as exc:
        raise UsageError(str(exc), path) from None
    if "options" in data:
        if not isinstance(data["options"], Mapping):
            raise UsageError("'options' must be a table of tables keyed by check code", path)
        if not all(isinstance(v, Mapping) for v in data["options"].values()):
            raise UsageError("'options' must be a table of tables keyed by check code", path)
        kw["options"] = {k.upper(): dict(v) for k, v in data["options"].items()}
    for key, attr, typ in (("fail-under", "fail_under", float), ("fail_under", "fail_under", float),
                           ("max-flags", "max_flags", int), ("max_flags", "max_flags", int),
                           ("jobs", "jobs", int), ("seed", "seed", int)):
        if key in data:
            try:
                kw[attr] = typ(data[key])
            except (TypeError, ValueError):
                raise UsageError(f"'{key}' must be a number", path) from None
    if "weights" in data:
        w = dict(Config().weights)
        w.update({k.lower(): float(v) for k, v in data["weights"].items()})
        kw["weights"] = w
    for key in ("source-lang", "src-lang"):
        if key in data:
            kw["source_lang"] = str(data[key])
    for key in ("target-lang", "tgt-lang"):
        if key in data:
            kw["target_lang"] = str(data[key])
    if "glossary" in data:  # a path or a list of paths, relative to the config file
        value = data["glossary"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise UsageError("'glossary' must be a path or a list of paths", path)
        base = Path(path).parent
        kw["glossary"] = tuple(str(base / v) if not Path(v).is_absolute() else v for v in value)
    if "limits" in data:
        kw["limits"] = data["limits"]
    if "rules" in data:
        from audit.core.rules import parse_rules

        try:
            kw["rules"] = parse_rules(data["rules"])
        except UsageError as exc:
            raise UsageError(exc.message, path) from None
    try:
        return Config(**kw)
    except UsageError as exc:  # an unknown or ill-typed check option: name the file
        raise UsageError(exc.message, path) from None


def load_config(path: str | None = None, cwd: str | Path = ".") -> Config:
    """Load the config from an explicit path, or discover it in ``cwd``; defaults otherwise."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise UsageError("config file not found", str(p))
        return _load_file(p, explicit=True)
    base = Path(cwd)
    for name in ("transaudit.toml", "pyproject.toml"):
        p = base / name
        if p.is_file():
            cfg = _load_file(p, explicit=False)
            if cfg is not None:
                return cfg
    return Config()


def _load_file(p: Path, explicit: bool) -> Config | None:
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"invalid TOML: {exc}", str(p)) from None
    if p.name == "pyproject.toml" or "tool" in data:
        section = data.get("tool", {}).get("transaudit")
        if section is None:
            return Config() if explicit else None
        return from_mapping(section, str(p))
    return from_mapping(data, str(p))
