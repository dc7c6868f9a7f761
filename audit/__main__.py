"""``python -m audit``: the same as the ``transaudit`` command."""
from audit.cli import main

raise SystemExit(main())
