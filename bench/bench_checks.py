"""Per-check cost: µs per pair of every pair-scope check, per NTREX language, warm, and the share of
pairs each check's cheap gate lets through.

"Warm" means steady state on a large corpus: every check first runs over other lines of the same
language (``--warm`` lines from line 1,000 on), so one-time loads (word lists, language-ID models)
and caches of common words are in place, but the measured sentences themselves were not seen.
The one-time load of each check (its first language) is printed separately as "cold ms".

"Through" is the share of pairs on which the check looked at the shared per-pair analysis
(``ctx.src`` / ``ctx.tgt`` / neighbours: tokens, scripts, numbers...) rather than returning
from a test on the raw text: a proxy for how often its cheap gate lets a pair through.

Usage: python bench/bench_checks.py [--pairs 300] [--langs spa,rus,...] [--select CODES]
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict

from common import NTREX_LANGS, have_data, ntrex_pairs


class _Watch:
    """A Context stand-in that forwards to the real one and notes when a check uses the per-pair
    analysis (anything of a view beyond its ``text`` and ``lang``)."""

    __slots__ = ("_ctx", "touched")
    _VIEWS = frozenset({"src", "tgt", "prev_tgt", "next_tgt"})

    def __init__(self, ctx):
        object.__setattr__(self, "_ctx", ctx)
        object.__setattr__(self, "touched", False)

    def __getattr__(self, name):
        value = getattr(self._ctx, name)
        if name in self._VIEWS and value is not None:
            return _ViewWatch(value, self)
        return value


class _ViewWatch:
    __slots__ = ("_view", "_watch")
    _CHEAP = frozenset({"text", "lang", "side"})

    def __init__(self, view, watch):
        object.__setattr__(self, "_view", view)
        object.__setattr__(self, "_watch", watch)

    def __getattr__(self, name):
        if name not in self._CHEAP:
            object.__setattr__(self._watch, "touched", True)
        return getattr(self._view, name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=300, help="measured pairs per language (lines 1..N)")
    ap.add_argument("--warm", type=int, default=300, help="warm-up pairs per language (from line 1,000)")
    ap.add_argument("--langs", default="", help="comma-separated NTREX names (default: all 18)")
    ap.add_argument("--select", default="", help="check selectors (default: all stable)")
    args = ap.parse_args()
    if not have_data():
        raise SystemExit("../shared/data/ntrex not found")
    from audit.core.config import Config
    from audit.checks.context import Context
    from audit.pipeline.engine import _blank_target, _Plan, resolve_checks

    cfg = Config(select=tuple(s for s in args.select.split(",") if s))
    checks = resolve_checks(cfg)
    plan = _Plan(checks)
    names = [n for n in args.langs.split(",") if n] or list(NTREX_LANGS)
    cost: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    through: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ran: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cold: dict[str, float] = defaultdict(float)
    clock = time.process_time  # CPU time: other processes on the machine do not count
    for name in names:
        every = ntrex_pairs(name)
        warm, measured = every[1000:1000 + args.warm], every[:args.pairs]
        for phase, pairs in (("warm", warm), ("measure", measured)):
            for i, p in enumerate(pairs):
                prev = pairs[i - 1] if i else None
                nxt = pairs[i + 1] if i + 1 < len(pairs) else None
                ctx = Context(p, prev, nxt, cfg.options)
                for c in plan.for_pair(p, _blank_target(p)):
                    w = _Watch(ctx)
                    t0 = clock()
                    r = c.fn(p, w)
                    if r:
                        list(r)
                    dt = clock() - t0
                    if phase == "warm":
                        if i == 0 and name == names[0]:
                            cold[c.code] += dt
                        continue
                    cost[c.code][name] += dt
                    ran[c.code][name] += 1
                    through[c.code][name] += w.touched
    total = {code: sum(v.values()) for code, v in cost.items()}
    n_all = sum(len(ntrex_pairs(n, args.pairs)) for n in names)
    print(f"µs per pair (warm), {args.pairs} pairs per language; 'thr' = share through the cheap gate")
    head = f"{'check':<7} {'all µs':>7} {'cold ms':>8} " + " ".join(f"{n[:6]:>11}" for n in names)
    print(head)
    for code in sorted(total, key=lambda c: -total[c]):
        cells = []
        for n in names:
            k = ran[code].get(n, 0)
            if not k:
                cells.append(f"{'-':>11}")
                continue
            us = 1e6 * cost[code][n] / k
            cells.append(f"{us:6.1f}/{100 * through[code][n] / k:3.0f}%")
        print(f"{code:<7} {1e6 * total[code] / n_all:7.1f} {1e3 * cold.get(code, 0.0):8.0f} " + " ".join(cells))
    per_pair = 1e6 * sum(total.values()) / n_all
    print(f"all checks: {per_pair:.0f} µs per pair per core (warm) = {1e6 / per_pair:,.0f} pairs/s/core")


if __name__ == "__main__":
    main()
