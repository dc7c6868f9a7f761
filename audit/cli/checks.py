"""``transaudit checks [CODE]``: list the checks (built-in, plug-in and the custom rules of the
config in force: ``--config``, else the one found in the current folder), or print one check's
documentation with its options (name, type, default)."""
from __future__ import annotations

import textwrap

from audit.checks.registry import LANG_SCOPES, all_checks
from audit.core.errors import UsageError

NAME = "checks"
HELP = "list the checks, or print the documentation of one (transaudit checks NUM003)"


def add_arguments(p) -> None:
    p.add_argument("code", nargs="?", help="a check code, e.g. NUM003")
    p.add_argument("--markdown", action="store_true", help="print the README's table of checks")
    p.add_argument("--config", metavar="PATH",
                   help="config whose custom rules ([[rules]]) are listed too (default: transaudit.toml or "
                        "[tool.transaudit] in pyproject.toml of the current folder)")


def describe(spec, plugin: str | None = None) -> str:
    head = (f"{spec.code} {spec.name}\n"
            f"category: {spec.category}   default severity: {spec.severity.label}   "
            f"status: {spec.status}   scope: {spec.scope}\n"
            f"languages: {languages(spec)}\n")
    if plugin == "config":
        head += "custom rule: from the config\n"
    elif plugin:
        head += f"plug-in: {plugin}\n"
    body = "\n\n".join(textwrap.fill(" ".join(par.split()), 88) for par in spec.doc.split("\n\n"))
    return head + "\n" + body + "\n" + describe_options(spec)


def describe_options(spec) -> str:
    """The options section: one line per option, name, type, default and doc."""
    if not spec.options:
        return ""
    lines = [f"\noptions ([tool.transaudit.options.{spec.code}]):"]
    for o in spec.options:
        default = "none" if o.default is None else repr(o.default).lower() if isinstance(o.default, bool) \
            else repr(o.default)
        lines.append(f"  {o.name} ({o.type_name}, default {default}): {o.doc}")
    return "\n".join(lines) + "\n"


def languages(spec) -> str:
    """The languages a check applies to: its listed target (and source) languages, else its
    declared scope in profile terms."""
    if spec.languages is None and spec.source_languages is None:
        return LANG_SCOPES[spec.lang_scope]
    parts = []
    if spec.languages is not None:
        parts.append("targets " + ", ".join(sorted(spec.languages)))
    if spec.source_languages is not None:
        parts.append("sources " + ", ".join(sorted(spec.source_languages)))
    if spec.lang_scope != "all":
        parts.append(LANG_SCOPES[spec.lang_scope])
    return "; ".join(parts)


def summary(spec) -> str:
    first = " ".join(spec.doc.split("\n\n")[0].split())
    return first.split(". ")[0].rstrip(".") + "."


def markdown_table(checks) -> str:
    rows = ["| code | name | MQM category | severity | what it flags |", "|---|---|---|---|---|"]
    for code, chk in checks.items():
        if chk.plugin:  # the README documents the built-in checks
            continue
        s = chk.spec
        text = summary(s).replace("|", "\\|")
        if s.status != "stable":
            text = f"*{s.status}, off unless selected (`--select {code}`).* {text}"
        rows.append(f"| {code} | {s.name} | {s.category} | {s.severity.label} | {text} |")
    return "\n".join(rows) + "\n"


def _with_rules(checks: dict, config_path: str | None) -> dict:
    """The checks and, after them, the config's custom rules (a bad config is its usual one-line error)."""
    from audit.checks.custom import rule_checks
    from audit.core.config import load_config

    rules = rule_checks(load_config(config_path).rules)
    return {**checks, **{code: chk for code, chk in rules.items() if code not in checks}}


def run(args) -> int:
    checks = all_checks()
    if not args.markdown:
        checks = _with_rules(checks, getattr(args, "config", None))
    if args.markdown:
        print(markdown_table(checks), end="")
        return 0
    if args.code:
        code = args.code.upper()
        if code not in checks:
            hint = "; custom rules come from the config ([[rules]], --config PATH)" if code[:1].isalpha() else ""
            raise UsageError(f"unknown check code {args.code!r} (see 'transaudit checks'{hint})")
        print(describe(checks[code].spec, checks[code].plugin), end="")
        return 0
    for code, chk in checks.items():
        s = chk.spec
        origin = " [custom rule]" if chk.plugin == "config" else f" [plug-in {chk.plugin}]" if chk.plugin else ""
        origin += f" [{s.status}: off unless selected]" if s.status != "stable" else ""
        print(f"{code}  {s.name:<28} {s.severity.label:<8} {s.category:<32} {summary(s)}{origin}")
    return 0
