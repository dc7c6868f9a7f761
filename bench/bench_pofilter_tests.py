"""Agreement with Translate Toolkit's own check tests: the (source, target, must fail / must pass)
cases of ``translate/filters/test_checks.py`` run through the transaudit checks that cover the same
ground.

The cases are read, never copied: the script parses the test file of a Translate Toolkit source
distribution given on the command line (``pip download translate-toolkit==3.8.6 --no-binary :all:
--no-deps -d /tmp/tt``, unpacked; later sdists no longer ship the tests) with ``ast``. Every
``assert passes(checker.NAME, SOURCE, TARGET)``, ``assert fails(...)``, ``assert
fails_serious(...)`` (and their ``not`` forms) whose two strings are literals is a case; the
checker's ``targetlanguage`` (from its ``CheckerConfig``) is the target language, Afrikaans
(``af``, the language of most of the tests) when it names none.

Opt-in settings used, as pofilter's checker would be configured: ACC001's accelerator convention
(from each checker class), UNT001's ``short_copies`` for ``unchanged``, MRK002's ``patterns`` with
OpenOffice's variable syntaxes for the OpenOffice checker's ``variables`` cases; CAS003 is an opt-in
check (the bench runs mapped checks whatever their status). A test function that rebinds its
checker (``stdchecker = ...`` twice) is read line by line: each assert uses the checker bound then.

A must-fail case agrees when one of the mapped codes flags the pair; a must-pass case agrees when
none does. Tests that have no counterpart in transaudit (``OUT_OF_SCOPE``, with the reason) are
counted apart and not scored.

Measured (session 10, translate-toolkit 3.8.6): must fail 153/167 (91.6%), must pass 235/242 (97.1%);
session 9 had 142/167 (85.0%) and 232/242 (95.9%); session 8 110/149 (73.8%) and 205/218 (94.0%),
before ACC001 and before the Indic test was left out.

Usage: python bench/bench_pofilter_tests.py PATH/TO/test_checks.py [--show-disagreements] [--only NAME,...]
"""
from __future__ import annotations

import argparse
import ast
import os
import sys
from collections import defaultdict
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# pofilter test (the checker method called) -> transaudit codes that cover it.
POFILTER_TO_TRANSAUDIT: dict[str, tuple[str, ...]] = {
    "newlines": ("WSP005",),
    "tabs": ("WSP004",),
    "startwhitespace": ("WSP001",),
    "endwhitespace": ("WSP002",),
    "doublespacing": ("WSP003",),
    "doublewords": ("REP001",),
    "endpunc": ("PUN001", "PUN005"),
    "puncspacing": ("PUN005", "PUN006"),
    "brackets": ("PUN002",),
    "numbers": ("NUM001", "NUM002", "NUM003"),
    "printf": ("MRK002",),
    "pythonbraceformat": ("MRK002",),
    "variables": ("MRK002",),
    "xmltags": ("MRK001",),
    "urls": ("MRK003",),
    "emails": ("MRK003",),
    "untranslated": ("EMP001", "EMP002"),
    "blank": ("EMP002",),
    "unchanged": ("UNT001",),
    "acronyms": ("ENT001", "ENT002"),
    "accelerators": ("ACC001",),
    "startcaps": ("CAS001", "CAS003"),
}

