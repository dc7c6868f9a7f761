"""ACC: keyboard accelerators of UI strings (``&File``, ``_File``, ``~File``): the marker of the
source's access key lost in the target, one added where the source has none, or put before
something that cannot be a key (a space, the end of the string).

Which character marks an accelerator is a convention of the toolkit the catalog comes from:
KDE, Qt and Mozilla write ``&``, GNOME (GTK) ``_``, OpenOffice and LibreOffice ``~``. The check
takes it from its option ``marker`` (or the named ``convention``), else from the unit's format
flags (``kde-format``, ``qt-format``, ``qt-plural-format``: ``&``), else it infers the marker from
the source alone, conservatively: a word-initial ``&``, ``_`` or ``~`` before a letter.

A marker is not an accelerator when it is doubled (``&&`` and ``__`` are escapes or identifiers:
``__init__``), starts an entity (``&amp;``, ``&brandName;``), joins an acronym (``R&D``,
``AT&T``), is followed by a space (``Tom & Jerry``), or sits in a token copied unchanged from the
source into the target (``snake_case``, ``a=1&b=2`` in a URL, ``target="_blank"``): code, not a key.
"""
from __future__ import annotations

from audit.checks.registry import Option, check
from audit.core import lazyre
from audit.core.model import hit

MARKERS = "&_~"
CONVENTIONS = {"kde": "&", "qt": "&", "mozilla": "&", "gnome": "_", "gtk": "_",
               "openoffice": "~", "libreoffice": "~", "auto": "", "none": ""}
_FLAG_MARKERS = {"kde-format": "&", "qt-format": "&", "qt-plural-format": "&", "kde-kuit-format": "&"}
_ENTITY = lazyre.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][\w.\-]*);")
_TOKEN = lazyre.compile(r"\S+")


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text))


def accelerators(text: str, marker: str, declared: bool, copied: set[str] = frozenset()) -> list[int]:
    """Offsets of the accelerator markers of ``text``: where ``marker`` marks the next character
    as the access key. ``declared``: the marker is the catalog's convention (any non-space
    character may follow it, also inside a word); otherwise only a word-initial marker before a
    letter counts. Markers inside a token of ``copied`` (the tokens both sides share) are code."""
    out = []
    n = len(text)
    i = text.find(marker)
    while i >= 0:
        nxt = text[i + 1] if i + 1 < n else ""
        prev = text[i - 1] if i > 0 else ""
        j = i + 1
        if nxt == marker or prev == marker:
            pass  # an escaped marker (``&&``) or an identifier (``__init__``)
        elif not nxt or nxt.isspace():
            if declared and prev and not prev.isspace() and marker != "_":
                out.append(i)  # a marker on nothing: ``Vula& Ifayile``
        elif marker == "&" and _ENTITY.match(text, i):
            j = _ENTITY.match(text, i).end()
        elif _in_copied_token(text, i, copied) or marker == "&" and _acronym(text, i):
            pass
        elif declared or nxt.isalpha() and (not prev or not (prev.isalnum() or prev in "_-./\\=:%$@#")):
            out.append(i)
        i = text.find(marker, j)
    return out


def _acronym(text: str, i: int) -> bool:
    """``R&D``, ``AT&T``, ``M&As``: capitals on both sides of the ampersand."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not (before.isupper() and after.isupper()):
        return False
    nxt2 = text[i + 2] if i + 2 < len(text) else ""
    return not nxt2.islower()


def _in_copied_token(text: str, i: int, copied: set[str]) -> bool:
    if not copied:
        return False
    s = i
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = i
    while e < len(text) and not text[e].isspace():
        e += 1
    return text[s:e] in copied


def _marker_of(pair, ctx) -> tuple[str, bool]:
    """(marker, declared): the option's, the unit's flags', or ('', False) to infer from the source."""
    opts = ctx.options("ACC001")
    if opts.marker:
        return opts.marker, True
    conv = CONVENTIONS.get(opts.convention.lower(), "")
    if opts.convention.lower() == "none":
        return "", True
    if conv:
        return conv, True
    if pair.unit is not None:
        for flag in sorted(pair.unit.flags):
            if flag in _FLAG_MARKERS:
                return _FLAG_MARKERS[flag], True
    return "", False


