"""CLDR data shipped with transaudit (``audit/lang/data/cldr/``, built by ``scripts/build_cldr.py``).

Checks used to ask Babel at run time and swallowed failed lookups, so a Babel release that dropped
some names silently weakened them. They now read this extract: one JSON file per supported
language, loaded on first use. A language without a file has no CLDR data (``has(lang)`` is False,
and callers say what they do instead); a supported language whose file is missing or damaged is a
broken installation and raises.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cldr")

# language codes that CLDR files under another name
_ALIASES = {"no": "nb", "iw": "he", "in": "id", "tl": "fil", "zh-hans": "zh"}


@lru_cache(maxsize=1)
def meta() -> dict:
    """Versions (``babel``, ``cldr``), ``languages``, ``locale_languages`` and ``currencies``."""
    with open(os.path.join(DATA_DIR, "_meta.json"), encoding="utf-8") as fh:
        return json.load(fh)


def _key(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.replace("_", "-").casefold()
    lang = _ALIASES.get(lang, lang)
    return _ALIASES.get(lang.split("-")[0], lang.split("-")[0])


def has(lang: str | None) -> bool:
    """True when CLDR data ships for the base language of ``lang``."""
    return _key(lang) in set(meta()["languages"])


@lru_cache(maxsize=128)
def _load(key: str) -> dict:
    with open(os.path.join(DATA_DIR, f"{key}.json"), encoding="utf-8") as fh:
        return json.load(fh)


def data(lang: str | None) -> dict | None:
    """The CLDR record of ``lang`` (its base language), or None when none ships."""
    key = _key(lang)
    if key is None or not has(key):
        return None
    return _load(key)


def is_language_code(code: str) -> bool:
    """``code``'s base language is a language CLDR has a locale for (``de``, ``pt-BR``, ``zh_Hant``)."""
    key = _key(code)
    return bool(key) and key in set(meta()["locale_languages"])


def currencies() -> frozenset[str]:
    """ISO 4217 currency codes (CLDR)."""
    return frozenset(meta()["currencies"])


def number_symbols(lang: str | None) -> tuple[str, str] | None:
    """(decimal symbol, group symbol) of ``lang``, or None when no CLDR data ships for it."""
    rec = data(lang)
    return (rec["decimal"], rec["group"]) if rec else None


def calendar_names(lang: str | None, kind: str) -> list[tuple[str, int]]:
    """Month (``kind="months"``, 1-12) or weekday (``"weekdays"``, 0 = Monday) names of ``lang``
    in every width and context, with their numbers; empty when no CLDR data ships for it."""
    rec = data(lang)
    return [(name, num) for name, num in rec[kind]] if rec else []


def signature() -> str:
    """The versions that results depend on, for the audit signature: ``cldr47/babel2.19.0``."""
    m = meta()
    return f"cldr{m['cldr']}/babel{m['babel']}"