# pofilter tests with no transaudit counterpart, and why.
OUT_OF_SCOPE: dict[str, str] = {
    "acceleratedvariables": "pofilter itself marks the test xfail (the check was removed from pofilter)",
    "escapes": "PO escapes are decoded by the reader: a pair's text holds real newlines and tabs "
               "(WSP004/WSP005 compare them); literal backslash sequences in plain text are not escapes",
    "doublequoting": "pofilter compares quote counts between the sides; PUN003 checks that the target's quotes "
                     "pair up, a different question",
    "singlequoting": "no single-quote count check (apostrophes make it noisy in prose)",
    "musttranslatewords": "glossary checks (TRM001/TRM002) take a glossary, not a word list in the checker",
    "notranslatewords": "glossary checks take a glossary, not a word list in the checker",
    "simplecaps": "no capitalisation-ratio check",
    "startpunc": "no start-punctuation check",
    "purepunc": "no punctuation-only check",
    "sentencecount": "sentence alignment (ALN001/ALN002) runs on documents, not short UI strings",
    "filepaths": "no file-path check",
    "functions": "no function-name check",
    "kdecomments": "KDE-specific",
    "credits": "translator-credits entries are a KDE/GNOME convention",
    "gconf": "GConf-specific",
    "dialogsizes": "Mozilla dialog sizes",
    "options": "command-line option check: not in scope",
    "long": "pofilter's length ratio on short strings; LEN001/LEN002 are calibrated on sentences",
    "short": "pofilter's length ratio on short strings; LEN001/LEN002 are calibrated on sentences",
    "validchars": "needs a configured set of valid characters",
    "spellcheck": "needs enchant dictionaries",
    "compendiumconflicts": "needs a compendium",
    "simpleplurals": "English '(s)' plurals: no check",
    "nplurals": "needs catalog units (PLR003 is tested on PO files)",
    "hassuggestion": "needs suggestions in the file",
    "validxml": "checks the target alone for well-formed XML (its tests pass an empty source); MRK001 "
                "compares the tags of the target with the source's",
}


# Test functions left out whole, and why.
OUT_OF_SCOPE_FUNCS: dict[str, str] = {
    "test_mozilla_no_accelerators_for_indic": "Mozilla's per-language rule that some Indic locales write no "
                                              "accelerators: transaudit has no such language list",
}

# pofilter checker class -> ACC001 convention (the toolkit's accelerator marker).
CHECKER_CONVENTION = {
    "StandardChecker": "none", "KdeChecker": "kde", "GnomeChecker": "gnome", "MozillaChecker": "mozilla",
    "OpenOfficeChecker": "openoffice", "LibreOfficeChecker": "libreoffice", "IOSChecker": "none",
}


# OpenOffice's variable syntaxes (pofilter's OpenOfficeChecker reads them as variables), given to
# MRK002's ``patterns`` option for the cases of that checker, as an OpenOffice project would
# configure transaudit: ``#file#``, ``#1``, an unterminated ``%file``, ``[file]``, a lone ``%`` or ``#``.
OPENOFFICE_PATTERNS = [r"#\w+#", r"#\d+", r"%[A-Za-z_]\w*", r"\[\w+\]", r"(?<!\S)[%#](?!\S)"]


# Why transaudit keeps disagreeing with pofilter on the cases it still does (by pofilter test),
# printed with --show-disagreements.
KEPT: dict[str, str] = {
    "accelerators": "'Mail &amp; News' (StandardChecker with '&'): '&amp;' is an entity, not an accelerator "
                    "(pofilter's MozillaChecker agrees); 'F~ile' -> 'L~êer' (af): ê is a letter of Afrikaans, "
                    "typeable as an access key; pofilter's per-language accelerator alphabet is not modelled",
    "acronyms": "ENT002 accepts an acronym permuted (NATO/OTAN), so 'LMTH' keeps 'HTML'; 'Location (URL) "
                "not found' -> 'Blah blah blah' is not flagged (not investigated: ENT is not this helper's family)",
    "brackets": "'For {sic} numbers' -> 'Vier getalle': '{sic}' is read as a brace placeholder, masked for PUN002; "
                "MRK002 flags it as a lost placeholder, a code not mapped to pofilter's brackets",
    "doublespacing": "WSP003 flags double spaces the target adds; a source's double space after a full stop "
                     "is typewriter style, not something a translation must keep",
    "doublewords": "Sesotho 'o o', 'ba ba', 'le le' are grammatical; REP001 has no Sesotho profile (st)",
    "numbers": "NUM001-003 compare values: '180°' -> '180', 'R57.60' -> 'R57,60' and '1,000.00' -> '1 000,00' "
               "keep the value (locale formats); '180°' -> '360°' is a NUM003 miss (its families are not this "
               "helper's to change)",
    "pythonbraceformat": "'{1}' -> '{} {}': mixing automatic and numbered fields is an error in str.format, "
                         "transaudit flags the change",
    "unchanged": "UNT001 leaves CSS values alone ('width: 12em;', '7em'), as pofilter's MozillaChecker does for "
                 "dialog sizes; short copies of common words are flagged minor",
    "variables": "'Create In &lt;&lt;' -> 'Etsa ka Ho &lt;lt;': '&lt;' is a character reference, text (MRK002 "
                 "does not count HTML character references, which translations may rewrite); '%$1@' is a broken "
                 "'%1$@', rightly flagged",
    "xmltags": "OpenOffice's rules for its own attributes ('visibility' of <ahelp>, 'name' of <link>) are that "
               "format's; transaudit compares every non-translatable attribute",
}


