"""Plural forms: gettext ``Plural-Forms`` headers and CLDR plural rules, for integers.

A gettext catalog says how many forms a plural message has (``nplurals=N``) and which form a
number ``n`` takes (``plural=EXPR``, a C expression of ``n``). ``parse_plural_forms`` reads the
header without ``eval``: a small recursive-descent parser for the C operators gettext allows
(``?:``, ``||``, ``&&``, comparisons, ``+ - * / %``, ``!``, parentheses, ``n``, integer literals).

``distribution`` maps each form to the numbers ``0..LIMIT`` it is used for, as ``msgfmt -c`` does
(gettext evaluates the expression for n = 0..1000 to find forms used for a single number, which
may then drop the count placeholder). ``cldr_forms`` gives, for a language, the CLDR plural
categories in gettext's order (zero, one, two, few, many, other) with the integers each covers,
from the rules shipped in ``audit/lang/data/cldr`` (``plurals``: category -> rule, "other" implied).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from audit.core import lazyre
from audit.lang import cldr

LIMIT = 1000  # numbers 0..LIMIT are evaluated, as msgfmt -c does
CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")


class PluralError(ValueError):
    """A ``Plural-Forms`` header that cannot be read; ``start``/``end``: where, in the header text."""

    def __init__(self, message: str, start: int = 0, end: int = 0):
        super().__init__(message)
        self.start, self.end = start, end


@dataclass(frozen=True)
class PluralForms:
    """A parsed ``Plural-Forms`` header: ``nplurals``, the expression's text and its function, and
    where ``nplurals=N`` and the expression are in the header text (``[start, end)``)."""

    nplurals: int
    expression: str
    fn: Callable[[int], int]
    nplurals_span: tuple[int, int]
    expression_span: tuple[int, int]

    def distribution(self) -> tuple[tuple[int, ...], ...]:
        """For each form ``0..nplurals-1``, the numbers 0..LIMIT it is used for; a value out of
        range raises ``PluralError``."""
        return _distribution(self.expression, self.nplurals, self.fn)


_TOKEN = lazyre.re_compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[?:<>+\-*/%!()]))")


_LEVELS = (("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%"))
_OPS = {
    "||": lambda a, b: int(bool(a) or bool(b)), "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b), ">": lambda a, b: int(a > b), ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: _cdiv(a, b), "%": lambda a, b: _cmod(a, b),
}


class _Parser:
    """Recursive descent over the tokens of a C plural expression; positions are offsets into the
    header (``offset``: where the expression starts in it)."""

    def __init__(self, expr: str, offset: int):
        self.toks: list[tuple[str, int]] = []
        self.i = 0
        self.text = text = expr.rstrip().rstrip(";")
        self.offset = offset
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                if text[pos:].strip() == "":
                    break
                raise PluralError(f"unexpected {text[pos:pos + 10]!r} in the plural expression", offset + pos,
                                  offset + min(len(text), pos + 1))
            self.toks.append((m.group(1) or m.group(2) or m.group(3), offset + m.start(m.lastindex)))
            pos = m.end()
        if not self.toks:
            raise PluralError("empty plural expression", offset, offset)

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self, want: str | None = None) -> str:
        if self.i >= len(self.toks):
            end = self.offset + len(self.text)
            raise PluralError("the plural expression ends too early", end, end)
        tok, at = self.toks[self.i]
        if want is not None and tok != want:
            raise PluralError(f"expected {want!r} in the plural expression, found {tok!r}", at, at + len(tok))
        self.i += 1
        return tok

    def whole(self) -> Callable[[int], int]:
        fn = self.ternary()
        if self.i != len(self.toks):
            tok, at = self.toks[self.i]
            raise PluralError(f"unexpected {tok!r} after the plural expression", at, at + len(tok))
        return fn

    def ternary(self):
        cond = self.binary(0)
        if self.peek() != "?":
            return cond
        self.take("?")
        a = self.ternary()
        self.take(":")
        b = self.ternary()
        return lambda n: a(n) if cond(n) else b(n)

    def binary(self, level: int):
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in _LEVELS[level]:
            op = _OPS[self.take()]
            left = _apply(op, left, self.binary(level + 1))
        return left

    def unary(self):
        tok = self.peek()
        if tok in ("!", "-"):
            self.take()
            f = self.unary()
            return (lambda n: int(not f(n))) if tok == "!" else (lambda n: -f(n))
        if tok == "(":
            self.take()
            f = self.ternary()
            self.take(")")
            return f
        tok = self.take()
        if tok == "n":
            return lambda n: n
        if tok.isdigit():
            v = int(tok)
            return lambda n: v
        at = self.toks[self.i - 1][1]
        raise PluralError(f"unexpected {tok!r} in the plural expression", at, at + len(tok))


def _compile(expr: str, offset: int) -> Callable[[int], int]:
    """The C expression ``expr`` of ``n`` as a Python function (no eval)."""
    return _Parser(expr, offset).whole()


def _apply(op, left, right):
    return lambda n: op(left(n), right(n))


def _cdiv(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _cmod(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    return a - b * _cdiv(a, b)


_NPLURALS = lazyre.re_compile(r"nplurals\s*=\s*(\d+)", re.IGNORECASE)
_PLURAL = lazyre.re_compile(r"plural\s*=\s*", re.IGNORECASE)


@lru_cache(maxsize=64)
def parse_plural_forms(header: str) -> PluralForms:
    """The ``Plural-Forms`` header value (``nplurals=3; plural=(n%10==1 ? 0 : ...);``) parsed;
    raises ``PluralError`` with the position of the problem in ``header``."""
    m = _NPLURALS.search(header)
    if m is None:
        raise PluralError("no nplurals=N in the Plural-Forms header", 0, len(header))
    nplurals = int(m.group(1))
    if not 1 <= nplurals <= 100:
        raise PluralError(f"nplurals={nplurals} is out of range", m.start(), m.end())
    p = None
    for cand in _PLURAL.finditer(header):
        if cand.start() == 0 or not header[cand.start() - 1].isalpha():  # not the "plural" of "nplurals"
            p = cand
            break
    if p is None:
        raise PluralError("no plural=EXPRESSION in the Plural-Forms header", 0, len(header))
    start = p.end()
    end = header.find(";", start)
    end = len(header) if end < 0 else end
    expr = header[start:end]
    fn = _compile(expr, start)
    forms = PluralForms(nplurals, expr.strip(), fn, (m.start(), m.end()), (start, end))
    try:
        forms.distribution()  # an expression that fails or leaves the range is an error now, not later
    except PluralError as exc:
        raise PluralError(str(exc), start, end) from None
    return forms


def _distribution(expr: str, nplurals: int, fn) -> tuple[tuple[int, ...], ...]:
    out: list[list[int]] = [[] for _ in range(nplurals)]
    for n in range(LIMIT + 1):
        try:
            k = fn(n)
        except ZeroDivisionError:
            raise PluralError(f"the plural expression divides by zero for n={n}") from None
        if not 0 <= k < nplurals:
            raise PluralError(f"the plural expression gives form {k} for n={n}, outside 0..{nplurals - 1}")
        out[k].append(n)
    return tuple(tuple(x) for x in out)


# ----------------------------------------------------------------------------------------- CLDR

_REL = lazyre.re_compile(r"^([nivwfte])(?:\s+mod\s+(\d+))?\s+(not\s+in|in|within|not\s+within|=|!=)\s+([\d.,]+)$")


def _cldr_rule(rule: str) -> Callable[[int], bool]:
    """A CLDR plural rule (Babel's normalised ``i mod 10 in 2..4 and v in 0 or ...``) as a test on
    an integer (operands: n = i = the number, v = w = f = t = e = 0)."""
    alternatives = []
    for alt in rule.split(" or "):
        rels = []
        for rel in alt.split(" and "):
            m = _REL.match(rel.strip())
            if m is None:
                raise ValueError(f"unreadable CLDR plural rule {rule!r}")
            operand, mod, op, ranges = m.groups()
            items = []
            for part in ranges.split(","):
                lo, _, hi = part.partition("..")
                items.append((int(lo), int(hi or lo)))
            negate = op.startswith("not") or op == "!="
            rels.append((operand, int(mod) if mod else None, negate, tuple(items)))
        alternatives.append(tuple(rels))

    def test(n: int) -> bool:
        for rels in alternatives:
            for operand, mod, negate, items in rels:
                x = n if operand in "ni" else 0
                if mod:
                    x %= mod
                inside = any(lo <= x <= hi for lo, hi in items)
                if inside == negate:
                    break
            else:
                return True
        return False

    return test


@lru_cache(maxsize=128)
def cldr_forms(lang: str | None) -> tuple[tuple[str, tuple[int, ...]], ...] | None:
    """The CLDR plural categories of ``lang`` in gettext's order, each with the numbers 0..LIMIT it
    covers (a category for fractions only covers none); None when no CLDR data ships for ``lang``."""
    rec = cldr.data(lang)
    if rec is None or "plurals" not in rec:
        return None
    rules = {cat: _cldr_rule(r) for cat, r in rec["plurals"].items()}
    covered: dict[str, list[int]] = {cat: [] for cat in CATEGORY_ORDER if cat in rules or cat == "other"}
    for n in range(LIMIT + 1):
        for cat in CATEGORY_ORDER:
            if cat in rules and rules[cat](n):
                covered[cat].append(n)
                break
        else:
            covered["other"].append(n)
    return tuple((cat, tuple(nums)) for cat, nums in covered.items())


def cldr_nplurals(lang: str | None) -> tuple[int, ...] | None:
    """The form counts a catalog of ``lang`` may declare: CLDR's integer categories (gettext's
    habit: ``ru`` 3) and, when CLDR has categories for fractions only, all categories (``ru`` 4,
    as Transifex and CLDR-generated catalogs write); None when unknown."""
    forms = cldr_forms(lang)
    if forms is None:
        return None
    integer = sum(1 for _, nums in forms if nums)
    return tuple(sorted({integer, len(forms)}))


def single_number(numbers: tuple[int, ...]) -> int | None:
    """The one number a form is used for, when it is used for exactly one (else None)."""
    return numbers[0] if len(numbers) == 1 else None


def cldr_distribution(lang: str | None, nforms: int) -> tuple[tuple[int, ...], ...] | None:
    """Without a usable header: the numbers each of ``nforms`` forms covers, when ``nforms`` is one of
    the counts ``cldr_nplurals`` accepts (forms in gettext's CLDR order); else None."""
    forms = cldr_forms(lang)
    if forms is None:
        return None
    if nforms == len(forms):
        return tuple(nums for _, nums in forms)
    integer = [nums for _, nums in forms if nums]
    if nforms == len(integer):
        return tuple(integer)
    return None
