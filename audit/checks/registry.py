"""The check registry: every check declares a stable code, a name, an MQM category, a default
severity, its language scope and a doc, next to its code (Ruff's rule registry is the model).

A pair check is ``fn(pair, ctx) -> Iterable[Finding]`` (``ctx``: ``audit.checks.context.Context``).
A corpus check is ``fn(pairs, ctx) -> Iterable[tuple[int, Finding]]`` over all pairs of one input
(for consistency-style checks; ``ctx``: a ``CorpusContext``); it yields (index into pairs, finding).

A check's settings are declared on the decorator, ``options=(Option("min_words", int, 3, "..."),)``,
and read through its context, ``ctx.options("CON001").min_words`` (the configured value or the
default). ``Config`` rejects options a check does not declare, and values of the wrong type.

Third-party checks register through the ``transaudit.checks`` entry-point group: each entry
point is imported once; one that fails to import is reported on stderr and the run goes on.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass
from typing import Callable, Iterable

from audit.core import lazyre
from audit.core.config import declare_options
from audit.core.model import MQM_CATEGORIES, CheckSpec, Option, Severity
from audit.lang.profiles import profile

__all__ = ["Check", "Option", "check", "in_lang_scope", "load_all", "all_checks", "get", "select_checks", "declared_options"]

CODE_RE = lazyre.re_compile(r"^[A-Z]{3}[0-9]{3}$")

# The language scopes a check may declare (``lang_scope=``), in terms of the language profiles
# (audit/lang/profiles.py); ``languages=`` lists target languages instead.
LANG_SCOPES = {
    "all": "all",
    "declared-target": "targets with a declared language",
    "cased-target": "targets in a cased script (profile case = cased; the script when no language is declared)",
    "not-phrase-spaced-target": ("all but targets where spaces separate phrases "
                                 "(profile space_separates_phrases: th, lo, km, my)"),
}



def in_lang_scope(spec: CheckSpec, source_lang: str | None, target_lang: str | None) -> bool:
    """Whether a check applies to a language pair by its listed languages and its declared
    ``lang_scope``. The engine runs only the checks for which this is True, once per language pair.
    A scope about the target's profile is decided by the declared target language; with none
    declared the check runs and judges the text itself (by its script)."""
    if not spec.applies(source_lang, target_lang):
        return False
    scope = spec.lang_scope
    if scope == "all":
        return True
    if scope == "declared-target":
        return bool(target_lang)
    if not target_lang:
        return True
    prof = profile(target_lang)
    if scope == "cased-target":
        return prof.cased
    if scope == "not-phrase-spaced-target":
        return not prof.space_separates_phrases
    raise ValueError(f"unknown language scope {scope!r}")

# A check's status: stable checks run by default; preview and opt-in checks run only when a
# selector names them (``--select ADQ``, ``--select UNI002``). Preview: still being measured;
# opt-in: reports what is often deliberate (a correct unit conversion), for reviews that want it.
STATUSES = ("stable", "preview", "opt-in")

# MQM categories this project uses (top-level/sub-level, lower case): audit.core.model.
CATEGORIES = MQM_CATEGORIES


@dataclass(frozen=True)
class Check:
    spec: CheckSpec
    fn: Callable
    plugin: str | None = None  # the entry point that registered it (third-party checks)

    @property
    def code(self) -> str:
        return self.spec.code


_REGISTRY: dict[str, Check] = {}
_LOADED = False


def check(
    code: str,
    name: str,
    category: str,
    severity: str | Severity,
    languages: Iterable[str] | None = None,
    source_languages: Iterable[str] | None = None,
    status: str = "stable",
    scope: str = "pair",
    doc: str | None = None,
    supersedes: Iterable[str] = (),
    requires: str | None = None,
    options: Iterable[Option] = (),
    lang_scope: str = "all",
):
    """Register a check. The doc defaults to the function's docstring (one paragraph or more).
    ``options``: the settings the check reads (``Option(name, type, default, doc)``)."""
    if not CODE_RE.match(code):
        raise ValueError(f"check code {code!r} must be three capitals and three digits")
    if category not in CATEGORIES:
        raise ValueError(f"check {code}: unknown MQM category {category!r}")
    if status not in STATUSES:
        raise ValueError(f"check {code}: status must be one of {', '.join(STATUSES)}")
    if scope not in ("pair", "corpus"):
        raise ValueError(f"check {code}: scope must be 'pair' or 'corpus'")
    options = _checked_options(code, options)
    if lang_scope not in LANG_SCOPES:
        raise ValueError(f"check {code}: unknown language scope {lang_scope!r} (one of {', '.join(LANG_SCOPES)})")

    def deco(fn):
        text = doc or inspect.getdoc(fn)
        if not text:
            raise ValueError(f"check {code} has no doc")
        spec = CheckSpec(
            code=code,
            name=name,
            category=category,
            severity=Severity.parse(severity),
            doc=text.strip(),
            languages=frozenset(languages) if languages is not None else None,
            source_languages=frozenset(source_languages) if source_languages is not None else None,
            status=status,
            scope=scope,
            supersedes=frozenset(supersedes),
            requires=requires,
            options=options,
            lang_scope=lang_scope,
        )
        if code in _REGISTRY and _REGISTRY[code].fn is not fn:
            old = _REGISTRY[code].fn
            if (old.__module__, old.__qualname__) != (fn.__module__, fn.__qualname__):
                raise ValueError(f"check code {code} registered twice ({old.__module__}, {fn.__module__})")
        _REGISTRY[code] = Check(spec, fn)
        fn.spec = spec
        return fn

    return deco


def _checked_options(code: str, options: Iterable[Option]) -> tuple[Option, ...]:
    options = tuple(options)
    names = [o.name for o in options]
    if len(set(names)) != len(names):
        raise ValueError(f"check {code} declares an option twice")
    for o in options:
        if not isinstance(o, Option) or not o.doc:
            raise ValueError(f"check {code}: options must be Option(name, type, default, doc)")
        if o.default is not None and not o.accepts(o.default):
            raise ValueError(f"check {code}: the default of option {o.name!r} is not a {o.type_name}")
    return options


def load_all() -> dict[str, Check]:
    """Import every module of ``audit.checks.families`` (sorted) and third-party entry points once."""
    global _LOADED
    if not _LOADED:
        _LOADED = True  # first: a Config made while a family is imported must not recurse here
        try:
            from audit.checks import families as pkg

            for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
                if not info.name.startswith("_"):
                    importlib.import_module(f"{pkg.__name__}.{info.name}")
        except BaseException:
            _LOADED = False
            raise
        _load_plugins()
    return dict(sorted(_REGISTRY.items()))


def _load_plugins() -> None:
    """Import the ``transaudit.checks`` entry points (by name); the checks each one registers are
    marked with its name. One that fails is reported on stderr, once, and skipped."""
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group="transaudit.checks"), key=lambda e: e.name):
        before = set(_REGISTRY)
        try:
            ep.load()
        except Exception as exc:  # a broken plug-in must not break the tool: say so, go on
            why = " ".join(f"{type(exc).__name__}: {exc}".split())
            sys.stderr.write(f"transaudit: warning: plug-in {ep.name!r} ({ep.value}) failed to load: {why}\n")
            continue
        for code in set(_REGISTRY) - before:
            _REGISTRY[code] = Check(_REGISTRY[code].spec, _REGISTRY[code].fn, ep.name)


def declared_options() -> dict[str, tuple[Option, ...]]:
    """code -> the options the check declares (every check loaded)."""
    return {code: chk.spec.options for code, chk in load_all().items()}


declare_options(declared_options)


def superseded_codes(codes: Iterable[str]) -> set[str]:
    """The codes made redundant by any of ``codes`` (e.g. a copied target makes 'wrong language'
    and 'source fragment' redundant)."""
    out: set[str] = set()
    for code in codes:
        chk = _REGISTRY.get(code)
        if chk is not None:
            out |= chk.spec.supersedes
    return out


def all_checks() -> dict[str, Check]:
    return load_all()


def get(code: str) -> Check:
    checks = load_all()
    try:
        return checks[code.upper()]
    except KeyError:
        raise KeyError(code) from None


def _specificity(selector: str, code: str) -> int:
    """-1 when the selector does not match the code; otherwise how specific it is."""
    sel = selector.strip().upper()
    if sel == "ALL":
        return 0
    if code.startswith(sel):
        return len(sel)
    return -1


def select_checks(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                  checks: dict[str, Check] | None = None) -> list[Check]:
    """Resolve selectors (codes or prefixes: ``NUM``, ``NUM0``, ``NUM003``, ``ALL``).

    With no ``select`` every stable check is on. For each check the most specific matching
    selector wins; on a tie, ignore wins. Preview and opt-in checks run only when a selector
    names them more specifically than ``ALL``.
    """
    checks = checks if checks is not None else load_all()
    select = [s for s in (select or []) if s.strip()]
    ignore = [s for s in (ignore or []) if s.strip()]
    validate_selectors(select + ignore, checks)
    chosen = []
    for code, chk in checks.items():
        best_sel = max([_specificity(s, code) for s in select] or [0 if chk.spec.status == "stable" else -1])
        if not select and chk.spec.status != "stable":
            best_sel = -1
        if chk.spec.status != "stable" and best_sel <= 0:
            best_sel = -1
        best_ign = max([_specificity(s, code) for s in ignore] or [-1])
        if best_sel >= 0 and best_sel > best_ign:
            chosen.append(chk)
    return chosen


def validate_selectors(selectors: Iterable[str], checks: dict[str, Check] | None = None) -> None:
    checks = checks if checks is not None else load_all()
    for sel in selectors:
        s = sel.strip().upper()
        if s == "ALL":
            continue
        if not any(code.startswith(s) for code in checks):
            raise ValueError(f"unknown check selector {sel!r} (see 'transaudit checks')")
