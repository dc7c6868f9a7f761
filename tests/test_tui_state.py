"""The review app's pure logic (tui/state/, tui/render.py), without a terminal."""
from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from audit.store.decisions import FlagDecision, SegmentDecision, segment_key
from audit.core.model import Flag, Pair, PairResult, Severity, Span, fingerprint
from tui.render import INSERT_MARK, first_words, flag_line, is_rtl, side_text
from tui.state import Filters, ReviewState, parse_filters

CAT = {"NUM001": "accuracy/mistranslation", "PUN002": "fluency/punctuation", "EMP002": "accuracy/omission"}


def seg(i: int, source: str, target: str, flags=(), quality=None) -> PairResult:
    pair = Pair(str(i + 1), source, target, source_lang="en", target_lang="es", index=i)
    out = []
    for code, sev, start, end in flags:
        spans = (Span("target", start, end),)
        out.append(Flag(pair.id, code, code.lower(), Severity.parse(sev), CAT[code], f"{code} here", spans,
                        fingerprint(code, pair, spans)))
    return PairResult(pair, tuple(out), {"quality": quality} if quality is not None else {})


def corpus():
    return [
        seg(0, "One apple.", "Una manzana.", quality=100.0),
        seg(1, "Two pears.", "Tres peras.", [("NUM001", "major", 0, 4)], quality=60.0),
        seg(2, "Hello!", "Hola", [("PUN002", "minor", 4, 4)], quality=80.0),
        seg(3, "Red car.", "Coche rojo.", quality=100.0),
        seg(4, "Five cats.", "", [("EMP002", "critical", 0, 0)], quality=0.0),
        seg(5, "Blue sky.", "Cielo azul.", quality=100.0),
    ]


def test_parse_filters():
    f = parse_filters("sev:major code:num,PUN002 cat:accuracy status:open")
    assert f == Filters(Severity.MAJOR, frozenset({"NUM", "PUN002"}), frozenset({"accuracy"}), "open")
    assert parse_filters("critical NUM001 fluency/punctuation dismissed") == Filters(
        Severity.CRITICAL, frozenset({"NUM001"}), frozenset({"fluency/punctuation"}), "dismissed")
    assert parse_filters("") == Filters()
    for bad in ("status:later", "sev:huge", "colour:red", "sev:minor,major"):
        with pytest.raises(ValueError):
            parse_filters(bad)


def test_next_and_previous_flagged():
    st = ReviewState(corpus())
    assert st.current_index() == 0
    assert st.next_flagged(1) and st.current_index() == 1
    assert st.next_flagged(1) and st.current_index() == 2
    assert st.next_flagged(1) and st.current_index() == 4
    assert not st.next_flagged(1) and st.current_index() == 4
    assert st.next_flagged(-1) and st.current_index() == 2
    st.move(10)
    assert st.current_index() == 5
    st.move(-100)
    assert st.current_index() == 0


def test_filters_by_severity_code_category():
    st = ReviewState(corpus())
    st.set_filters(Filters(min_severity=Severity.MAJOR))
    assert st.visible == [1, 4]
    st.set_filters(Filters(codes=frozenset({"PUN"})))
    assert st.visible == [2]
    st.set_filters(Filters(categories=frozenset({"accuracy"})))
    assert st.visible == [1, 4]
    st.set_filters(Filters(categories=frozenset({"accuracy/omission"})))
    assert st.visible == [4]
    st.set_filters(Filters(status="clean"))
    assert st.visible == [0, 3, 5]
    st.set_filters(Filters())
    assert st.visible == list(range(6))


def test_cursor_stays_on_segment_when_filter_changes():
    st = ReviewState(corpus())
    st.move_to(4)
    st.set_filters(Filters(status="flagged"))
    assert st.current_index() == 4 and st.visible == [1, 2, 4]
    st.set_filters(Filters())
    assert st.current_index() == 4
    st.move_to(3)  # not flagged: the cursor lands on the next one that is
    st.set_filters(Filters(status="flagged"))
    assert st.current_index() == 4


