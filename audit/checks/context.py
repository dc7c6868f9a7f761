"""Per-pair analysis shared by all checks, computed lazily and at most once.

``ctx.src`` and ``ctx.tgt`` are ``TextView`` objects: cached word tokens, sentences, script.
Any module can add its own shared analysis without touching this file:
``ctx.tgt.memo(parse_numbers)`` runs ``parse_numbers(view)`` once per view and caches it,
so twenty checks do not tokenize twenty times.

A ``Context`` is one pair's: ``ctx.memo(key, compute)`` keeps analyses of the whole pair (both
sides) that several checks share, ``ctx.prev_tgt`` / ``ctx.next_tgt`` are the neighbours' target
views, and ``Context.after`` makes the next pair's context reuse them (the previous pair's target
view is the same object as this pair's ``prev_tgt``, with whatever was memoised on it): checks keep
no state of their own between pairs. ``CorpusContext`` is the same for corpus-scope checks.
``ctx.options(code)`` gives a check's declared settings, configured or default.
"""
from __future__ import annotations

from typing import Any, Callable, Generic, Iterator, Mapping, Sequence, TypeVar

from audit.checks.registry import get as get_check
from audit.core.model import Pair, base_lang
from audit.core.text import Token, main_script, words

T = TypeVar("T")


class cached_property(Generic[T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes an RLock on every first
    access, a measurable cost at several views and analyses per pair): computes once, then the
    value sits in the instance ``__dict__`` and shadows this non-data descriptor."""

    def __init__(self, fn: Callable[[Any], T]):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class TextView:
    """One side of a pair, with cached analyses."""

    __slots__ = ("text", "lang", "side", "_memo", "__dict__")

    def __init__(self, text: str, lang: str | None, side: str):
        self.text = text
        self.lang = base_lang(lang)
        self.side = side
        self._memo: dict[Callable, Any] = {}

    def memo(self, fn: Callable[["TextView"], T]) -> T:
        """``fn(self)``, computed once per view."""
        try:
            return self._memo[fn]
        except KeyError:
            value = self._memo[fn] = fn(self)
            return value

    @cached_property
    def words(self) -> list[Token]:
        return words(self.text)

    @cached_property
    def script(self) -> str | None:
        return main_script(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence bounds (start, end) within the text."""
        from audit.lang.segment import (
            sentence_spans,  # local import: segmenter is optional analysis
        )

        return sentence_spans(self.text, self.lang)


class OptionValues(Mapping):
    """The settings of one check: each declared option's configured value, else its default, read
    as an attribute (``opts.min_words``) or a key. Undeclared names are an error (a typo in a check)."""

    __slots__ = ("code", "_values")

    def __init__(self, code: str, values: dict[str, Any]):
        self.code = code
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"check {self.code} declares no option {name!r}") from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class CheckOptions:
    """The options of every check of one run, resolved once per check and shared by all contexts."""

    __slots__ = ("given", "_by_code")

    def __init__(self, given: Mapping[str, Mapping[str, Any]] | None = None):
        self.given = given or {}
        self._by_code: dict[str, OptionValues] = {}

    def of(self, code: str) -> OptionValues:
        got = self._by_code.get(code)
        if got is None:
            given = self.given.get(code) or {}
            try:
                declared = get_check(code).spec.options
            except KeyError:  # a custom rule of the config (audit.checks.custom): no options
                declared = ()
            values = {o.name: o.coerce(given[o.name]) if o.name in given else o.default for o in declared}
            got = self._by_code[code] = OptionValues(code, values)
        return got


def _as_options(options: "CheckOptions | Mapping[str, Mapping[str, Any]] | None") -> CheckOptions:
    return options if isinstance(options, CheckOptions) else CheckOptions(options)


class _Shared:
    """A memo and the checks' options, for the pair and corpus contexts."""

    _memo: dict
    _options: CheckOptions

    def memo(self, key: Any, compute: Callable[[Any], T]) -> T:
        """``compute(self)``, computed once per context and shared by every check that asks with
        the same ``key`` (the function itself is a good key)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value

    def options(self, code: str) -> OptionValues:
        """The settings of check ``code`` (``[tool.transaudit.options.CODE]``, else the defaults)."""
        return self._options.of(code)


class Context(_Shared):
    """What a check sees besides the pair: the two views, neighbours, settings, a shared memo."""

    def __init__(
        self,
        pair: Pair,
        prev: Pair | None = None,
        next: Pair | None = None,
        options: "CheckOptions | Mapping[str, Mapping[str, Any]] | None" = None,
        corpus: Any = None,
    ):
        self.pair = pair
        self.prev = prev
        self.next = next
        self._options = _as_options(options)
        self.corpus = corpus
        self._memo = {}
        # codes of the checks this run applies to the pair (set by the engine; None: not known),
        # for checks that divide work with another (ENT003 leaves ENT004's names to it)
        self.running: frozenset | None = None

    @classmethod
    def after(cls, before: "Context | None", pair: Pair, prev: Pair | None, next: Pair | None,
              options: "CheckOptions | Mapping[str, Mapping[str, Any]] | None" = None) -> "Context":
        """The context of ``pair``, which follows ``before``'s pair: ``prev_tgt`` is ``before``'s
        target view, and ``tgt`` is ``before``'s ``next_tgt`` if that was made (same text, same
        language: the analyses memoised on them are shared rather than computed again)."""
        ctx = cls(pair, prev, next, options)
        if before is not None:
            if prev is not None and prev is before.pair:
                ctx.__dict__["prev_tgt"] = before.tgt
            nxt = before.__dict__.get("next_tgt")
            if nxt is not None and before.next is pair:
                ctx.__dict__["tgt"] = nxt
        return ctx

    @cached_property
    def src(self) -> TextView:
        return TextView(self.pair.source, self.pair.source_lang, "source")

    @cached_property
    def tgt(self) -> TextView:
        return TextView(self.pair.target or "", self.pair.target_lang, "target")

    @cached_property
    def prev_tgt(self) -> TextView | None:
        return None if self.prev is None else TextView(self.prev.target or "", self.prev.target_lang, "target")

    @cached_property
    def next_tgt(self) -> TextView | None:
        return None if self.next is None else TextView(self.next.target or "", self.next.target_lang, "target")


class CorpusContext(_Shared):
    """What a corpus-scope check sees besides the pairs: settings, and a memo shared by the corpus
    checks of one run (two checks drawing on one analysis of the corpus make it once)."""

    def __init__(self, pairs: Sequence[Pair],
                 options: "CheckOptions | Mapping[str, Mapping[str, Any]] | None" = None):
        self.pairs = pairs
        self._options = _as_options(options)
        self._memo = {}
