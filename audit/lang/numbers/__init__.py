"""Numbers by value: a locale-aware parser shared by the NUM and UNI checks.

``parse_numbers(view)`` finds every number written with digits in one side of a pair and
returns ``Num`` items with exact spans and *keys*: the values the number may stand for.
Keys are what matching compares; a number may have several because text is ambiguous:

- grouping and decimal symbols come from CLDR through Babel (``1.000`` is 1000 in es/de and
  1.0 in en): the locale's reading is a strong key, the other reading a weak one;
- digits of every script (Arabic-Indic, Persian, Devanagari, full-width, Thai...) count;
- scale words multiply (``21,7 millones`` = 21.7e6, ``1100万`` = 1.1e7, ``3 crore`` = 3e7,
  German ``Billion`` = 1e12): the scaled value is strong, the bare mantissa weak;
- times (``14:30`` ~ ``2:30 p.m.``), decades (``1990s`` ~ ``90er``), ordinals, percentages;
- numbers glued to Latin/Cyrillic/Greek letters (``G7``, ``MP3``, ``COVID-19``, ``3D``) are
  names: they can match but are never reported missing or added.

Numbers spelled out in words (three, tres, drei, три, 三...) and month names are not items:
``spelled_values(view)`` and ``month_values(view)`` give the values they stand for, used to
explain a digit on the other side rather than to flag anything.

Everything here is computed once per view through ``view.memo(...)``.
The package's modules: ``digits`` (digits of every script, number patterns), ``symbols``
(readings by the locale's grouping and decimal symbols), ``scales`` (scale words), ``around``
(the words around a number: ordinals, decades, times, currencies), ``parser`` (``Num`` and
``parse_numbers``), ``spelled`` (numbers in words, month names) and ``items`` (number words as
items, ``word_numbers``).
"""
from audit.lang.numbers.digits import (
           HAS_DIGIT,
           NUM_NOCOLON_RE,
           NUM_NOSPACE_RE,
           NUM_RE,
           ascii_digits,
)
from audit.lang.numbers.items import ITEM_RE, WordNum, word_numbers
from audit.lang.numbers.parser import Num, parse_numbers, parse_text
from audit.lang.numbers.scales import SCALE_WORDS, scale_value
from audit.lang.numbers.spelled import (
           _SPELLED,
           _STEMS,
           month_spans,
    month_values,
           spelled_tokens,
           spelled_values,
           weekday_spans,
)
from audit.lang.numbers.symbols import locale_symbols

__all__ = ["HAS_DIGIT", "ITEM_RE", "NUM_NOCOLON_RE", "NUM_NOSPACE_RE", "NUM_RE", "SCALE_WORDS", "_SPELLED", "_STEMS",
           "Num", "WordNum", "ascii_digits", "locale_symbols", "month_spans", "month_values", "parse_numbers", "parse_text",
           "scale_value", "spelled_tokens", "spelled_values", "weekday_spans", "word_numbers"]