def test_sort_by_score_worst_first():
    st = ReviewState(corpus())
    st.move_to(2)
    st.set_sort("score")
    assert st.visible[:3] == [4, 1, 2]
    assert st.current_index() == 2
    st.set_sort("position")
    assert st.visible == list(range(6)) and st.current_index() == 2
    with pytest.raises(ValueError):
        st.set_sort("random")


def test_goto_number_clears_hiding_filters():
    st = ReviewState(corpus())
    st.set_filters(Filters(status="flagged"))
    assert st.goto_number(4)  # segment 4 (index 3) is clean: filters are cleared
    assert st.current_index() == 3 and not st.filters.active()
    assert st.goto_number(2) and st.current_index() == 1
    assert not st.goto_number(0) and not st.goto_number(99)


def test_search_source_target_and_wrap():
    st = ReviewState(corpus())
    assert st.search("PERAS", "target") and st.current_index() == 1
    assert not st.search("peras", "source")
    assert st.search("cat", "source") and st.current_index() == 4
    assert st.search("apple", "both") and st.current_index() == 0  # wraps around
    assert st.search("sky", "both", direction=-1) and st.current_index() == 5
    assert not st.search("", "both")


def test_decisions_change_rows_and_totals():
    segs = corpus()
    decisions: dict[str, FlagDecision] = {}
    seg_decisions: dict[str, SegmentDecision] = {}
    st = ReviewState(segs, flag_decisions=decisions, segment_decisions=seg_decisions,
                     rescore=lambda s: 100.0 if not s.flags else 50.0)
    before = st.summary()
    assert before["flagged"] == 3 and before["by_severity"][Severity.CRITICAL] == 1
    fp = segs[4].flags[0].fingerprint
    decisions[fp] = FlagDecision(fp, "dismissed")
    st.invalidate(st.indices_of_flag(fp))
    after = st.summary()
    assert after["flagged"] == 2 and after["dismissed"] == 1 and after["by_severity"][Severity.CRITICAL] == 0
    row = st.row(4)
    assert row.worst is None and row.live == 0 and row.dismissed == 1 and row.score == 100.0
    st.set_filters(Filters(status="dismissed"))
    assert st.visible == [4]
    st.set_filters(Filters(status="open"))
    assert st.visible == [1, 2]
    fp1 = segs[1].flags[0].fingerprint
    decisions[fp1] = FlagDecision(fp1, "confirmed")
    st.invalidate([1])
    st.set_filters(Filters(status="confirmed"))
    assert st.visible == [1]
    key = segment_key(segs[3].pair)
    seg_decisions[key] = SegmentDecision(key, approved=True)
    st.invalidate(st.indices_of_key(key))
    st.set_filters(Filters(status="approved"))
    assert st.visible == [3]
    assert st.summary()["approved"] == 1


def test_streaming_add_respects_filters():
    segs = corpus()
    st = ReviewState()
    st.set_filters(Filters(status="flagged"))
    st.add(segs[:3])
    assert st.visible == [1, 2]
    st.add(segs[3:])
    assert st.visible == [1, 2, 4]
    assert st.summary()["segments"] == 6


def test_replace_segment_after_post_edit():
    segs = corpus()
    st = ReviewState(segs)
    fixed = seg(1, "Two pears.", "Dos peras.", quality=100.0)
    st.replace_segment(1, fixed)
    assert st.row(1).live == 0 and st.summary()["flagged"] == 2
    assert st.indices_of_flag(segs[1].flags[0].fingerprint) == []


# -- rendering ------------------------------------------------------------------------------------------

def _styled(text: Text) -> list[tuple[str, str]]:
    return [(text.plain[s.start:s.end], str(s.style)) for s in text.spans]


def _flag(pair, code, side, start, end, sev="major", related=()):
    spans = (Span(side, start, end),) + tuple(Span(s, a, b) for s, a, b in related)
    return Flag(pair.id, code, code, Severity.parse(sev), CAT.get(code, "other"), "m", spans,
                fingerprint(code, pair, spans))


