"""Glossaries for the terminology checks (TRM): loading, indexing and inflection-tolerant matching.

Modules: ``entries`` (Entry, Concept), ``loading`` (TSV, CSV, TBX files), ``model`` (the loaded
``Glossary``), ``cache`` (loaded once per run, the hand-off to the checks), ``matching`` (per-language
word matching, ``TermSet``), ``index`` (``PairIndex``, the compiled glossary of one pair). This
package re-exports the names the engine and the checks use.

Formats (``loading``): TSV, CSV and TBX glossaries; a malformed one raises ``InputError`` naming the
file and line (the CLI's exit 2). Matching (``matching``): case- and inflection-tolerant whole words,
substrings in spaceless scripts, one dictionary lookup per word. Engine hand-off (``cache``):
``attach(config)`` loads the glossary once before workers fork; a check gets it back with
``from_options(ctx.options(code))``.
"""
from audit.checks.glossary.cache import TRM_CODES, attach, from_options, load_cached
from audit.checks.glossary.entries import Concept, Entry
from audit.checks.glossary.loading import load, load_file
from audit.checks.glossary.model import Glossary

__all__ = ["TRM_CODES", "Concept", "Entry", "Glossary", "attach", "from_options", "load", "load_cached", "load_file"]
