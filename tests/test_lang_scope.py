"""A check's declared ``lang_scope`` is enforced by the engine's plan: a check whose scope excludes
the pair's languages is not run at all (not merely quiet), and ``transaudit checks CODE`` prints
the scope."""
from __future__ import annotations

from dataclasses import replace

import pytest

from audit.checks.registry import LANG_SCOPES, Check, all_checks, get, in_lang_scope
from audit.cli import main as cli_main
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline.engine import _Plan, check_pair

SCOPED = sorted(c.code for c in all_checks().values() if c.spec.lang_scope != "all")
# a target language each scope excludes, and one it keeps
EXCLUDED = {"cased-target": ["zh", "ja", "th", "ar", "hi"], "not-phrase-spaced-target": ["th", "km"],
            "declared-target": [None]}
KEPT = {"cased-target": ["en", "ru", "el", None], "not-phrase-spaced-target": ["en", "zh", "ja", None],
        "declared-target": ["en", "zh"]}


def _pair(tl: str | None, sl: str | None = "en") -> Pair:
    return Pair(id="1", source="The NATO summit , DO NOT OPEN THE DOOR  now.",
                target="the summit , do not open the door  now.", source_lang=sl, target_lang=tl)


def _recording(code: str, calls: list) -> Check:
    real = get(code)

    def fn(pair, ctx):
        calls.append(pair.target_lang)
        return ()

    return Check(replace(real.spec), fn)


def test_some_checks_declare_a_scope():
    assert {"CAS001", "CAS002", "ENT002", "LNG001", "PUN005", "WSP003"} <= set(SCOPED)


@pytest.mark.parametrize("code", SCOPED)
def test_a_check_out_of_scope_is_not_run(code):
    scope = get(code).spec.lang_scope
    calls: list = []
    chk = _recording(code, calls)
    for tl in EXCLUDED[scope]:
        assert not in_lang_scope(chk.spec, "en", tl)
        assert chk not in _Plan([chk]).for_pair(_pair(tl), blank=False)
        check_pair(_pair(tl), [chk], Config())
    assert calls == [], f"{code} ({scope}) ran on targets {calls}"
    for tl in KEPT[scope]:
        assert in_lang_scope(chk.spec, "en", tl)
        check_pair(_pair(tl), [chk], Config())
    assert calls == KEPT[scope], f"{code} ({scope}) did not run on every target in scope"


def test_listed_languages_still_apply():
    spec = replace(get("CAS001").spec, languages=frozenset({"de"}))
    assert in_lang_scope(spec, "en", "de") and not in_lang_scope(spec, "en", "fr")
    assert not in_lang_scope(replace(spec, languages=frozenset({"ja"})), "en", "ja")  # caseless


def test_scoped_checks_stay_quiet_out_of_scope_in_a_whole_audit():
    from audit import audit_pairs

    pairs = [Pair(id=str(i), source=p.source, target=p.target, source_lang="en", target_lang=tl, index=i)
             for i, (tl, p) in enumerate((tl, _pair(tl)) for tl in ("th", "zh", "en"))]
    res = audit_pairs(pairs, Config(select=tuple(SCOPED)))
    by_lang = {s.pair.target_lang: {f.code for f in s.flags} for s in res.segments}
    assert not by_lang["th"] & {"PUN005", "WSP003", "CAS001", "CAS002", "ENT002"}
    assert not by_lang["zh"] & {"CAS001", "CAS002", "ENT002"}


@pytest.mark.parametrize("code", SCOPED)
def test_checks_command_prints_the_scope(code, capsys):
    assert cli_main(["checks", code]) == 0
    out = capsys.readouterr().out
    assert LANG_SCOPES[get(code).spec.lang_scope] in " ".join(out.split())
