"""Glossaries for the terminology checks (TRM): loading, indexing and inflection-tolerant matching.

Modules: ``entries`` (Entry, Concept), ``loading`` (TSV, CSV, TBX files), ``model`` (the loaded
``Glossary``), ``cache`` (loaded once per run, the hand-off to the checks), ``matching`` (per-language
word matching, ``TermSet``), ``index`` (``PairIndex``, the compiled glossary of one pair). This
package re-exports the names the engine and the checks use.

Formats
- TSV (``.tsv``, ``.txt``, ``.tab``): ``source_term<TAB>target_term[<TAB>note]``, one entry a line;
  CSV (``.csv``, comma or semicolon, quoted fields) the same columns. Several variants of a term are
  separated by ``|``; a target written ``!term`` is forbidden. An optional first row names the columns
  (``source``/``term``/``src``, ``target``/``translation``/``tgt``, ``note``/``comment``/``definition``,
  ``forbidden``/``status``) or gives the two languages (``en<TAB>es``: the glossary then applies only
  to that language pair, in that direction). A truthy ``forbidden`` cell (``yes``, ``x``, ``1``,
  ``true``, ``forbidden``, ``deprecated``) makes the row's target terms forbidden. Lines starting
  with ``#`` and blank lines are skipped.
- TBX (``.tbx``, ``.xml``): TBX-Basic / TBX v2 (``martif``, ``termEntry``/``langSet``/``tig``/``ntig``)
  and TBX v3 (``tbx``, ``conceptEntry``/``langSec``/``termSec``), any namespace. A term whose
  ``administrativeStatus`` (or ``normativeAuthorization``) is deprecated, superseded or forbidden is a
  forbidden term in its language. Parsed by lxml with no entity resolution, no DTD loading and no
  network; a file that declares entities is refused.

A malformed glossary raises ``InputError`` naming the file and line (the CLI's exit 2).

Matching (``TermSet``): words are compared case-insensitively (case-sensitively where the glossary
term has a capital: ``Apple`` does not match ``apple``), as whole words, through Snowball stems where
the language has a stemmer (``servidores`` matches ``servidor``), else through a bounded common prefix;
spaceless scripts (zh, ja, ko, th, ...) match by substring. Terms are indexed by the key of their
first word (or first characters), so a pair costs one dictionary lookup per word whatever the
glossary's size.

Engine hand-off: ``attach(config)`` loads the glossary once in the parent process (before any worker
is forked) and puts the resolved paths into the TRM checks' options; a check gets the loaded glossary
back with ``from_options(ctx.options(code))`` (a per-process cache keyed by the paths; a worker that was
not forked loads it itself). A ``Glossary`` object may also be passed directly in those options.
"""
from audit.checks.glossary.cache import TRM_CODES, attach, from_options, load_cached
from audit.checks.glossary.entries import Concept, Entry
from audit.checks.glossary.loading import load, load_file
from audit.checks.glossary.model import Glossary

__all__ = ["TRM_CODES", "Concept", "Entry", "Glossary", "attach", "from_options", "load", "load_cached", "load_file"]