def test_side_text_places_spans_through_the_visible_map():
    # a control character before the span makes display offsets differ from string offsets
    target = "a\x1bb [bold]dos[/bold] peras"
    pair = Pair("1", "two pears", target)
    f = _flag(pair, "NUM001", "target", target.index("dos"), target.index("dos") + 3, related=[("source", 0, 3)])
    t = side_text(target, "target", [(f, None)])
    assert t.plain == "a␛b [bold]dos[/bold] peras"  # markup shown as typed, escape made visible
    assert [s for s, _ in _styled(t)] == ["dos"]
    s = side_text("two pears", "source", [(f, None)])
    assert _styled(s)[0][0] == "two" and "underline" in _styled(s)[0][1]


def test_side_text_bidi_override_and_cjk():
    target = "总额\u202e是\u202c 100 元"
    pair = Pair("1", "total 100", target)
    f = _flag(pair, "NUM001", "target", target.index("100"), target.index("100") + 3)
    t = side_text(target, "target", [(f, None)])
    assert "\u202e" not in t.plain and "<U+202E>" in t.plain
    assert _styled(t)[0][0] == "100"
    # wide characters take two cells: nothing is padded with len()
    assert Text("总额").cell_len == 4


def test_side_text_dismissed_selected_and_insertion_point():
    target = "Hola"
    pair = Pair("1", "Hello!", target)
    ins = _flag(pair, "PUN002", "target", 4, 4, sev="minor")
    t = side_text(target, "target", [(ins, None)])
    assert t.plain == "Hola" + INSERT_MARK and _styled(t)[0][0] == INSERT_MARK
    big = _flag(pair, "NUM001", "target", 0, 4)
    t = side_text(target, "target", [(big, "dismissed")])
    assert "strike" in _styled(t)[0][1]
    t = side_text(target, "target", [(big, None)], selected=big)
    assert "reverse" in _styled(t)[-1][1]


def test_rtl_and_first_words_and_flag_line():
    assert is_rtl("مرحبا بالعالم") and is_rtl("שלום") and not is_rtl("hello") and not is_rtl("123 abc")
    assert is_rtl("123 مرحبا")
    assert first_words("  a\tb\n c [link=x]y[/link]  ") == "a b c [link=x]y[/link]"
    pair = Pair("1", "x", "esto [b]es[/b]")
    f = _flag(pair, "NUM001", "target", 5, 8)
    line = flag_line(f, "dismissed", "a [red]note[/red]", pair.target)
    assert "[b]" in line.plain and "a [red]note[/red]" in line.plain and "[dismissed]" in line.plain
    console = Console(width=200, color_system=None, record=True)
    console.print(line)
    assert "[red]note[/red]" in console.export_text()


def test_editor_text_has_no_terminal_controls():
    from tui.screens.dialogs import editable

    assert editable("a\x1b[31mb\u202ec\nd\te\u200b") == ("a[31mbc\nd\te", 3)
    assert editable("नमस्ते दुनिया") == ("नमस्ते दुनिया", 0)  # combining marks are not controls
    assert editable("مرحبا") == ("مرحبا", 0)


from hypothesis import given, settings, strategies as st_


def _brute_search(state, q, side, direction):
    q = q.casefold()
    vis = state.visible
    n = len(vis)
    for step in range(1, n + 1):
        pos = (state.cursor + direction * step) % n
        p = state.segments[vis[pos]].pair
        if (side in ("source", "both") and q in p.source.casefold()) or \
                (side in ("target", "both") and q in (p.target or "").casefold()):
            return vis[pos]
    return None


@settings(max_examples=150, deadline=None)
@given(texts=st_.lists(st_.tuples(st_.text("abAB ç", max_size=6), st_.text("abAB ç", max_size=6)), min_size=1,
                       max_size=12),
       q=st_.text("abAB ç", min_size=1, max_size=2), cursor=st_.integers(0, 11),
       side=st_.sampled_from(["source", "target", "both"]), direction=st_.sampled_from([1, -1]),
       flagged_only=st_.booleans())
