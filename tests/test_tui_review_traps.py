"""Issue 14: the review app's traps, each driven through Pilot: previous search match, severity
colours and letters, the post-edit dialog, ids versus rows, 80x24, bulk decisions, the overview."""
from __future__ import annotations

from collections import Counter

import pytest
from rich.color import Color, ColorSystem
from textual import events
from textual.widgets import Static, TextArea
from tui_pilot import CONFIG, FIXTURE, aio, corpus, make, ready  # noqa: F401 (corpus: a fixture)

from audit.core.model import Flag, Pair, PairResult, Severity, Span
from tui.render import (
    NEUTRAL_COLOR,
    QUOTE_LIMIT,
    SEVERITY_BADGE,
    SEVERITY_COLOR,
    SEVERITY_MARK,
    flag_line,
    id_cell,
    quote,
)
from tui.screens.review import ReviewScreen, pass_share
from tui.state.overview import overview_lines
from tui.state.rows import Row
from tui.widgets.footer import ReviewFooter
from tui.widgets.segment_list import SegmentList


def header(app) -> str:
    return str(app.screen.query_one("#summary", Static).render())


def write_tsv(path, rows) -> str:
    path.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")
    return str(path)


# -- 1. previous match ------------------------------------------------------------------------------
@aio
async def test_previous_match_has_keys_that_reach_the_app(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"the", "enter")  # 'the' is in a1, a2, a3, a4, a5, a8, a9, a11, a12 (sources)
        first = app.state.current_index()
        await pilot.press("N")
        second = app.state.current_index()
        assert second > first
        await pilot.press("P")
        assert app.state.current_index() == first
        await pilot.press("f3")
        assert app.state.current_index() == second
        await pilot.press("shift+f3")
        assert app.state.current_index() == first
        await pilot.press("N")
        # tmux and xterm send Shift+F3 as ESC[1;2R, which Textual reads as a cursor position report
        app.post_message(events.CursorPosition(1, 0))
        await pilot.pause()
        await pilot.pause()
        assert app.state.current_index() == first
        await pilot.press("question_mark")
        text = str(app.screen.query_one("Markdown").source)
        assert "`N` / `P`" in text and "previous match" in text


# -- 2. severity colours and letters ----------------------------------------------------------------
def test_severity_colours_are_distinct_in_every_colour_system():
    colours = [*SEVERITY_COLOR.values(), NEUTRAL_COLOR]
    for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
        shown = [Color.parse(c).downgrade(system).get_truecolor() for c in colours]
        assert len(set(shown)) == len(colours), system
    # far apart in truecolor too (the old minor/major were #FD971F and #FF8700)
    rgb = [Color.parse(c).get_truecolor() for c in colours]
    for i, a in enumerate(rgb):
        for b in rgb[i + 1:]:
            assert sum(abs(x - y) for x, y in zip(a, b)) > 150
    assert sorted(SEVERITY_MARK.values()) == ["C", "M", "m"]


def _flag(sev: Severity, start: int, end: int, fingerprint: str = "fp") -> Flag:
    return Flag(pair_id="1", code="TST001", name="test", severity=sev, category="accuracy/mistranslation",
                message="test", spans=(Span("target", start, end),), fingerprint=fingerprint)


def test_flag_line_has_the_letter_and_quotes_end_with_an_ellipsis():
    long = "palabra " * 20
    line = flag_line(_flag(Severity.MAJOR, 0, len(long)), None, None, long)
    assert line.plain.startswith("M major")
    assert ("«" + long[:QUOTE_LIMIT] + "…»") in line.plain
    assert quote("short") == "short" and quote("a" * 61) == "a" * 60 + "…" and quote("a" * 60) == "a" * 60
    assert line.spans[0].style == SEVERITY_BADGE[Severity.MAJOR]


