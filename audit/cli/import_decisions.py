"""``transaudit import-decisions``: read decisions that ``export-decisions`` wrote as JSON into a
decisions database (created when it does not exist), all or nothing."""
from __future__ import annotations

import sys

NAME = "import-decisions"
HELP = "import review decisions exported as JSON into a decisions database"


def add_arguments(p) -> None:
    p.add_argument("export", metavar="EXPORT", help="a JSON file written by 'transaudit export-decisions'")
    p.add_argument("db", metavar="DB", help="the decisions database to import into (created if missing)")
    p.add_argument("--on-conflict", choices=["newer", "keep", "replace"], default="newer",
                   help="a decision already in the database: keep whichever was updated last (default), "
                        "keep the database's, or replace it with the file's")


def run(args) -> int:
    from audit.core.files import check_output_path
    from audit.store.decisions import DecisionStore
    from audit.store.importing import import_decisions, read_export

    check_output_path(args.db, [args.export])  # the database is never the export itself
    decisions = read_export(args.export)  # validated whole before the database is touched
    with DecisionStore(args.db, exclusive=True) as store:
        got = import_decisions(store, decisions, args.on_conflict)
    sys.stderr.write(f"transaudit: {len(decisions)} decisions read: {got.added} added, {got.replaced} replaced, "
                     f"{got.kept} kept as they were, in {args.db}\n")
    return 0
