"""Per-pair analysis shared by all checks, computed lazily and at most once.

``ctx.src`` and ``ctx.tgt`` are ``TextView`` objects: cached word tokens, sentences, script.
Any module can add its own shared analysis without touching this file:
``ctx.tgt.memo(parse_numbers)`` runs ``parse_numbers(view)`` once per view and caches it,
so twenty checks do not tokenize twenty times.
"""
from __future__ import annotations

from typing import Any, Callable, Generic, Mapping, TypeVar

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


class Context:
    """What a check sees besides the pair: the two views, neighbours, settings, corpus stats."""

    def __init__(
        self,
        pair: Pair,
        prev: Pair | None = None,
        next: Pair | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        corpus: Any = None,
    ):
        self.pair = pair
        self.prev = prev
        self.next = next
        self._options = options or {}
        self.corpus = corpus

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

    def options(self, code: str) -> Mapping[str, Any]:
        """Per-check settings from the config (``[tool.transaudit.options.CODE]``)."""
        return self._options.get(code, {})
