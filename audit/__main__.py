"""``python -m audit``: the same as the ``transaudit`` command."""
from .cli import main

raise SystemExit(main())
