"""transaudit's public API, the top library layer (above the outputs, below the CLI): the audit
(run by ``audit.pipeline``), the model types, settings, and the review decisions written out
(``export_decisions``, ``write_edited``), and the text report's block-character charts
(``bar_chart``, ``QualityBands``: the review app draws the same). No UI code here, ever.

Names are imported on first use (PEP 562 ``__getattr__``): ``import audit`` or any ``audit.x``
submodule costs no more than that submodule, so ``transaudit --version`` loads no checks.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from audit.core.version import __version__

# public name -> the module that defines it
_EXPORTS = {
    "Config": "audit.core.config", "load_config": "audit.core.config",
    "AuditResult": "audit.core.model", "Flag": "audit.core.model", "Origin": "audit.core.model",
    "Pair": "audit.core.model", "PairResult": "audit.core.model", "Severity": "audit.core.model",
    "Span": "audit.core.model", "Unit": "audit.core.model",
    "export_decisions": "audit.outputs.decisions", "write_edited": "audit.outputs.decisions",
    "Audit": "audit.pipeline.engine", "audit_pairs": "audit.pipeline.engine",
    "iter_audit": "audit.pipeline.engine", "run_audit": "audit.pipeline.engine",
    "QualityBands": "audit.outputs.textcharts", "bar_chart": "audit.outputs.textcharts",
}

__all__ = ["Audit", "AuditResult", "Config", "Flag", "Origin", "Pair", "PairResult", "QualityBands", "Severity", "Span",
           "Unit", "__version__", "audit_pairs", "bar_chart", "export_decisions", "iter_audit", "load_config",
           "run_audit", "write_edited"]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names come from __getattr__
    from audit.core.config import Config, load_config
    from audit.core.model import (
        AuditResult,
        Flag,
        Origin,
        Pair,
        PairResult,
        Severity,
        Span,
        Unit,
    )
    from audit.outputs.decisions import export_decisions, write_edited
    from audit.outputs.textcharts import QualityBands, bar_chart
    from audit.pipeline.engine import Audit, audit_pairs, iter_audit, run_audit


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'audit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