def test_search_matches_a_plain_scan(texts, q, cursor, side, direction, flagged_only):
    segs = [seg(i, s, t, [("NUM001", "major", 0, 0)] if i % 3 == 0 else []) for i, (s, t) in enumerate(texts)]
    state = ReviewState(segs)
    if flagged_only:
        state.set_filters(Filters(status="flagged"))
    state.move_to(min(cursor, len(state.visible) - 1))
    expected = _brute_search(state, q, side, direction)
    found = state.search(q, side, direction)
    assert found == (expected is not None)
    if found:
        assert state.current_index() == expected


def test_search_sees_post_edits():
    segs = corpus()
    st = ReviewState(segs)
    assert not st.search("dos peras", "target")
    st.replace_segment(1, seg(1, "Two pears.", "Dos peras.", quality=100.0))
    assert st.search("dos peras", "target") and st.current_index() == 1


def test_search_index_built_elsewhere_is_installed_only_if_current():
    st = ReviewState(corpus())
    data = st.search_index_data()
    assert st.install_search_index(data)
    assert st.search("peras", "target") and st.current_index() == 1
    stale = st.search_index_data()
    st.replace_segment(3, seg(3, "Red car.", "Coche azul.", quality=100.0))
    assert not st.install_search_index(stale)
    assert st.search("azul", "target") and st.current_index() == 3


# -- filter indexes ---------------------------------------------------------------------------------------

_FLAG = st_.tuples(st_.sampled_from(sorted(CAT)), st_.sampled_from(["minor", "major", "critical"]),
                   st_.integers(0, 2))


@settings(max_examples=200, deadline=None)
@given(flags=st_.lists(st_.lists(_FLAG, max_size=3), min_size=1, max_size=14),
       decided=st_.lists(st_.tuples(st_.integers(0, 40), st_.sampled_from(["confirmed", "dismissed"])), max_size=8),
       approved=st_.lists(st_.integers(0, 13), max_size=4), edited=st_.lists(st_.integers(0, 13), max_size=2),
       reaudit=st_.lists(st_.tuples(st_.integers(0, 13), st_.lists(_FLAG, max_size=2)), max_size=3),
       chunk=st_.integers(1, 14),
       sev=st_.sampled_from([None, *Severity]),
       codes=st_.sets(st_.sampled_from(["NUM", "NUM001", "PUN002", "EMP", "XYZ", "PUN00"]), max_size=2),
       cats=st_.sets(st_.sampled_from(["accuracy", "fluency", "accuracy/omission", "acc", "fluency/punctuation"]),
                     max_size=2),
       status=st_.sampled_from(["all", "open", "confirmed", "dismissed", "approved", "unapproved", "edited",
                                "flagged", "clean"]))
def test_indexed_filters_match_a_plain_scan(flags, decided, approved, edited, reaudit, chunk, sev, codes, cats,
                                            status):
    """The filter indexes (flagged segments, segments by code and category, the complements for 'clean'
    and 'unapproved') give what checking every segment gives, after streaming, decisions and re-audits."""
    segs = [seg(i, f"Source {i}.", f"Target {i}.", [(c, s, a, a + 1) for c, s, a in fl]) for i, fl in enumerate(flags)]
    fdec: dict[str, FlagDecision] = {}
    sdec: dict[str, SegmentDecision] = {}
    state = ReviewState(flag_decisions=fdec, segment_decisions=sdec)
    state.set_filters(Filters(sev, frozenset(codes), frozenset(cats), status))
    for start in range(0, len(segs), chunk):  # streamed: rows are filtered as they arrive
        state.add(segs[start:start + chunk])
    every = [f for s in segs for f in s.flags]
    for k, how in decided:
        if every:
            fp = every[k % len(every)].fingerprint
            fdec[fp] = FlagDecision(fp, how)
            state.invalidate(state.indices_of_flag(fp))
    for k in approved + edited:
        i = k % len(segs)
        key = segment_key(segs[i].pair)
        old = sdec.get(key, SegmentDecision(key))
        sdec[key] = SegmentDecision(key, approved=old.approved or k in approved,
                                    post_edit=old.post_edit if k in approved else "edited")
        state.invalidate(state.indices_of_key(key))
    for k, fl in reaudit:
        i = k % len(segs)
        state.replace_segment(i, seg(i, f"Source {i}.", f"New {i}.", [(c, s, a, a + 1) for c, s, a in fl]))
    f = state.filters
    state.refilter()
    assert state.visible == [i for i in range(len(segs)) if state._passes(i, f)]
    assert state.flagged_indices() == [i for i, s in enumerate(state.segments) if s.flags]
    for code in CAT:
        assert state.indices_of_code(code) == {i for i, s in enumerate(state.segments)
                                               if any(fl.code == code for fl in s.flags)}
        assert state.indices_of_category(CAT[code]) == {i for i, s in enumerate(state.segments)
                                                        if any(fl.category == CAT[code] for fl in s.flags)}
    state.replace_all(list(state.segments))  # the final results: indexes rebuilt
    assert state.visible == [i for i in range(len(segs)) if state._passes(i, f)]
    assert state.flagged_indices() == [i for i, s in enumerate(state.segments) if s.flags]


