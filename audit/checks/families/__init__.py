"""Check families, one module each (``NUM``, ``PUN``, ...): every module here is imported by
``audit.checks.registry.load_all``."""
