"""EMP: empty or missing targets."""
from __future__ import annotations

from audit.checks.registry import check
from audit.core.model import hit


@check("EMP001", "missing-target", "accuracy/omission", "critical")
def missing_target(pair, ctx):
    """The unit has a source but no target at all (an untranslated unit in a bilingual file,
    or a line missing from the target file). Units whose source is itself empty are ignored.
    The flag spans the whole source, since there is no target text to point at."""
    if pair.target is None and pair.source.strip():
        return [hit("no translation for this source", source=(0, len(pair.source)))]
    return ()


@check("EMP002", "empty-target", "accuracy/omission", "critical")
def empty_target(pair, ctx):
    """The target is empty or whitespace only while the source has text. An empty target is
    almost always a lost translation; configure ``ignore = ["EMP002"]`` for files where empty
    targets are intentional. The flag spans the whole (blank) target and the source."""
    if pair.target is not None and not pair.target.strip() and pair.source.strip():
        return [hit("target is empty", target=(0, len(pair.target)), source=(0, len(pair.source)))]
    return ()
