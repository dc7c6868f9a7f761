"""Subcommands of the ``transaudit`` CLI, one module each (see ``audit.cli``)."""
