"""ENC: encoding damage in the target: mojibake, replacement characters, control and bidi
override characters, and words that mix look-alike letters of different scripts (homoglyphs).

Every check here is gated by one precompiled character-class regex, so clean text costs a
single failed ``search`` per check.
"""
from __future__ import annotations

import re
from functools import lru_cache

from audit.checks.registry import check
from audit.core import lazyre
from audit.core.model import hit
from audit.core.text import char_script

# --- ENC001 mojibake ------------------------------------------------------------------------
# UTF-8 bytes read as Latin-1 / Windows-1252: a lead byte (0xC2-0xF4 -> 'Â'..'ô') followed by
# continuation bytes (0x80-0xBF), which Windows-1252 shows as €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ or
# as C1 controls / NBSP..¿ in Latin-1.
_CONT = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# The same read as Windows-1251 (Cyrillic): the lead bytes 0xD0/0xD1 show as "Р"/"С" and the
# continuation bytes as below ("РїСЂРёРІРµС‚" for "привет"). The gate leaves out і ї є ґ, which
# legitimately follow Р/С in Ukrainian ("Рік", "Сіль"); runs may contain them.
_CONT_1251 = (
    "\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c\u040b"
    "\u040f\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2122\u0459\u203a\u045a\u045c\u045b"
    "\u045f\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ad"
    "\u00ae\u0407\u00b0\u00b1\u0406\u00b5\u00b6\u00b7\u0451\u2116\u00bb\u0458\u0405\u0455"
)
_CONT_1251_RUN = _CONT_1251 + "\u0456\u0457\u0454\u0491"
_MOJI_GATE = lazyre.re_compile(f"[\u00c2-\u00f4][{_CONT}]|[\u0420\u0421][{_CONT_1251}]")
_MOJI_RUN = lazyre.re_compile(f"(?:[\u00c2-\u00f4][{_CONT}]+)+|(?:[\u0420\u0421][{_CONT_1251_RUN}])+")


@lru_cache(maxsize=1)
def _ftfy():
    import ftfy
    import ftfy.badness

    return ftfy