@dataclass(frozen=True)
class Case:
    test: str  # the pofilter check (method name)
    func: str  # the test function it comes from
    line: int
    source: str
    target: str
    must_fail: bool
    target_lang: str
    convention: str = "none"  # the checker's accelerator convention, or "marker:X" for accelmarkers="X"


def _checker_lang(call: ast.AST) -> str | None:
    for node in ast.walk(call):
        if isinstance(node, ast.keyword) and node.arg == "targetlanguage" and isinstance(node.value, ast.Constant):
            return str(node.value.value)
    return None


def _checker_convention(call: ast.Call) -> str:
    for node in ast.walk(call):
        if isinstance(node, ast.keyword) and node.arg == "accelmarkers" and isinstance(node.value, ast.Constant):
            return "marker:" + str(node.value.value)
    return CHECKER_CONVENTION.get(call.func.attr, "none")


def _is_checker(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr.endswith("Checker"))


def extract(path: str, default_lang: str = "af") -> tuple[list[Case], int]:
    """The literal cases of the test file, and how many asserts were skipped (non-literal strings)."""
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    cases: list[Case] = []
    skipped = 0
    for func in tree.body:
        if not isinstance(func, ast.FunctionDef) or not func.name.startswith("test_"):
            continue
        if func.name in OUT_OF_SCOPE_FUNCS:
            continue
        # name -> [(line, language, convention)] of each checker assignment: an assert uses the
        # checker its name holds at that line (a test function may rebind ``stdchecker``).
        bindings: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and _is_checker(node.value):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        bindings[t.id].append((node.lineno, _checker_lang(node.value) or default_lang,
                                               _checker_convention(node.value)))
            if (isinstance(node, ast.For) and isinstance(node.target, ast.Name)
                    and isinstance(node.iter, (ast.Tuple, ast.List)) and node.iter.elts
                    and _is_checker(node.iter.elts[0])):
                # ``for ooochecker in (OpenOfficeChecker(), LibreOfficeChecker()):``: the first one
                first = node.iter.elts[0]
                bindings[node.target.id].append((node.lineno, _checker_lang(first) or default_lang,
                                                 _checker_convention(first)))
        for b in bindings.values():
            b.sort()

        def bound(name: str, line: int, bindings=bindings) -> tuple[str, str]:
            held = [(lang, conv) for ln, lang, conv in bindings.get(name, ()) if ln <= line]
            return held[-1] if held else (default_lang, "none")
        for node in ast.walk(func):
            if not isinstance(node, ast.Assert):
                continue
            test, negate = node.test, False
            if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
                test, negate = test.operand, True
            if not (isinstance(test, ast.Call) and isinstance(test.func, ast.Name)
                    and test.func.id in ("passes", "fails", "fails_serious") and len(test.args) >= 3):
                continue
            meth = test.args[0]
            if not (isinstance(meth, ast.Attribute) and isinstance(meth.value, ast.Name)):
                skipped += 1
                continue
            try:
                src, tgt = ast.literal_eval(test.args[1]), ast.literal_eval(test.args[2])
            except ValueError:
                skipped += 1
                continue
            if not (isinstance(src, str) and isinstance(tgt, str)):
                skipped += 1
                continue
            must_fail = (test.func.id != "passes") != negate
            lang, conv = bound(meth.value.id, node.lineno)
            cases.append(Case(meth.attr, func.name, node.lineno, src, tgt, must_fail, lang, conv))
    return cases, skipped


