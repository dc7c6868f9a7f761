"""EMP: empty or missing targets.

A catalog unit the file itself marks untranslated (PO: every ``msgstr`` empty; XLIFF: no target, or
``state="new"``/``"needs-translation"``; TMX: no target variant) is work not done yet, not an error
in a translation: EMP001 leaves it out unless its option ``untranslated`` is true, and the reports
count such units per file instead (``catalog`` statistics). A plural form left empty in an entry
whose other forms are translated is still flagged: that form is missing.
"""
from __future__ import annotations

from audit.checks.registry import Option, check
from audit.core.model import hit


def untranslated_unit(pair) -> bool:
    """The pair comes from a catalog unit its file marks untranslated."""
    return pair.unit is not None and pair.unit.state == "untranslated"


@check("EMP001", "missing-target", "accuracy/omission", "critical",
       options=(Option("untranslated", bool, False,
                       "also flag units a catalog marks untranslated (PO, XLIFF, TMX); they are counted, not flagged, by default"),))
def missing_target(pair, ctx):
    """The unit has a source but no target at all (a line missing from the target file, a plural
    form left empty while the entry's other forms are translated, a unit without a target in a
    bilingual file). Units whose source is itself empty are ignored. Units that a catalog marks
    untranslated (a PO entry whose every ``msgstr`` is empty, an XLIFF unit without target or in
    state ``new``/``needs-translation``, a TMX unit without a target variant) are not flagged by
    default: a catalog in progress holds hundreds, and the report counts them per file instead; set
    ``[tool.transaudit.options.EMP001] untranslated = true`` to flag them too.
    The flag spans the whole source, since there is no target text to point at."""
    if pair.target is None and pair.source.strip():
        if untranslated_unit(pair) and not ctx.options("EMP001").untranslated:
            return ()
        return [hit("no translation for this source", source=(0, len(pair.source)))]
    return ()


@check("EMP002", "empty-target", "accuracy/omission", "critical")
def empty_target(pair, ctx):
    """The target is empty or whitespace only while the source has text. An empty target is
    almost always a lost translation; configure ``ignore = ["EMP002"]`` for files where empty
    targets are intentional. A target that holds only the KDE context comment (``_: context\n``)
    its source begins with is empty too. The flag spans the whole (blank) target and the source."""
    if pair.target is not None and not pair.target.strip() and pair.source.strip():
        if untranslated_unit(pair) and not ctx.options("EMP001").untranslated:
            return ()
        return [hit("target is empty", target=(0, len(pair.target)), source=(0, len(pair.source)))]
    return _kde_context_only(pair)


# (catalog4, issue 12: kept apart) KDE's ``_: context\n`` comment that begins a msgid is no source
# text: a target holding only the comment the source begins with is empty, as pofilter reads it.
def _kde_context_only(pair):
    from audit.lang.placeholders import kde_context_end

    n = kde_context_end(pair.source)
    if not n or not pair.target or not pair.source[n:].strip():
        return ()
    if pair.target[:n] == pair.source[:n] and not pair.target[n:].strip():
        return [hit("target holds only the source's KDE context comment: no translation",
                    target=(0, len(pair.target)), source=(n, len(pair.source)))]
    return ()
