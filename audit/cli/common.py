"""Options shared by the commands that audit an input (check, review, ...), and their reading."""
from __future__ import annotations

import argparse

from audit.core.config import Config, load_config
from audit.core.errors import UsageError
from audit.core.model import Severity
from audit.inputs import format_names

INPUTS_HELP = "a bilingual file (TMX, XLIFF, PO, TSV, JSONL) or two text files: SOURCE TARGET"
PROJECT_INPUTS_HELP = (INPUTS_HELP + "; or folders and globs of catalogs (PO, POT, XLIFF, TMX), each file audited "
                       "on its own; - reads standard input")


def add_input_arguments(p: argparse.ArgumentParser, projects: bool = False) -> None:
    """The input options; ``projects``: the inputs may be folders, globs and ``-`` (``check``)."""
    p.add_argument("inputs", nargs="+", metavar="INPUT" if projects else "FILE",
                   help=PROJECT_INPUTS_HELP if projects else INPUTS_HELP)
    p.add_argument("--src-lang", "-s", metavar="LANG", help="source language (default: from the file, else detected)")
    p.add_argument("--tgt-lang", "-t", metavar="LANG", help="target language (default: from the file, else detected)")
    p.add_argument("--input-format", "-f", choices=format_names(), help="input format (default: by extension and content)")
    p.add_argument("--select", action="append", default=[], metavar="CODES",
                   help="checks to run: codes or prefixes, comma-separated (e.g. NUM,PUN001); repeatable")
    p.add_argument("--ignore", action="append", default=[], metavar="CODES",
                   help="checks not to run: codes or prefixes, comma-separated; repeatable")
    p.add_argument("--config", metavar="PATH", help="config file (default: transaudit.toml or [tool.transaudit] in pyproject.toml)")
    p.add_argument("--glossary", action="append", default=[], metavar="PATH",
                   help="glossary for the terminology checks (TRM): TSV/CSV (source<TAB>target[<TAB>note], "
                        "variants a|b, forbidden !term) or TBX; repeatable, added to the config's glossaries")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--align", action="store_true",
                   help="two files are documents to segment and sentence-align (automatic for .docx/.html/.md/.srt "
                        "and for text files whose line counts differ)")
    p.add_argument("--presegmented", action="store_true",
                   help="with two documents: each line is one sentence (align them without re-segmenting)")
    p.add_argument("--ref", "-r", action="append", default=[], metavar="FILE",
                   help="reference translation, line-aligned with the input: adds BLEU, chrF, chrF++ and TER "
                        "(corpus with 95%% CI, and per segment); repeatable for several references")
    p.add_argument("--metrics", "-m", action="append", default=[], metavar="NAMES",
                   help="reference metrics to compute: bleu, chrf, chrf++, ter, spbleu or all, comma-separated "
                        "(default: bleu,chrf,chrf++,ter)")


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def config_from_args(args: argparse.Namespace) -> Config:
    # the registry declares every check's options (plug-ins' too) to the config, which validates
    # [options] against them when it loads: import it first, whatever the subcommand imported
    import audit.checks.registry  # noqa: F401

    cfg = load_config(getattr(args, "config", None))
    overrides = {}
    if getattr(args, "select", None):
        overrides["select"] = _split(args.select)
    if getattr(args, "ignore", None):
        overrides["ignore"] = cfg.ignore + _split(args.ignore)
    if getattr(args, "fail_on", None):
        try:
            overrides["fail_on"] = Severity.parse(args.fail_on)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if getattr(args, "glossary", None):
        overrides["glossary"] = cfg.glossary + tuple(args.glossary)
    if getattr(args, "jobs", None) is not None:
        if args.jobs < 0:
            raise UsageError("--jobs must be 0 or more")
        overrides["jobs"] = args.jobs
    return cfg.merged(**overrides)


def metric_names(args: argparse.Namespace) -> tuple[str, ...] | None:
    """The ``--metrics`` selection (None: the default set), validated."""
    values = getattr(args, "metrics", None)
    if not values:
        return None
    from audit.scores.metrics import parse_metric_names

    try:
        return parse_metric_names(values)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def add_unit_arguments(p: argparse.ArgumentParser) -> None:
    """``--skip`` / ``--only``: catalog units by state (``audit.inputs.states``)."""
    from audit.inputs.states import STATE_NAMES

    names = ",".join(STATE_NAMES)
    p.add_argument("--skip", action="append", default=[], metavar="STATES",
                   help=f"leave out catalog units in these states, comma-separated ({names}); repeatable; "
                        "obsolete units are always left out unless --only names them")
    p.add_argument("--only", action="append", default=[], metavar="STATES",
                   help="audit only the catalog units in these states, comma-separated; repeatable")


def unit_filter_from_args(args: argparse.Namespace):
    from audit.inputs.states import UnitFilter

    return UnitFilter.from_options(getattr(args, "skip", None) or (), getattr(args, "only", None) or ())