@aio
async def test_selected_row_keeps_its_severity_badge(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")  # a2: critical
        lst = app.screen.query_one(SegmentList)
        strip = lst._render_row(app.state.current_index(), True, 100)
        cursor_bg = lst.get_component_rich_style("segment-list--cursor").bgcolor
        mark = [seg for seg in strip if seg.text == "C"]
        assert mark, [s.text for s in strip]
        assert mark[0].style.bgcolor is not None and mark[0].style.bgcolor != cursor_bg
        assert mark[0].style.bgcolor.get_truecolor() == Color.parse(SEVERITY_COLOR[Severity.CRITICAL]).get_truecolor()


# -- 3. post-edit dialog ----------------------------------------------------------------------------
@aio
async def test_edit_opens_with_the_text_selected_and_ctrl_a_selects_all(corpus):
    app = make(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("g", *"a7", "enter")
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        target = "Nuestro jardín tiene tres manzanos viejos."
        assert area.selected_text == target
        await pilot.press(*"Hola")  # typing replaces the selection: no doubled sentence
        assert area.text == "Hola"
        await pilot.press("home", "ctrl+a")
        assert area.selected_text == "Hola"
        await pilot.press(*"Adiós")
        assert area.text == "Adiós"
        keys = str(app.screen.query_one("#edit-keys", Static).render())
        assert "Ctrl+A select all" in keys and "Ctrl+S save" in keys
        await pilot.press("escape")


@aio
async def test_edit_dialog_wraps_a_long_source(tmp_path):
    source = " ".join(f"word{i}" for i in range(60))  # ~420 characters
    path = write_tsv(tmp_path / "long.tsv", [(source, "Hola mundo.")])
    app = make(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        src = app.screen.query_one("#edit-source-text", Static)
        assert src.size.height >= 5 and src.size.width <= 80
        assert "word59" in str(src.render())


# -- 4. ids and rows ----------------------------------------------------------------------------------
@aio
async def test_goto_takes_the_id_shown_and_hash_takes_a_row(tmp_path):
    rows = [(f"Sentence {n}.", f"Frase {n}.") for n in range(1, 13)]
    rows[8] = ("Sentence 9.", "Frase  9.")  # a flag on id 10 (row #9)
    path = write_tsv(tmp_path / "ids.tsv", rows)
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.state.segments[0].pair.id == "2"  # a TSV's id is its line: row #1 has id 2
        lst = app.screen.query_one(SegmentList)
        assert "".join(s.text for s in lst._render_row(0, False, 60)).lstrip().startswith("2 ")
        await pilot.press("g", *"9", "enter")
        assert app.state.segments[app.state.current_index()].pair.id == "9"
        assert "id 9 #8/12" in header(app)
        await pilot.press("g", *"#9", "enter")
        assert app.state.current_index() == 8 and "id 10 #9/12" in header(app)
        await pilot.press("1", "0", "enter")  # a digit opens 'go to' with that digit: an id too
        assert app.state.segments[app.state.current_index()].pair.id == "10"
        await pilot.press("g", *"1", "enter")  # no id 1: row #1, and a notice says so
        assert app.state.current_index() == 0
        assert app.state.resolve_goto("1") == (0, "no id 1: row #1")
        assert app.state.resolve_goto("nope")[0] is None and app.state.resolve_goto("#99")[0] is None


def test_id_cell_is_visible_and_fits():
    assert id_cell("42", 4) == "  42"
    assert id_cell("x" * 20, 8) == "xxxxxxx…"
    assert "\x1b" not in id_cell("\x1b[2J", 8)
    assert id_cell("漢字漢字漢字", 6).endswith("…")


# -- 5. 80x24, the header's pass share -----------------------------------------------------------
@aio
async def test_help_fits_80x24_and_scrolls(corpus):
    app = make(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        region = scroll.region
        assert region.x >= 0 and region.right <= 80 and region.bottom <= 24
        assert scroll.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("home", "down", "down")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReviewScreen"


@aio
async def test_footer_keeps_its_key_hints_at_80_columns(corpus):
    app = make(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        footer = app.screen.query_one(ReviewFooter)
        keys = [c for c in footer.children if c.display]
        assert [c.key for c in keys] == ["n", "slash", "c", "d", "a", "e", "u", "question_mark", "q"]
        for c in keys:
            assert c.region.width == len(c.render().plain) and c.region.right <= 80, c.key


def test_pass_share_is_honest():
    assert pass_share(100_000, 448) == "99.5%"  # was 'pass 100%'
    assert pass_share(100_000, 1) == "99.9%"
    assert pass_share(100_000, 0) == "100%"
    assert pass_share(3, 1) == "66.6%"


@aio
async def test_header_no_major_share_follows_decisions(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        # a2, a5, a6, a11 have a major or critical flag: 8 of 12 segments pass
        assert "no major+ 66.6%" in header(app)
        await pilot.press("n", "d")  # a2's critical flag dismissed
        assert "no major+ 75.0%" in header(app)


# -- 6. bulk decisions ----------------------------------------------------------------------------
@aio
async def test_bulk_dismiss_is_one_transaction_announced_and_undone_at_once(tmp_path):
    rows = [(f"Sentence number {n}.", f"Frase  número {n}.") for n in range(1, 301)]
    rows += [("Same sentence.", "Misma  frase.")] * 20  # copies share their flag's fingerprint
    path = write_tsv(tmp_path / "bulk.tsv", rows)
    app = make(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        said = []
        original = app.screen.notify

        def notify(message, **kw):
            said.append(message)
            return original(message, **kw)
        app.screen.notify = notify
        statements = []
        app.store._db.set_trace_callback(statements.append)
        assert app.state.current_flag().code == "WSP003"
        history = app.store.history_size()
        await pilot.press("D")
        await pilot.pause()
        await pilot.pause()
        app.store._db.set_trace_callback(None)
        assert said[0] == "Dismissing 301 open WSP003 flag(s)…"
        assert said[-1].startswith("Dismissed 301 open WSP003 flag(s) in all segments")
        assert sum(1 for s in statements if s.startswith("BEGIN")) == 1
        assert app.store.history_size() == history + 1
        assert app.state.summary()["dismissed"] == 320 and app.state.summary()["flagged"] == 0
        assert app.store.dismissed() == frozenset(f.fingerprint for s in app.state.segments for f in s.flags)
        await pilot.press("u")
        assert app.state.summary()["dismissed"] == 0 and not app.store.dismissed()
        assert app.corpus_scores["dismissed"] == 0


def test_store_bulk_write_and_undo_round_trip(tmp_path):
    from audit.store.decisions import DecisionStore

    flags = [_flag(Severity.MINOR, 0, 1, f"fp{i}") for i in range(500)]
    with DecisionStore(str(tmp_path / "d.db")) as st:
        st.set_flag(flags[0], "confirmed", "kept")
        assert st.set_flags(flags, "dismissed") == 500
        assert len(st.dismissed()) == 500
        assert st.undo().kind == "flags"
        assert st.dismissed() == frozenset() and st.flag_status("fp0").note == "kept"
    with DecisionStore(str(tmp_path / "d.db")) as st:  # what the database holds, not only the cache
        assert set(st.flag_decisions()) == {"fp0"} and st.flag_status("fp0").status == "confirmed"


# -- 7. the corpus at a glance --------------------------------------------------------------------
@aio
async def test_overview_charts_follow_decisions_and_fit_80x24(corpus):
    app = make(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        segs = app.state.segments
        codes = Counter(f.code for s in segs for f in s.flags)
        lines = overview_lines(app.state)
        assert lines[0] == "Flags by check (not dismissed)"
        top_code, top_n = min(codes.items(), key=lambda kv: (-kv[1], kv[0]))
        assert lines[1].split()[0] == top_code and lines[1].split()[-1] == str(top_n)
        hist = lines[lines.index("Segments by quality score") + 1:]
        assert sum(int(line.split()[-1]) for line in hist) == len(segs)  # every segment in one band
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"
        box = app.screen.query_one("#overview-scroll")
        assert box.region.right <= 80 and box.region.bottom <= 24
        assert "Flags by check" in str(app.screen.query_one("#overview", Static).render())
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("n")  # the first flagged segment: dismiss its first flag
        first = app.state.current_flag()
        await pilot.press("d")
        after = {line.split()[0]: int(line.split()[-1]) for line in overview_lines(app.state)[1:]
                 if line.strip() and not line.startswith("Segments")}
        assert after.get(first.code, 0) == codes[first.code] - 1


def test_overview_sums_the_long_tail_in_one_line():
    class State:  # the surface of ReviewState that the overview reads
        def __init__(self, segments):
            self.segments = segments
            self.flag_decisions = {}

        def row(self, i):
            return Row(i, Severity.MINOR, 15, 15, 15, 0, 0, False, False, 90.0, frozenset(), frozenset(), (15, 0, 0))

    flags = tuple(Flag("1", f"X{n:02d}", "x", Severity.MINOR, "style", "m", (Span("target", 0, 1),), f"fp{n}")
                  for n in range(15))
    lines = overview_lines(State([PairResult(Pair("1", "a", "b"), flags)]), top=5)
    assert [line.split()[0] for line in lines[1:6]] == ["X00", "X01", "X02", "X03", "11"]
    assert lines[5].split()[-1] == "11"  # 11 codes of one flag each, summed
    assert lines[lines.index("Segments by quality score") + 1].split()[0] == "90–100"


# -- 8. every binding reaches its action ----------------------------------------------------------
def _bindings():
    """(key, action name, arguments) of every key the review screen binds, as `?` lists them."""
    from textual.actions import parse

    for b in ReviewScreen.BINDINGS:
        for key in b.key.split(","):
            _, name, args = parse(b.action)
            yield key.strip(), b.action.split("(")[0], name, args


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
@aio
async def test_every_binding_reaches_its_action_at_both_sizes(corpus, size):
    """Each key of each binding, pressed with the segment list focused, runs the action it is
    bound to, with its arguments (what each action then does is tested above and in test_tui)."""
    app = make(corpus)
    calls: list[tuple] = []
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        screen = app.screen
        for _, full, name, _ in _bindings():
            target = app if full.startswith("app.") else screen
            setattr(target, f"action_{name}", lambda *a, _n=name: calls.append((_n, a)))
        pressed = 0
        for key, _, name, args in _bindings():
            calls.clear()
            screen.query_one(SegmentList).focus()
            await pilot.press(key)
            await pilot.pause()
            assert calls == [(name, tuple(args))], (key, calls)
            pressed += 1
        assert pressed >= 45  # n, p, j, down, ..., the digits, Shift+F3 and F15, q
