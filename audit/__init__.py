"""transaudit: the audit engine (readers, checks, scores, writers). No UI code here, ever."""
__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .engine import audit_pairs, iter_audit, run_audit  # noqa: E402
from .model import AuditResult, Flag, Origin, Pair, PairResult, Severity, Span  # noqa: E402

__all__ = ["__version__", "Config", "load_config", "run_audit", "audit_pairs", "iter_audit",
           "AuditResult", "Flag", "Origin", "Pair", "PairResult", "Severity", "Span"]
