"""Test helpers: run one check on one pair and get its flags, with span exactness asserted."""
from __future__ import annotations

from audit.core.config import Config
from audit.pipeline.engine import check_pair
from audit.core.model import Pair
from audit.checks.registry import get


def run_check(code: str, source: str, target: str | None, src: str = "en", tgt: str = "es",
              prev: Pair | None = None, next: Pair | None = None, options: dict | None = None, **pair_kw):
    """Flags of check ``code`` on one pair (respecting its language scope), spans verified."""
    chk = get(code)
    pair = Pair(id="t", source=source, target=target, source_lang=src, target_lang=tgt, **pair_kw)
    cfg = Config(options={code: options} if options else {})
    flags = check_pair(pair, [chk], cfg, prev=prev, next=next)
    for f in flags:
        assert_exact(pair, f)
    return flags


def assert_exact(pair: Pair, flag) -> None:
    for sp in flag.spans:
        text = pair.text(sp.side)
        assert 0 <= sp.start <= sp.end <= len(text), (flag, sp)


def texts(flags, side: str = "target", pair_text: str | None = None):
    """The primary-span texts of flags on ``side`` (needs the side's text)."""
    out = []
    for f in flags:
        for sp in f.spans:
            if sp.side == side:
                out.append(pair_text[sp.start:sp.end])
                break
    return out


def spans(flags, side: str = "target"):
    """[(start, end)] of the first span on ``side`` of each flag."""
    out = []
    for f in flags:
        for sp in f.spans:
            if sp.side == side:
                out.append((sp.start, sp.end))
                break
    return out


def neighbour(source: str, target: str, src: str = "en", tgt: str = "es") -> Pair:
    return Pair(id="n", source=source, target=target, source_lang=src, target_lang=tgt)
