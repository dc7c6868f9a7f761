"""transaudit's public API, the top library layer (above the outputs, below the CLI): the audit
(run by ``audit.pipeline``), the model types, settings, and the review decisions written out
(``export_decisions``, ``write_edited``). No UI code here, ever."""
from audit.core.config import Config, load_config
from audit.core.model import AuditResult, Flag, Origin, Pair, PairResult, Severity, Span
from audit.core.version import __version__
from audit.outputs.decisions import export_decisions, write_edited
from audit.pipeline.engine import Audit, audit_pairs, iter_audit, run_audit

__all__ = ["__version__", "Config", "load_config", "run_audit", "audit_pairs", "iter_audit", "Audit",
           "AuditResult", "Flag", "Origin", "Pair", "PairResult", "Severity", "Span",
           "export_decisions", "write_edited"]
