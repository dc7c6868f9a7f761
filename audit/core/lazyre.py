"""Module-level patterns compiled on first use, so importing the engine does not compile them all.

``audit`` has a few hundred module-level patterns; compiling them (mostly ``regex``, whose parser is
pure Python) was about half the CPU of importing every check family, and a short run uses a fraction
of them. ``compile(pattern, flags)`` (``regex``) and ``re_compile(pattern, flags)`` (``re``) return a
``LazyPattern``: it compiles on the first attribute looked up, then copies the compiled pattern's
bound methods into its own ``__dict__``, so later calls (``P.search``, ``P.finditer``...) are plain
attribute look-ups with no extra call in between. ``.pattern`` is there without compiling (patterns
built from others' text at import stay lazy). ``LazyPattern.compiled`` is the real pattern object, for
the few places that pass a pattern to a module function or need its type. A lazy pattern pickles as
the call that makes it. Matching results are the compiled pattern's own: nothing else changes.
"""
from __future__ import annotations

import re as _re

import regex as _regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
            "scanner", "groupindex", "groups", "flags")


class LazyPattern:
    """A compiled pattern made on first use (see the module docstring)."""

    def __init__(self, module, pattern, flags=0, kwargs=None):
        self._module = module
        self.pattern = pattern
        self._flags = flags
        self._kwargs = kwargs or {}

    @property
    def compiled(self):
        real = self.__dict__.get("_compiled")
        if real is None:
            real = self._module.compile(self.pattern, self._flags, **self._kwargs)
            for name in _METHODS:
                if hasattr(real, name):
                    self.__dict__[name] = getattr(real, name)
            self.__dict__["_compiled"] = real
        return real

    def __getattr__(self, name):
        if name.startswith("__") or name in ("_module", "_flags", "_kwargs", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __reduce__(self):
        return (_make, (self._module.__name__, self.pattern, self._flags, self._kwargs))

    def __repr__(self):
        return f"LazyPattern({self.pattern!r})"


def _make(module_name: str, pattern, flags, kwargs) -> LazyPattern:
    return LazyPattern(_re if module_name == "re" else _regex, pattern, flags, kwargs)


def compile(pattern, flags=0, **kwargs) -> LazyPattern:
    """``regex.compile(pattern, flags, **kwargs)``, made on first use."""
    return LazyPattern(_regex, pattern, flags, kwargs)


def re_compile(pattern, flags=0) -> LazyPattern:
    """``re.compile(pattern, flags)``, made on first use."""
    return LazyPattern(_re, pattern, flags)