def mojibake_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, repaired text) of each mojibake run that ftfy confirms and can repair."""
    if not _MOJI_GATE.search(text):
        return []
    ftfy = _ftfy()
    out = []
    for m in _MOJI_RUN.finditer(text):
        run = m.group()
        fixed = ftfy.fix_encoding(run) if ftfy.badness.is_bad(run) else _round_trip(run)
        if fixed is not None and fixed != run:
            out.append((m.start(), m.end(), fixed))
    return out


def _round_trip(run: str) -> str | None:
    """A run ftfy does not judge on its own (too short): still mojibake when it is four or more
    characters that encode back to valid multi-byte UTF-8 (legitimate text practically never
    does)."""
    if len(run) < 4:
        return None
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    for enc in ("sloppy-windows-1252", "sloppy-windows-1251"):
        try:
            fixed = run.encode(enc).decode("utf-8")
        except (UnicodeError, LookupError):
            continue
        if len(fixed) < len(run):
            return fixed
    return None


def _mojibake_view(view):
    return mojibake_runs(view.text)


@check("ENC001", "mojibake", "fluency/character-encoding", "major",
       supersedes=("LNG001", "UNT002", "PUN001", "PUN002", "PUN003", "PUN005", "LEN001", "LEN002"))
def mojibake(pair, ctx):
    """Mojibake in the target: text that was encoded as UTF-8 and decoded as Latin-1 or
    Windows-1252 (``Ã©`` for ``é``, ``â€™`` for ``’``, ``Ð¿Ñ€Ð¸`` for ``при``) or Windows-1251
    (``РїСЂРё`` for ``при``). Candidate runs are
    found with a character-class pattern (a UTF-8 lead byte followed by continuation bytes as
    Windows-1252 shows them) and each is confirmed by ftfy, which must judge it bad and be
    able to repair it; the message shows the repair. Legitimate accented text (Portuguese
    ``ã``, French ``é…``, Vietnamese, Turkish ``ı``) is not flagged. The span covers the
    damaged run only."""
    tgt = pair.target
    if not tgt or not _MOJI_GATE.search(tgt):
        return ()
    runs = ctx.tgt.memo(_mojibake_view)
    return [hit(f"mojibake {tgt[s:e]!r}, probably {fixed!r} decoded with the wrong encoding",
                target=(s, e), data={"repair": fixed})
            for s, e, fixed in runs]


# --- ENC002 replacement character ------------------------------------------------------------
_REPL_RUN = lazyre.re_compile("\ufffd+")


@check("ENC002", "replacement-character", "fluency/character-encoding", "major")
def replacement_character(pair, ctx):
    """The target contains U+FFFD REPLACEMENT CHARACTER (``�``): bytes that could not be
    decoded, so the original characters are lost. Each run of consecutive replacement
    characters is one flag. When the source has replacement characters too, the damage came
    with the source and the flag is minor."""
    tgt = pair.target
    if not tgt or "\ufffd" not in tgt:
        return ()
    in_source = "\ufffd" in pair.source
    sev = "minor" if in_source else None
    msg = "replacement character: original characters lost in decoding"
    if in_source:
        msg += " (the source has them too)"
    return [hit(msg, target=(m.start(), m.end()), severity=sev) for m in _REPL_RUN.finditer(tgt)]


# --- ENC003 control and bidi-override characters --------------------------------------------
# C0 controls except tab, line feed and carriage return; DEL; C1 controls; a byte order mark
# inside the text; bidi embeddings/overrides (U+202A-202E) and isolates (U+2066-2069).
# Tag characters (U+E0000-E007F) are invisible copies of ASCII ("ASCII smuggling"), legitimate only
# inside an emoji tag sequence (a subdivision flag: U+1F3F4, tags, U+E007F).
_CTRL = lazyre.re_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\U000e0000-\U000e007f]")
_TAG_FLAG = "\U0001f3f4"


def _is_tag(ch: str) -> bool:
    return "\U000e0000" <= ch <= "\U000e007f"


def _in_flag_sequence(text: str, i: int) -> bool:
    """The tag character at ``i`` belongs to an emoji tag sequence (🏴 + tags + CANCEL TAG)."""
    j = i
    while j > 0 and _is_tag(text[j - 1]):
        j -= 1
    if j == 0 or text[j - 1] != _TAG_FLAG:
        return False
    k = i
    while k < len(text) and _is_tag(text[k]) and text[k] != "\U000e007f":
        k += 1
    return k < len(text) and text[k] == "\U000e007f"
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CHAR_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE", "\ufeff": "BYTE ORDER MARK",
}


_OPENS_PDF = frozenset("\u202a\u202b\u202d\u202e")  # embeddings and overrides, closed by PDF U+202C
_OPENS_PDI = frozenset("\u2066\u2067\u2068")  # isolates, closed by PDI U+2069
_OVERRIDES = frozenset("\u202d\u202e")
_RTL_SCRIPTS = frozenset({"Arabic", "Hebrew", "Thaana", "Syriac", "Nko"})
_RTL_LANGS = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "mzn", "nqo", "ps", "sd", "syr", "ug",
                        "ur", "yi"})


def _balanced_bidi(text: str) -> set[int]:
    """Offsets of the embedding and isolate characters that are closed, properly nested, by their
    own terminator (RLE ... PDF, RLI ... PDI), with the terminators; overrides (LRO, RLO: text
    shown in another order than stored) are never exempt, nor the PDF that closes one."""
    stack: list[tuple[int, str]] = []
    ok: set[int] = set()
    for i, ch in enumerate(text):
        if ch in _OPENS_PDF or ch in _OPENS_PDI:
            stack.append((i, ch))
        elif ch in ("\u202c", "\u2069"):
            want = _OPENS_PDF if ch == "\u202c" else _OPENS_PDI
            if not stack or stack[-1][1] not in want:
                stack.clear()  # a terminator out of order: nesting is broken, nothing after is trusted
                continue
            j, opener = stack.pop()
            if opener not in _OVERRIDES:
                ok.update((i, j))
    return ok


def _rtl_target(ctx) -> bool:
    return ctx.tgt.lang in _RTL_LANGS or ctx.tgt.script in _RTL_SCRIPTS


def _char_label(ch: str) -> str:
    return f"U+{ord(ch):04X} {_CHAR_NAMES.get(ch, 'control character')}"


@check("ENC003", "control-character", "fluency/character-encoding", "major")
def control_character(pair, ctx):
    """The target contains invisible control characters: C0 controls other than tab, line
    feed and carriage return, DEL, C1 controls (U+0080-U+009F), a byte order mark inside the
    text, or bidirectional embedding/override/isolate characters (U+202A-U+202E,
    U+2066-U+2069, the "Trojan Source" characters), or tag characters (U+E0000-U+E007F:
    invisible copies of ASCII that can smuggle hidden text; the message spells it out), except
    inside an emoji subdivision flag. Bidi characters are flagged only when the
    target has more of that character than the source (legitimately carried over from the
    source is fine), and in a right-to-left target (Arabic, Persian, Hebrew, Dhivehi, Urdu...,
    by language or script) an embedding or isolate closed by its own terminator and properly
    nested (``RLE … PDF``, ``RLI … PDI``: the localizer's intended direction) is not flagged,
    while an override (LRO, RLO), an unclosed embedding and a stray terminator still are; a BOM
    at the very start is ignored, and C1 characters that are part of a
    mojibake run are left to ENC001. Left-to-right/right-to-left marks (U+200E/U+200F) and
    zero-width joiners are normal in Arabic, Persian, Hebrew and Indic text and never flagged."""
    tgt = pair.target
    if not tgt or not _CTRL.search(tgt):
        return ()
    moji = None
    out = []
    src = pair.source
    bidi_budget: dict[str, int] = {}
    balanced: set[int] | None = None
    for m in _CTRL.finditer(tgt):
        ch = m.group()
        i = m.start()
        if ch == "\ufeff" and i == 0:
            continue
        if _is_tag(ch) and _in_flag_sequence(tgt, i):
            continue
        if ch in _BIDI:
            if ch not in bidi_budget:
                bidi_budget[ch] = src.count(ch)
            if bidi_budget[ch] > 0:
                bidi_budget[ch] -= 1
                continue
            if balanced is None:
                balanced = _balanced_bidi(tgt) if _rtl_target(ctx) else set()
            if i in balanced:
                continue
        if "\x80" <= ch <= "\x9f":
            if moji is None:
                moji = ctx.tgt.memo(_mojibake_view)
            if any(s <= i < e for s, e, _ in moji):
                continue
        out.append((i, ch))
    # One flag per run of adjacent characters.
    flags = []
    k = 0
    while k < len(out):
        j = k
        while j + 1 < len(out) and out[j + 1][0] == out[j][0] + 1:
            j += 1
        s, e = out[k][0], out[j][0] + 1
        run = [c for _, c in out[k:j + 1]]
        if all(_is_tag(c) for c in run):
            hidden = "".join(chr(ord(c) - 0xE0000) for c in run if 0x20 <= ord(c) - 0xE0000 < 0x7f)
            flags.append(hit(f"invisible tag characters (U+E0000 block) hiding the text {hidden!r}", target=(s, e)))
        else:
            labels = sorted({_char_label(c) for c in run})
            kind = "bidi control" if all(c in _BIDI for c in run) else "control character"
            flags.append(hit(f"invisible {kind}: {', '.join(labels)}", target=(s, e)))
        k = j + 1
    return flags


# --- ENC004 mixed scripts inside one word -----------------------------------------------------
# Cyrillic and Greek letters that look like a Latin letter (lower and upper case): the
# "skeleton" each one imitates. Latin letters are their own skeleton.
_SKELETON: dict[str, str] = {}
for _a, _b in zip("аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅԜҮ", "aeopcyxijsdqwhlABEKMHOPCTXIJSWY"):
    _SKELETON[_a] = _b
for _a, _b in zip("αοιρνκτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aoipvktuxABEZHIKMNOPTYX"):
    _SKELETON[_a] = _b
# The skeletons each script can show: an intruder is a homoglyph when its skeleton is one of them.
_SHOWS = {
    "Latin": frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "Cyrillic": frozenset(b for a, b in _SKELETON.items() if char_script(a) == "Cyrillic"),
    "Greek": frozenset(b for a, b in _SKELETON.items() if char_script(a) == "Greek"),
}
_TRIAD = ("Latin", "Cyrillic", "Greek")
# Cheap gates (module ``re``: simple classes scan fast): the text has letters of two of the
# scripts, then some letter of one touches a letter of another (a mixed word has such a seam).
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_C = "\u0400-\u052f"
_G = "\u0370-\u03ff\u1f00-\u1fff"
_HAS_CG, _HAS_L, _HAS_C, _HAS_G, _SEAM = (re.compile(p) for p in (
    f"[{_C}{_G}]", f"[{_L}]", f"[{_C}]", f"[{_G}]", f"[{_L}{_G}][{_C}]|[{_C}{_G}][{_L}]|[{_L}{_C}][{_G}]"))


def _has_seam(text: str) -> bool:
    if not _HAS_CG.search(text):
        return False
    if not _HAS_L.search(text) and not (_HAS_C.search(text) and _HAS_G.search(text)):
        return False
    return _SEAM.search(text) is not None


_PART = lazyre.compile(r"[\p{L}\p{M}]+")
_MARK = lazyre.compile(r"\p{M}")


def _skeleton(ch: str) -> str | None:
    if "a" <= ch <= "z" or "A" <= ch <= "Z":
        return ch
    return _SKELETON.get(ch)


def _mixed_word(part: str, main: str | None):
    """(majority script, [indices of homoglyph letters]) when ``part`` mixes look-alikes."""
    counts: dict[str, list[int]] = {}
    for i, ch in enumerate(part):
        sc = char_script(ch)
        if sc in _TRIAD:
            counts.setdefault(sc, []).append(i)
        elif not _MARK.match(ch):
            return None  # another script inside the word: not a Latin/Cyrillic/Greek homoglyph case
    if len(counts) < 2:
        return None
    ranked = sorted(counts, key=lambda s: (-len(counts[s]), s != main, s))
    major = ranked[0]
    if len(counts[ranked[0]]) == len(counts[ranked[1]]) and main not in counts:
        return None  # no majority and no hint from the segment: leave it
    odd = sorted(i for s in ranked[1:] for i in counts[s])
    shows = _SHOWS[major]
    if not all(_skeleton(part[i]) in shows for i in odd):
        return None  # the intruders do not imitate the word's script: a deliberate mix (e.g. "μg")
    return major, odd


@check("ENC004", "mixed-script-word", "fluency/character-encoding", "major")
def mixed_script_word(pair, ctx):
    """A word that mixes Latin, Cyrillic and Greek letters that look alike (homoglyphs): a
    Cyrillic ``а`` or ``о`` inside a Latin word, a Latin ``p`` or ``c`` inside a Russian word.
    Such words look right but break search, spell checking and matching. Only look-alike
    intruders are flagged (a word whose odd letters are all confusable with its majority
    script); hyphenated compounds such as ``IT-компания`` or ``COVID-вакцина`` are judged part
    by part, so they are fine; words that also appear in the source, and words mixing other
    scripts (Japanese kanji with kana, ``iPhone``, ``μg``) are never flagged. The span covers
    the whole word part, with the intruding letters named in the message."""
    tgt = pair.target
    if not tgt or not _has_seam(tgt):
        return ()
    main = ctx.tgt.script
    out = []
    codes_ = None
    for m in _PART.finditer(tgt):
        part = m.group()
        if len(part) < 2 or not _SEAM.search(part):
            continue
        # (catalog4, issue 12) a placeholder glued to a word (%(value)sмааниси): its letters are code
        if codes_ is None:
            from audit.lang.placeholders import codes as _codes
            codes_ = [(c.start, c.end) for c in ctx.tgt.memo(_codes)]
        ps, pe = m.start(), m.end()
        for a, b in codes_:
            if a < pe and ps < b:  # a code glued at the start or the end: judge the letters outside it
                ps, pe = (b, pe) if a <= ps else (ps, a)
        if (ps, pe) != (m.start(), m.end()):
            part = tgt[ps:pe]
            if len(part) < 2 or not _SEAM.search(part):
                continue
        res = _mixed_word(part, main)
        if res is None or part in pair.source:
            continue
        major, odd = res
        names = ", ".join(f"{part[i]!r} ({char_script(part[i])})" for i in odd)
        out.append(hit(f"{major} word {part!r} contains look-alike letters of another script: {names}",
                       target=(ps, pe)))
    return out
