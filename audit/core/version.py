"""transaudit's version, in one place (the package, the signature and the reports read it here)."""
__version__ = "0.1.0"
