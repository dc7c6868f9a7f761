"""Build ``audit/lang/data/cldr/``: the CLDR data transaudit's checks read, extracted once from Babel.

transaudit used to ask Babel at run time, and a new Babel release (2.19, CLDR 47) silently removed the
English exemplar cities that equal their time-zone ids (London, Dublin, Honolulu): the exonym check
lost them without a word. The checks now read this shipped, versioned extract instead, so what they
know does not depend on which Babel release pip picks, and ``_meta.json`` records the Babel and CLDR
versions in the audit signature.

For each supported language, ``xx.json`` holds:
- ``territories``: two-letter region code -> name; ``languages``: two-letter language code -> name;
- ``cities``: time-zone id -> exemplar city, resolved as CLDR specifies (a zone without a localized
  city falls back to its id's last part, ``Europe/London`` -> ``London``), through
  ``babel.dates.get_timezone_location(..., return_city=True)``;
- ``months`` and ``weekdays``: names in the wide and abbreviated widths, format and stand-alone
  contexts, as ``[name, number]`` (months 1-12, weekdays 0 = Monday);
- ``decimal`` and ``group``: the number symbols; ``plurals``: the CLDR plural rules (category -> rule).
``_meta.json`` holds the versions, the language list, the ISO 4217 currency codes and every CLDR
locale's base language (to tell a language code from a random column header).

Data: Unicode CLDR, (c) Unicode, Inc., under the Unicode License v3 (see ``LICENSE`` in the folder).
Run ``python scripts/build_cldr.py`` to rebuild; the output is deterministic for a given Babel release.
"""
from __future__ import annotations

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "audit", "lang", "data", "cldr")

# Every language transaudit has word lists, stemmers or test data for, and the larger languages of CLDR.
LANGUAGES = sorted(set("""
af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fil fr ga gl gu he hi hr hu hy id is it ja
ka kk km kn ko ky lo lt lv mk ml mn mr ms my nb ne nl nn pa pl ps pt ro ru si sk sl sq sr sv sw ta te
th tr uk ur uz vi zh zu
""".split()))

LICENSE = """UNICODE LICENSE V3

COPYRIGHT AND PERMISSION NOTICE

Copyright (c) 1991-2025 Unicode, Inc.

NOTICE TO USER: Carefully read the following legal agreement. BY DOWNLOADING, INSTALLING, COPYING OR
OTHERWISE USING DATA FILES, AND/OR SOFTWARE, YOU UNEQUIVOCALLY ACCEPT, AND AGREE TO BE BOUND BY, ALL OF
THE TERMS AND CONDITIONS OF THIS AGREEMENT. IF YOU DO NOT AGREE, DO NOT DOWNLOAD, INSTALL, COPY,
DISTRIBUTE OR USE THE DATA FILES OR SOFTWARE.

Permission is hereby granted, free of charge, to any person obtaining a copy of data files and any
associated documentation (the "Data Files") or software and any associated documentation (the
"Software") to deal in the Data Files or Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, and/or sell copies of the Data Files or
Software, and to permit persons to whom the Data Files or Software are furnished to do so, provided
that either (a) this copyright and permission notice appear with all copies of the Data Files or
Software, or (b) this copyright and permission notice appear in associated Documentation.

THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT OF THIRD PARTY RIGHTS. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN
THIS NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL DAMAGES, OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR
OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THE DATA FILES OR
SOFTWARE.

Except as contained in this notice, the name of a copyright holder shall not be used in advertising or
otherwise to promote the sale, use or other dealings in these Data Files or Software without prior
written authorization of the copyright holder.

Source: the Unicode Common Locale Data Repository (https://cldr.unicode.org), as packaged by Babel.
"""


def _names(mapping, keep) -> dict[str, str]:
    return {k: v for k, v in sorted(mapping.items()) if keep(k) and v}


def _calendar_names(getter, lang: str) -> list[list]:
    seen: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for ctxt in ("format", "stand-alone"):
            for num, name in sorted(getter(width, ctxt, lang).items()):
                seen.setdefault(name, num)
    return [[name, num] for name, num in seen.items()]


def _zones() -> list[str]:
    from babel import Locale, localedata

    zones: set[str] = set()
    for ident in ("root", "en", "ru", "fr"):
        zones.update(Locale.parse(ident).time_zones)
    meta = localedata.load("root").get("zone_aliases", {})
    zones.update(meta)
    return sorted(z for z in zones if "/" in z and not z.startswith("Etc/"))


def language_data(lang: str, zones: list[str]) -> dict:
    from babel import Locale
    from babel.dates import get_day_names, get_month_names, get_timezone_location
    from babel.numbers import get_decimal_symbol, get_group_symbol

    loc = Locale.parse(lang)
    cities = {}
    for tz in zones:
        try:
            city = get_timezone_location(tz, locale=loc, return_city=True)
        except LookupError:
            continue
        if city:
            cities[tz] = city
    return {
        "language": lang,
        "territories": _names(loc.territories, lambda k: len(k) == 2 and k.isalpha()),
        "languages": _names(loc.languages, lambda k: len(k) == 2),
        "cities": cities,
        "months": _calendar_names(get_month_names, lang),
        "weekdays": _calendar_names(get_day_names, lang),
        "decimal": get_decimal_symbol(lang),
        "group": get_group_symbol(lang),
        "plurals": dict(sorted(loc.plural_form.rules.items())),
    }


def meta(zones: list[str]) -> dict:
    import babel
    from babel import localedata
    from babel.core import get_cldr_version
    from babel.numbers import list_currencies

    bases = sorted({ident.split("_")[0] for ident in localedata.locale_identifiers()})
    return {
        "source": "Unicode CLDR via Babel",
        "babel": babel.__version__,
        "cldr": str(get_cldr_version()),
        "languages": LANGUAGES,
        "locale_languages": bases,
        "currencies": sorted(list_currencies()),
        "zones": len(zones),
    }


def _write(path: str, data) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=0, sort_keys=False)
        fh.write("\n")


def main() -> int:
    os.makedirs(OUT, exist_ok=True)
    zones = _zones()
    for lang in LANGUAGES:
        _write(os.path.join(OUT, f"{lang}.json"), language_data(lang, zones))
    _write(os.path.join(OUT, "_meta.json"), meta(zones))
    with open(os.path.join(OUT, "LICENSE"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(LICENSE)
    print(f"{len(LANGUAGES)} languages written to {os.path.relpath(OUT, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
