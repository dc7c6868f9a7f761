"""ALN: sentences left unaligned when two documents are aligned (omissions and additions)."""
from __future__ import annotations

from audit.checks.registry import check
from audit.core.model import hit


def _conf(al) -> str:
    return "" if al.confidence is None else f", confidence {al.confidence:.2f}"


@check("ALN001", "unaligned-source-sentence", "accuracy/omission", "major", supersedes=("EMP001", "EMP002"))
def unaligned_source(pair, ctx):
    """A source sentence that the sentence aligner matched to nothing in the translation: the
    translation most likely omits it. Only pairs made by aligning two documents (``transaudit
    check SRC TGT`` on documents, or ``--align``) carry this information; line-aligned files,
    TMX, XLIFF and the like never raise it. The flag spans the whole source sentence. A sentence
    merged into a neighbouring translation (a 2-1 bead) is not an omission and is not flagged;
    the bead's confidence is given in the message so a reviewer can judge doubtful cases."""
    al = pair.align
    if al is None or al.target or not al.source:
        return ()
    start = len(pair.source) - len(pair.source.lstrip())
    end = len(pair.source.rstrip())
    if end <= start:
        return ()
    return [hit(f"source sentence has no counterpart in the translation (alignment {al.bead}{_conf(al)})",
                source=(start, end), data={"bead": al.bead, "source": list(al.source)})]


@check("ALN002", "unaligned-target-sentence", "accuracy/addition", "major")
def unaligned_target(pair, ctx):
    """A sentence of the translation that the sentence aligner matched to nothing in the source:
    an addition (or text moved from elsewhere). Only raised on pairs made by aligning two
    documents; line-aligned inputs never raise it. The flag spans the whole target sentence.
    Sentences split in translation (1-2 beads) are matched, not flagged; the bead's confidence is
    given in the message."""
    al = pair.align
    if al is None or al.source or not al.target:
        return ()
    text = pair.target or ""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= start:
        return ()
    return [hit(f"translated sentence has no counterpart in the source (alignment {al.bead}{_conf(al)})",
                target=(start, end), data={"bead": al.bead, "target": list(al.target)})]