def run(cases: list[Case]) -> list[tuple[Case, tuple[str, ...]]]:
    """Each in-scope case with the mapped codes that flagged it."""
    from audit.checks.registry import get
    from audit.core.config import Config
    from audit.core.model import Pair
    from audit.pipeline.engine import check_pair

    codes = sorted({c for cs in POFILTER_TO_TRANSAUDIT.values() for c in cs})
    checks = [get(c) for c in codes]
    config = Config()
    unchanged_config = Config(options={"UNT001": {"short_copies": True}})
    out = []
    for i, case in enumerate(cases):
        mapped = POFILTER_TO_TRANSAUDIT.get(case.test)
        if mapped is None:
            continue
        pair = Pair(id=str(i), source=case.source, target=case.target, source_lang="en",
                    target_lang=case.target_lang)
        cfg = config
        if case.test == "unchanged":
            cfg = unchanged_config  # pofilter's 'unchanged' flags every copy: UNT001's short_copies option
        if case.test == "variables" and case.convention in ("openoffice", "libreoffice"):
            cfg = Config(options={"MRK002": {"patterns": OPENOFFICE_PATTERNS}})
        if case.test == "accelerators":
            conv = case.convention
            acc = {"marker": conv[7:]} if conv.startswith("marker:") else {"convention": conv}
            cfg = Config(options={"ACC001": acc})
        got = {f.code for f in check_pair(pair, checks, cfg)}
        out.append((case, tuple(sorted(got & set(mapped)))))
    return out


def agrees(case: Case, flagged: tuple[str, ...]) -> bool:
    return bool(flagged) == case.must_fail


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("test_file", help="translate/filters/test_checks.py of an unpacked Translate Toolkit sdist")
    ap.add_argument("--show-disagreements", action="store_true")
    ap.add_argument("--only", help="pofilter test names, comma-separated")
    args = ap.parse_args(argv)
    cases, skipped = extract(args.test_file)
    if args.only:
        keep = set(args.only.split(","))
        cases = [c for c in cases if c.test in keep]
    out_of_scope = defaultdict(int)
    unmapped = defaultdict(int)
    for c in cases:
        if c.test in OUT_OF_SCOPE:
            out_of_scope[c.test] += 1
        elif c.test not in POFILTER_TO_TRANSAUDIT:
            unmapped[c.test] += 1
    results = run(cases)
    per = defaultdict(lambda: [0, 0, 0, 0])  # fail agreed, fail total, pass agreed, pass total
    for case, flagged in results:
        row = per[case.test]
        k = 0 if case.must_fail else 2
        row[k + 1] += 1
        row[k] += agrees(case, flagged)
    print(f"{len(cases)} literal cases ({skipped} asserts skipped: non-literal strings); "
          f"{len(results)} in scope, {sum(out_of_scope.values())} out of scope")
    print(f"{'pofilter test':20} {'codes':22} {'must fail':>11} {'must pass':>11}")
    tot = [0, 0, 0, 0]
    for name in sorted(per):
        row = per[name]
        tot = [a + b for a, b in zip(tot, row)]
        print(f"{name:20} {','.join(POFILTER_TO_TRANSAUDIT[name]):22} {row[0]:>4}/{row[1]:<4}  {row[2]:>4}/{row[3]:<4}")

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%" if b else "-"

    print(f"{'overall':43} {tot[0]:>4}/{tot[1]:<4}  {tot[2]:>4}/{tot[3]:<4}")
    print(f"agreement: must fail {pct(tot[0], tot[1])}, must pass {pct(tot[2], tot[3])}, "
          f"all {pct(tot[0] + tot[2], tot[1] + tot[3])}")
    if unmapped:
        print("not mapped: " + ", ".join(f"{k} ({v})" for k, v in sorted(unmapped.items())))
    if args.show_disagreements:
        print("\ndisagreements:")
        for name in sorted({c.test for c, f in results if not agrees(c, f)}):
            print(f"  {name}: {KEPT.get(name) or 'no reason recorded'}")
        print()
        for case, flagged in results:
            if not agrees(case, flagged):
                what = "must fail, not flagged" if case.must_fail else f"must pass, flagged {','.join(flagged)}"
                print(f"  {case.test:16} line {case.line:<5} {case.target_lang:3} {what}: "
                      f"{case.source!r} -> {case.target!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
