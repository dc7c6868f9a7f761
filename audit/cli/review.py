"""``transaudit review``: open the review app (Textual) on any input that ``check`` accepts."""
from __future__ import annotations

import os

from audit.cli.common import add_input_arguments, config_from_args, metric_names
from audit.core.errors import UsageError

NAME = "review"
HELP = "review an audit in the terminal: navigate, filter, confirm or dismiss flags, post-edit"


def add_arguments(p) -> None:
    add_input_arguments(p)
    p.add_argument("--db", metavar="PATH",
                   help="decisions database (default: INPUT.transaudit.db beside the input)")


def run(args) -> int:
    from audit.inputs import open_input
    from audit.store.decisions import DecisionStore, default_db_path

    config = config_from_args(args)
    source = open_input(args.inputs, args.input_format, align=getattr(args, "align", False),
                        presegmented=getattr(args, "presegmented", False))
    if source.format != "documents":
        # Fail fast, one line, exit 2, before the screen opens: read the input through once (the
        # readers stream at tens of thousands of pairs a second; documents are read when opened).
        for _ in source:
            pass
    for ref in getattr(args, "ref", None) or ():
        from audit.inputs import check_readable

        check_readable(ref)
    db = args.db or default_db_path(args.inputs)
    if os.path.abspath(db) in {os.path.abspath(p) for p in args.inputs}:
        raise UsageError("the decisions database would overwrite an input file", db)
    DecisionStore(db, exclusive=True).close()  # a bad database, or one another review app holds: one line here
    from tui.app import create_app  # lazy: Textual is imported only when reviewing

    app = create_app(args.inputs, input_format=args.input_format, source_lang=args.src_lang,
                     target_lang=args.tgt_lang, config=config, db_path=db, jobs=args.jobs,
                     references=getattr(args, "ref", None) or None, metrics=metric_names(args),
                     align=getattr(args, "align", False), presegmented=getattr(args, "presegmented", False))
    app.run()
    return int(app.return_code or 0)
