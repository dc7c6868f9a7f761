"""Per-check options: declared on @check, validated when a Config is made (and when a config file
is loaded), read through the context with their defaults, documented by ``transaudit checks``;
and the per-pair / corpus contexts that replace module-level state in the check families."""
from __future__ import annotations

import ast
import pathlib

import pytest

import audit  # noqa: F401  (the registry hands its option declarations to Config)
from audit.checks.context import CheckOptions, Context, CorpusContext
from audit.checks.families import length
from audit.checks.registry import all_checks
from audit.cli import main
from audit.core.config import Config, load_config
from audit.core.errors import UsageError
from audit.core.model import Option, Pair
from audit.pipeline.engine import audit_pairs

FAMILIES = pathlib.Path(__file__).resolve().parent.parent / "audit" / "checks" / "families"


def P(i, src, tgt, sl="en", tl="es", path="doc"):
    from audit.core.model import Origin

    return Pair(id=str(i), source=src, target=tgt, source_lang=sl, target_lang=tl, index=i,
                target_origin=Origin(path=path))


# --- validation ------------------------------------------------------------------------------------

def test_unknown_option_is_a_usage_error_listing_the_valid_ones():
    with pytest.raises(UsageError) as e:
        Config(options={"MET002": {"nonsense": 1}})
    assert str(e.value) == ("MET002 has no option 'nonsense' "
                            "(valid: chrf_major, chrf_minor, min_share, min_words)")


def test_option_of_a_check_without_options():
    with pytest.raises(UsageError, match=r"^NUM003 has no option 'nonsense' \(it takes no options\)$"):
        Config(options={"NUM003": {"nonsense": 1}})


def test_options_for_an_unknown_check():
    with pytest.raises(UsageError, match="unknown check 'XYZ999'"):
        Config(options={"XYZ999": {"a": 1}})


@pytest.mark.parametrize("value", ["2", 2.5, True, None, [2]])
def test_wrong_type_is_a_usage_error(value):
    with pytest.raises(UsageError, match="option 'min_words' of CON001 must be int, not "):
        Config(options={"CON001": {"min_words": value}})


def test_merged_configs_are_validated_too():
    with pytest.raises(UsageError):
        Config().merged(options={"LEN001": {"zz": 1}})


def test_valid_options_pass_and_an_int_reads_as_a_float():
    cfg = Config(options={"LEN001": {"z": 4, "subword": False}})
    opts = CheckOptions(cfg.options).of("LEN001")
    assert opts.z == 4.0 and isinstance(opts.z, float)
    assert opts.subword is False
    assert opts.min_corpus == length.MIN_CORPUS  # not configured: the default
    with pytest.raises(AttributeError, match="LEN001 declares no option 'zz'"):
        opts.zz  # noqa: B018


def test_config_file_errors_name_the_file(tmp_path):
    p = tmp_path / "transaudit.toml"
    p.write_text('[options.ENT003]\ntransliterated_targets = "yes"\n', encoding="utf-8")
    with pytest.raises(UsageError) as e:
        load_config(str(p))
    assert str(e.value) == (f"{p}: option 'transliterated_targets' of ENT003 must be bool, not str ('yes')")
    p.write_text("[options.ENT003]\ntransliterated_targets = true\n", encoding="utf-8")
    assert load_config(str(p)).options == {"ENT003": {"transliterated_targets": True}}


