"""Glossaries loaded once per run, and their hand-off to the TRM checks.


Engine hand-off: ``attach(config)`` loads the glossary once in the parent process (before any worker
is forked) and puts the resolved paths into the TRM checks' options; a check gets the loaded glossary
back with ``from_options(ctx.options(code))`` (a per-process cache keyed by the paths; a worker that was
not forked loads it itself). A ``Glossary`` object may also be passed directly in those options.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Any, Mapping, Sequence

from audit.checks.glossary.loading import load
from audit.checks.glossary.model import Glossary

TRM_CODES = ("TRM001", "TRM002")


_CACHE: dict[tuple[str, ...], tuple[tuple, Glossary]] = {}


def _stamp(paths: Sequence[str]) -> tuple:
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def load_cached(paths: Sequence[str]) -> Glossary:
    """``load`` with a per-process cache, refreshed when a file changes (mtime or size)."""
    key = tuple(paths)
    stamp = _stamp(key)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    g = load(key)
    _CACHE[key] = (stamp, g)
    return g


def attach(config):
    """The config with its glossary (``config.glossary`` paths) loaded here, once, and named in the
    options of the TRM checks. Idempotent; a config without a glossary is returned unchanged."""
    paths = tuple(os.path.abspath(p) for p in (getattr(config, "glossary", None) or ()))
    if not paths:
        return config
    g = load_cached(paths)
    opts = dict(config.options)
    changed = False
    for code in TRM_CODES:
        cur = dict(opts.get(code, {}))
        if cur.get("glossary") != list(paths) or cur.get("glossary_sha256") != g.digest[:16]:
            cur["glossary"] = list(paths)
            cur["glossary_sha256"] = g.digest[:16]
            opts[code] = cur
            changed = True
    return replace(config, options=opts) if changed else config


_BY_KEY: dict[tuple[str, ...], Glossary] = {}


def from_options(options: Mapping[str, Any]) -> Glossary | None:
    """The glossary a check's options name: a ``Glossary`` object, a path or a list of paths."""
    value = options.get("glossary") if options else None
    if not value:
        return None
    if isinstance(value, Glossary):
        return value
    key = (value,) if isinstance(value, str) else tuple(value)
    g = _BY_KEY.get(key)
    if g is None:
        hit = _CACHE.get(key)
        g = hit[1] if hit is not None else load_cached(key)
        _BY_KEY[key] = g
    return g

