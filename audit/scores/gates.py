"""Quality gates: turn a result and the configured thresholds into pass/fail and a verdict line."""
from __future__ import annotations

from audit.core.config import Config
from audit.core.model import AuditResult


def evaluate(result: AuditResult, config: Config) -> list[str]:
    """The failed gates, each as one sentence; empty when every gate passes."""
    failed = []
    tally = getattr(result, "tally", None)  # a streamed audit (engine.AuditStream) keeps counts, not flags
    if config.fail_on is not None:
        n = (tally.count_at_least(config.fail_on) if tally is not None
             else sum(1 for f in result.flags if f.severity >= config.fail_on))
        if n:
            failed.append(f"--fail-on {config.fail_on.label}: {n} flag(s) at {config.fail_on.label} or above")
    if config.max_flags is not None:
        n = tally.flags if tally is not None else len(result.flags)
        if n > config.max_flags:
            failed.append(f"--max-flags {config.max_flags}: {n} flags")
    if config.fail_under is not None:
        q = result.scores.get("quality")
        if q is not None and q < config.fail_under:
            failed.append(f"--fail-under {config.fail_under:g}: quality {q:.2f}")
    return failed