def test_clean_and_unapproved_are_the_corpus_minus_the_failing_segments():
    segs = corpus()
    fp = segs[4].flags[0].fingerprint
    key = segment_key(segs[3].pair)
    st = ReviewState(segs, flag_decisions={fp: FlagDecision(fp, "dismissed")},
                     segment_decisions={key: SegmentDecision(key, approved=True)})
    st.set_filters(Filters(status="clean"))
    assert st.visible == [0, 3, 4, 5]  # 4: its only flag is dismissed
    st.set_filters(Filters(status="unapproved"))
    assert st.visible == [0, 1, 2, 4, 5]
    st.set_filters(Filters(status="clean", codes=frozenset({"EMP"})))
    assert st.visible == [4]
    st.set_filters(Filters(codes=frozenset({"NUM", "PUN"}), categories=frozenset({"fluency"})))
    assert st.visible == [2]


@settings(max_examples=200, deadline=None)
@given(texts=st_.lists(st_.tuples(st_.text("abAB ç", max_size=6), st_.text("abAB ç", max_size=6)), min_size=1,
                       max_size=10),
       edits=st_.lists(st_.tuples(st_.integers(0, 9), st_.text("abAB çß", max_size=7)), min_size=1, max_size=4),
       q=st_.text("abAB ç", min_size=1, max_size=2), cursor=st_.integers(0, 9),
       direction=st_.sampled_from([1, -1]), installed=st_.booleans(), flagged_only=st_.booleans(),
       streamed=st_.integers(1, 10))
def test_search_texts_by_blocks_follow_streaming_and_post_edits(texts, edits, q, cursor, direction, installed,
                                                                  flagged_only, streamed):
    """The joined search texts (by blocks; 3 segments a block here) grow as segments stream in, and a
    re-audited segment's block is joined again: the blocks are what joining the corpus again gives, and
    searches find what a plain scan finds."""
    from tui.state import _Haystack

    block = _Haystack.BLOCK
    _Haystack.BLOCK = 3
    try:
        segs = [seg(i, s, t, [("NUM001", "major", 0, 0)] if i % 3 == 0 else []) for i, (s, t) in enumerate(texts)]
        state = ReviewState()
        state.add(segs[:streamed])
        if installed:
            assert state.install_search_index(state.search_index_data())
        else:
            state.search("zz", "both")  # joins both sides on the first search
        state.add(segs[streamed:])
        state.search("zz", "both")  # the blocks grow with the corpus
        for k, text in edits:
            i = k % len(segs)
            state.replace_segment(i, seg(i, segs[i].pair.source, text, segs[i].flags and [("NUM001", "major", 0, 0)]))
            for side in ("source", "target"):
                hs = state._hay[side]
                assert hs.edits == state._edits and hs.n == len(segs)  # kept current, not joined again
                assert hs.blocks == ReviewState(list(state.segments))._haystack(side).blocks
        if flagged_only:
            state.set_filters(Filters(status="flagged"))
        state.move_to(min(cursor, len(state.visible) - 1))
        for side in ("source", "target", "both"):
            expected = _brute_search(state, q, side, direction)
            before = state.cursor
            assert state.search(q, side, direction) == (expected is not None)
            if expected is not None:
                assert state.current_index() == expected
            state.move_to(before)
    finally:
        _Haystack.BLOCK = block