def _validate(opts) -> None:
    if opts.marker and (len(opts.marker) != 1 or opts.marker.isalnum() or opts.marker.isspace()):
        raise ValueError(f"ACC001: marker must be one punctuation character, not {opts.marker!r}")
    if opts.convention.lower() not in CONVENTIONS:
        raise ValueError(f"ACC001: unknown convention {opts.convention!r} (one of {', '.join(CONVENTIONS)})")


@check("ACC001", "accelerator-mismatch", "markup/placeholder", "major", options=(
    Option("marker", str, "", "the accelerator marker of the catalogs ('&', '_', '~'); empty: by convention, "
                              "format flags, or inferred from the source"),
    Option("convention", str, "auto", "kde, qt, mozilla (&), gnome, gtk (_), openoffice, libreoffice (~), "
                                      "none (no accelerators), or auto"),
))
def accelerator_mismatch(pair, ctx):
    """The source marks a keyboard accelerator (``&File``, ``_File``, ``~File``) and the target has
    none, the target marks one the source does not have, the target marks more than one, or its
    marker stands before a space or at the end (``Vula& Ifayile``). The marker is the option
    ``marker`` or ``convention`` (KDE, Qt, Mozilla ``&``; GNOME ``_``; OpenOffice, LibreOffice
    ``~``), else the unit's format flags (``kde-format``, ``qt-format``: ``&``), else inferred from a
    word-initial marker before a letter in the source; an added marker is flagged only when the
    marker is declared by option or flags. The key may move to any letter of the target (``&Three``
    -> ``Ü&ç``): translations rarely keep the source's letter. Not accelerators: doubled markers
    (``&&``, ``__init__``), entities (``&amp;``), acronyms (``R&D``), a marker followed by a space
    (``Tom & Jerry``), and tokens copied unchanged from the source (``snake_case``, URLs). The
    spans are the markers."""
    tgt = pair.target
    if not tgt or not pair.source:
        return ()
    opts = ctx.options("ACC001")
    _validate(opts)
    marker, declared = _marker_of(pair, ctx)
    if declared and not marker:
        return ()
    src = pair.source
    markers = marker or MARKERS
    if not any(m in src or m in tgt for m in markers):
        return ()
    copied = _tokens(src) & _tokens(tgt)
    if not marker:
        found = [m for m in MARKERS if len(accelerators(src, m, False, copied)) == 1]
        if len(found) != 1:
            return ()  # no accelerator-shaped marker, or several kinds: not a UI label
        marker = found[0]
    s_acc = accelerators(src, marker, declared, copied)
    t_acc = accelerators(tgt, marker, declared, copied)
    if len(s_acc) > 1:
        return ()  # the source itself is not one label with one key: nothing to compare
    if s_acc and not t_acc:
        return [hit(f"the source's accelerator '{src[s_acc[0]:s_acc[0] + 2]}' has no marker '{marker}' in the target",
                    source=(s_acc[0], s_acc[0] + 2), primary="source")]
    if not declared:
        if len(t_acc) > 1:
            return [hit(f"the target marks {len(t_acc)} accelerators with '{marker}', the source one",
                        target=[(i, i + 1) for i in t_acc])]
        return ()
    if t_acc and not s_acc:
        return [hit(f"the target marks an accelerator ('{marker}') the source does not have",
                    target=[(i, i + 1) for i in t_acc])]
    if len(t_acc) > 1:
        return [hit(f"the target marks {len(t_acc)} accelerators with '{marker}', the source one",
                    target=[(i, i + 1) for i in t_acc])]
    if t_acc and (t_acc[0] + 1 >= len(tgt) or tgt[t_acc[0] + 1].isspace()):
        return [hit(f"the target's accelerator marker '{marker}' stands before no character",
                    target=(t_acc[0], t_acc[0] + 1))]
    return ()