def test_cli_exits_2_with_one_line(tmp_path, capsys):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text("[tool.transaudit.options.CON001]\nnonsense = 1\n", encoding="utf-8")
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Hello world\n", encoding="utf-8")
    tgt.write_text("Hola mundo\n", encoding="utf-8")
    code = main(["check", str(src), str(tgt), "-s", "en", "-t", "es", "--config", str(cfg)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"transaudit: error: {cfg}: CON001 has no option 'nonsense' (valid: min_words)\n"


def test_declarations_are_checked_at_registration():
    from audit.checks.registry import check

    with pytest.raises(ValueError, match="default of option 'n' is not a int"):
        check("ZZZ901", "x", "other", "minor", options=(Option("n", int, "3", "a count"),))
    with pytest.raises(ValueError, match="declares an option twice"):
        check("ZZZ902", "x", "other", "minor", options=(Option("n", int, 3, "a"), Option("n", int, 3, "b")))


# --- every option read is declared -----------------------------------------------------------------

def _option_reads(tree: ast.AST):
    """(code, name) of ``ctx.options("CODE").name``, and of ``opts.name`` in a function that did
    ``opts = ctx.options("CODE")``."""
    def code_of(call) -> str | None:
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "options" \
                and call.args and isinstance(call.args[0], ast.Constant):
            return call.args[0].value
        return None

    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        bound = {node.targets[0].id: code_of(node.value) for node in ast.walk(fn)
                 if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and code_of(node.value)}
        for node in ast.walk(fn):
            if isinstance(node, ast.Attribute):
                if code_of(node.value):
                    yield code_of(node.value), node.attr
                elif isinstance(node.value, ast.Name) and node.value.id in bound:
                    yield bound[node.value.id], node.attr


def test_every_option_read_in_the_families_is_declared():
    checks = all_checks()
    reads = set()
    for path in sorted(FAMILIES.glob("*.py")):
        src = path.read_text(encoding="utf-8")
        assert "options.get(" not in src and "opts.get(" not in src, f"{path.name}: untyped option read"
        reads |= set(_option_reads(ast.parse(src)))
    assert len(reads) >= 15  # the scan does find the reads
    for code, name in sorted(reads):
        assert name in {o.name for o in checks[code].spec.options}, (code, name)


def test_every_declared_option_has_a_doc_and_a_valid_default():
    for code, chk in all_checks().items():
        for o in chk.spec.options:
            assert o.doc and (o.default is None or o.accepts(o.default)), (code, o)


# --- documentation ---------------------------------------------------------------------------------

def test_checks_code_documents_options(capsys):
    assert main(["checks", "MET001"]) == 0
    out = capsys.readouterr().out
    assert "options ([tool.transaudit.options.MET001]):" in out
    assert "  z_minor (float, default -2.5): " in out
    assert "  min_segments (int, default 20): " in out
    assert main(["checks", "ENT003"]) == 0
    assert "  transliterated_targets (bool, default false): " in capsys.readouterr().out
    assert main(["checks", "NUM003"]) == 0
    assert "options (" not in capsys.readouterr().out


# --- options take effect -----------------------------------------------------------------------------

def test_an_option_changes_the_result():
    pairs = [P(0, "Open file", "Abrir archivo"), P(1, "Open file", "Abre fichero")]
    assert audit_pairs(pairs, Config(select=("CON001",)), jobs=1).flags == []
    res = audit_pairs(pairs, Config(select=("CON001",), options={"CON001": {"min_words": 2}}), jobs=1)
    assert [f.pair_id for f in res.flags] == ["1"]


# --- contexts --------------------------------------------------------------------------------------

def test_pair_memo_computes_once():
    ctx = Context(P(0, "a", "b"))
    calls = []

    def compute(c):
        calls.append(c)
        return len(calls)

    assert ctx.memo("k", compute) == 1 and ctx.memo("k", compute) == 1 and calls == [ctx]
    assert ctx.memo("other", compute) == 2


def test_next_context_reuses_the_neighbour_views():
    a, b, c = P(0, "one", "uno"), P(1, "two", "dos"), P(2, "three", "tres")
    first = Context.after(None, a, None, b)
    nxt_view = first.next_tgt
    second = Context.after(first, b, a, c)
    assert second.prev_tgt is first.tgt
    assert second.tgt is nxt_view
    assert second.tgt.text == "dos" and second.prev_tgt.text == "uno"
    # a neighbour from another document is not a neighbour: nothing is handed over wrongly
    third = Context.after(second, c, None, None)
    assert third.prev_tgt is None and third.tgt.text == "tres"


def test_corpus_checks_share_one_analysis_through_the_corpus_context(monkeypatch):
    pairs = [P(i, "The committee approved the proposal after a long debate today.",
               "El comité aprobó la propuesta tras un largo debate hoy.") for i in range(5)]
    calls = []
    real = length._analyse
    monkeypatch.setattr(length, "_analyse", lambda *a: calls.append(a) or real(*a))
    ctx = CorpusContext(pairs)
    list(length.too_short(pairs, ctx)), list(length.too_long(pairs, ctx))
    assert len(calls) == 1
    list(length.too_short(pairs, CorpusContext(pairs, {"LEN001": {"z": 2.0}})))
    assert len(calls) == 2  # other options: another analysis


def _module_state():
    """What the mutable containers held at module level by the check families hold (keys of
    dicts, identities of list items, sizes of sets)."""
    import sys

    out = {}
    for name, mod in sorted(sys.modules.items()):
        if name.startswith("audit.checks.families."):
            for attr, value in vars(mod).items():
                if isinstance(value, dict):
                    out[f"{name}.{attr}"] = list(value)
                elif isinstance(value, list):
                    out[f"{name}.{attr}"] = [id(v) for v in value]
                elif isinstance(value, set):
                    out[f"{name}.{attr}"] = len(value)
    return out


def test_checking_pairs_leaves_no_state_in_the_families():
    def corpus(words):
        return [P(i, f"The {w} report was repeated in the {w} report of the {w} report today, they said.",
                  f"El informe {w} se repitió en el informe {w} del informe {w} hoy, dijeron.")
                for i, w in enumerate(words)]

    audit_pairs(corpus(["annual", "monthly", "weekly"]), Config(), jobs=1)  # loads what loads lazily
    before = _module_state()
    audit_pairs(corpus(["yearly", "daily", "final", "first"]), Config(), jobs=1)
    assert _module_state() == before
