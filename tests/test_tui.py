"""The review app driven by Pilot: navigation, filters, search, decisions that persist, editing, undo."""
from __future__ import annotations

import json
import os

from textual.widgets import Input, Static, TextArea
from tui_pilot import CONFIG, FIXTURE, aio, corpus, make, ready  # noqa: F401 (corpus: a fixture)

from audit.cli import main as cli_main
from audit.core.model import Severity
from audit.store.decisions import DecisionStore
from tui.app import create_app
from tui.messages import AuditFinished, SegmentsAdded
from tui.widgets.segment_list import SegmentList


def pane_text(app, side: str) -> str:
    return str(app.screen.query_one(f"#{side}", Static).render())


@aio
async def test_streams_results_and_posts_messages(corpus):
    seen = []
    app = make(corpus)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await ready(app, pilot)
        assert any(isinstance(m, SegmentsAdded) for m in seen)
        finished = [m for m in seen if isinstance(m, AuditFinished)]
        assert len(finished) == 1 and len(finished[0].result.segments) == 12
        assert app.state.summary()["flagged"] == 7
        assert os.path.exists(corpus + ".transaudit.db")


@aio
async def test_navigation_keys(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.state.current_index() == 0
        await pilot.press("n")
        assert app.state.current_index() == 1  # a2: empty target
        await pilot.press("n", "n")
        assert app.state.current_index() == 4  # a5 (a3 is clean)
        await pilot.press("p")
        assert app.state.current_index() == 3
        await pilot.press("j", "j")
        assert app.state.current_index() == 5
        await pilot.press("k")
        assert app.state.current_index() == 4
        await pilot.press("g")
        await pilot.press(*"11", "enter")
        assert app.state.current_index() == 10
        await pilot.press("end")
        assert app.state.current_index() == 11
        await pilot.press("home")
        assert app.state.current_index() == 0
        # the header says where we are
        await pilot.press("n")
        assert "id a2 #2/12" in str(app.screen.query_one("#summary", Static).render())
        await pilot.press("1", "2", "enter")  # a digit opens 'go to' with that digit in
        assert app.state.current_index() == 11


@aio
async def test_search_and_mouse(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"s:apple", "enter")
        assert app.state.current_index() == 6
        await pilot.press("slash")
        await pilot.press(*"harina", "enter")
        assert app.state.current_index() == 9
        await pilot.press("f3")  # the only match: stays
        assert app.state.current_index() == 9
        await pilot.click(SegmentList, offset=(5, 2))  # third row
        await pilot.pause()
        assert app.state.current_index() == 2


@aio
async def test_filters_and_sort(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("s", "s")  # severity >= major
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a2", "a5", "a6", "a11"]
        await pilot.press("s")  # critical
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a2", "a11"]
        await pilot.press("x")
        assert len(app.state.visible) == 12
        await pilot.press("f")
        await pilot.press(*"code:WSP", "enter")
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a1", "a4", "a9"]
        await pilot.press("f")
        app.screen.query_one(Input).value = "cat:fluency/character-encoding"
        await pilot.press("enter")
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a5", "a6"]
        await pilot.press("f")
        app.screen.query_one(Input).value = "status:nonsense"
        await pilot.press("enter")  # an error notification, filters unchanged
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a5", "a6"]
        await pilot.press("x", "o")
        assert app.state.sort == "score"
        assert app.state.segments[app.state.visible[0]].scores["quality"] == 0.0


@aio
async def test_dismiss_persists_across_restart_and_check_leaves_it_out(corpus, capsys):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")  # a2, EMP002
        flag = app.state.current_flag()
        assert flag.code == "EMP002"
        await pilot.press("d")
        assert app.store.flag_status(flag.fingerprint).status == "dismissed"
        assert app.state.row(1).live == 0
        await pilot.press("q")
    db = corpus + ".transaudit.db"
    app2 = make(corpus)
    async with app2.run_test(size=(120, 40)) as pilot:
        await ready(app2, pilot)
        assert app2.state.flag_status(app2.state.segments[1].flags[0]) == "dismissed"
        assert app2.state.summary()["dismissed"] == 1
        await pilot.press("n")  # a2 has no live flag now: next flagged is a4
        assert app2.state.segments[app2.state.current_index()].pair.id == "a4"
    capsys.readouterr()
    code = cli_main(["check", corpus, "-s", "en", "-t", "es", "--select", "EMP,WSP,ENC", "-j", "1",
                     "--decisions", db, "-F", "json"])
    out = capsys.readouterr()
    assert code == 0
    data = json.loads(out.out)
    a2 = [s for s in data["segments"] if s["id"] == "a2"][0]
    assert a2["flags"] == []
    a11 = [s for s in data["segments"] if s["id"] == "a11"][0]
    assert [f["code"] for f in a11["flags"]] == ["EMP002"]  # only the dismissed one is left out
    assert "1 dismissed flag(s) left out" in out.err
    assert data["summary"]["scores"]["dismissed"] == 1


@aio
async def test_confirm_note_approve_undo(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n", "n", "n")  # a5: control character
        flag = app.state.current_flag()
        assert flag.code == "ENC003"
        await pilot.press("c")
        assert app.store.flag_status(flag.fingerprint).status == "confirmed"
        await pilot.press("m")
        await pilot.press(*"real escape", "enter")
        d = app.store.flag_status(flag.fingerprint)
        assert d.status == "confirmed" and d.note == "real escape"
        await pilot.press("a")
        assert app.state.row(4).approved
        await pilot.press("u")
        assert not app.state.row(4).approved
        await pilot.press("u")
        assert app.store.flag_status(flag.fingerprint).note is None
        await pilot.press("u")
        assert app.store.flag_status(flag.fingerprint) is None
        await pilot.press("u")  # nothing left: a notification, no error
        assert app.store.history_size() == 0


@aio
async def test_edit_target_reaudits_and_persists(corpus, tmp_path):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n")  # a2: empty target
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Traiga su billete a la recepción."
        await pilot.press("ctrl+s")
        await pilot.pause()
        idx = app.state.current_index()
        assert app.state.segments[idx].pair.target == "Traiga su billete a la recepción."
        assert app.state.segments[idx].flags == ()  # checked again: no longer empty
        assert app.state.row(idx).edited
        assert "post-edited" in pane_text(app, "target")
        out = str(tmp_path / "edited.jsonl")
        app.write_edited_to(out)
        await pilot.press("q")
    lines = [json.loads(x) for x in open(out, encoding="utf-8")]
    assert lines[1]["target"] == "Traiga su billete a la recepción." and lines[0]["target"].startswith("La biblioteca")
    # reopened: the post-edit is audited in place of the original
    app2 = make(corpus)
    async with app2.run_test(size=(120, 40)) as pilot:
        await ready(app2, pilot)
        assert app2.state.segments[1].pair.target == "Traiga su billete a la recepción."
        assert app2.state.originals[1].target == ""
        assert app2.state.row(1).edited and app2.state.row(1).live == 0
        await pilot.press("j", "u")  # undo the edit (made in the previous session)
        assert app2.state.segments[1].pair.target == ""
        assert [f.code for f in app2.state.segments[1].flags] == ["EMP002"]


@aio
async def test_untrusted_text_is_shown_not_interpreted(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("g", "5", "enter")
        tgt = pane_text(app, "target")
        assert "[bold]Aviso:[/bold]" in tgt and "[link=http://example.test]sitio[/link]" in tgt
        assert "\x1b" not in tgt and "␛[31m" in tgt
        await pilot.press("g", "6", "enter")
        tgt = pane_text(app, "target")
        assert "\u202e" not in tgt and "<U+202E>" in tgt


@aio
async def test_hostile_ids_languages_and_file_names_are_shown_not_interpreted(tmp_path):
    """Every field is text: a segment id, a language code and a file name carrying a title change
    (OSC 0), a screen clear and tag characters reach the screen visibly, never raw."""
    evil = "\x1b]0;owned\x07\x1b[2J" + "".join(chr(0xE0000 + ord(c)) for c in "hi")
    path = tmp_path / ("in" + evil + ".jsonl")
    path.write_text(json.dumps({"id": "s" + evil, "source": "Hello  world.", "target": "Hola  mundo.",
                                "source_lang": "en", "target_lang": "es" + evil}) + "\n", encoding="utf-8")
    app = create_app([str(path)], config=CONFIG, jobs=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        shown = [app.title_text, app.langs, pane_text(app, "target"), str(app.screen.query_one(SegmentList).render())]
        for text in shown:
            assert "\x1b" not in text and "\x07" not in text and "\U000E0068" not in text, text
        assert "␛]0;owned␇" in app.title_text and "<U+E0068>" in app.langs


@aio
async def test_exports_from_the_app(corpus, tmp_path):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("n", "d")
        app.export_decisions_to("csv", str(tmp_path / "d.csv"))
        app.export_decisions_to("json", str(tmp_path / "d.json"))
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert [d["status"] for d in data["decisions"]] == ["dismissed"]
    assert "dismissed" in (tmp_path / "d.csv").read_text(encoding="utf-8")


@aio
async def test_command_palette_filters(corpus):
    from tui.app import ReviewCommands

    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        provider = ReviewCommands(app.screen)
        cmds = {name: cb for name, cb, _ in provider._commands()}
        assert "Filter: check EMP002" in cmds and "Export: decisions as CSV…" in cmds
        cmds["Filter: check EMP002"]()
        await pilot.pause()
        assert [app.state.segments[i].pair.id for i in app.state.visible] == ["a2", "a11"]
        cmds["Filter: category fluency/typography"]()
        await pilot.pause()
        assert app.state.filters.categories == frozenset({"fluency/typography"})


@aio
async def test_help_screen(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ReviewScreen"


def test_review_command_reports_bad_input_in_one_line(tmp_path, capsys):
    assert cli_main(["review", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"source": "a", "target": "b"}\n', encoding="utf-8")
    notdb = tmp_path / "x.db"
    notdb.write_text("not a database " * 100, encoding="utf-8")
    assert cli_main(["review", str(bad), "--db", str(notdb)]) == 2
    assert "decisions database" in capsys.readouterr().err


def test_export_decisions_command(corpus, tmp_path, capsys):
    from audit.inputs import open_input

    db = str(tmp_path / "d.db")
    with DecisionStore(db) as st:
        pair = list(open_input([corpus]))[1]
        st.set_post_edit(pair, "Traiga su billete.")
    out = str(tmp_path / "d.csv")
    edited = str(tmp_path / "e.jsonl")
    assert cli_main(["export-decisions", db, "-o", out, "--edited", edited, "--input", corpus]) == 0
    assert "Traiga su billete." in open(out, encoding="utf-8").read()
    assert json.loads(open(edited, encoding="utf-8").readlines()[1])["target"] == "Traiga su billete."
    capsys.readouterr()
    assert cli_main(["export-decisions", str(tmp_path / "none.db")]) == 2
    assert cli_main(["export-decisions", db, "--edited", edited]) == 2


@aio
async def test_keys_move_the_cursor_in_a_long_list(tmp_path):
    """With more rows than the screen, arrows, pages, Home/End move the cursor (not just the scroll)."""
    path = tmp_path / "long.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(500):
            target = "" if i % 50 == 49 else f"Frase número {i + 1}."
            fh.write(json.dumps({"id": f"r{i + 1}", "source": f"Sentence number {i + 1}.", "target": target},
                                ensure_ascii=False) + "\n")
    app = create_app([str(path)], source_lang="en", target_lang="es", config=CONFIG, jobs=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "down")
        assert app.state.current_index() == 2
        await pilot.press("up")
        assert app.state.current_index() == 1
        await pilot.press("pagedown")
        assert app.state.current_index() > 3
        await pilot.press("end")
        assert app.state.current_index() == 499
        lst = app.screen.query_one(SegmentList)
        assert lst.scroll_offset.y > 400  # the cursor row is on screen
        await pilot.press("home")
        assert app.state.current_index() == 0 and lst.scroll_offset.y == 0
        await pilot.press("n")
        assert app.state.current_index() == 49
        await pilot.press("n")
        assert app.state.current_index() == 99
        await pilot.press("g", "4", "5", "0", "enter")
        assert app.state.current_index() == 449
        assert lst.scroll_offset.y <= 449 < lst.scroll_offset.y + lst.scrollable_content_region.height


@aio
async def test_reference_pane_and_metrics(tmp_path):
    path = tmp_path / "ref.jsonl"
    path.write_text('{"source": "The cat sleeps.", "target": "El gato duerme.", "reference": "El gato está durmiendo."}\n'
                    '{"source": "Good morning.", "target": "Buenos  días.", "reference": "Buenos días."}\n',
                    encoding="utf-8")
    app = create_app([str(path)], source_lang="en", target_lang="es", config=CONFIG, jobs=1)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        ref = pane_text(app, "reference")
        assert "El gato está durmiendo." in ref and "chrF" in ref
        assert app.screen.query_one("#pair").has_class("with-reference")
        assert "BLEU" in str(app.screen.query_one("#summary", Static).render())


@aio
async def test_dismiss_all_of_a_check_and_undo_at_once(corpus):
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert app.state.current_flag().code == "WSP003"  # a1: doubled space
        await pilot.press("D")
        wsp = [f for s in app.state.segments for f in s.flags if f.code == "WSP003"]
        assert len(wsp) == 3 and all(app.state.flag_status(f) == "dismissed" for f in wsp)
        assert app.state.summary()["by_severity"][Severity.MINOR] == 0
        assert app.corpus_scores["quality"] > 13.7
        from audit.scores import penalty as scoring
        full = scoring.finalize(app.result, app.config, dismissed=app.store.dismissed()).scores
        for key in ("quality", "penalty", "pass_rate", "clean_rate", "words"):
            assert app.corpus_scores[key] == full[key], key  # incremental = recomputed from scratch
        await pilot.press("u")
        assert all(app.state.flag_status(f) is None for f in wsp)
        assert app.state.summary()["by_severity"][Severity.MINOR] == 3
        assert app.corpus_scores["quality"] == 13.7


@aio
async def test_footer_hides_keys_during_a_prompt_and_shows_them_again(corpus):
    from tui.widgets.footer import ReviewFooter

    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        footer = app.screen.query_one(ReviewFooter)

        def shown():
            return [c.key for c in footer.children if c.display]

        full = shown()
        assert full[:3] == ["n", "slash", "c"] and "q" in full
        mounted = list(footer.children)
        await pilot.press("g")
        await pilot.pause()
        assert shown() == [e[0] for e in footer.wanted()]  # what the stock footer would compose
        assert "n" not in shown() and "slash" in shown()  # the Input takes the one-letter keys
        assert list(footer.children) == mounted  # hidden, not rebuilt
        await pilot.press("escape")
        await pilot.pause()
        assert shown() == full
        assert [footer._entry(c) for c in footer.children] == footer.wanted()


def _flags_of(app):
    return [(s.pair.id, s.pair.target, [(f.code, f.fingerprint, f.spans, f.message) for f in s.flags],
             s.scores.get("quality")) for s in app.state.segments]


@aio
async def test_reopen_comes_from_the_audit_cache_and_equals_the_audit(corpus, tmp_path, monkeypatch):
    """A file seen before reopens from the cache (no audit runs) with the same flags, scores and
    originals; a dismissal made since is scored, a post-edit made since audits again."""
    from audit.pipeline import Audit

    monkeypatch.setenv("TRANSAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    app = make(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        first, first_scores = _flags_of(app), dict(app.corpus_scores)
        await pilot.press("n", "d")  # a2's flag dismissed after the audit was kept
        await pilot.press("q")
    assert len(os.listdir(tmp_path / "cache" / "audits")) == 1
    runs = []
    real_events = Audit.events
    monkeypatch.setattr(Audit, "events", lambda self, *a, **k: runs.append(1) or real_events(self, *a, **k))
    app2 = make(corpus)
    async with app2.run_test(size=(120, 40)) as pilot:
        await ready(app2, pilot)
        assert runs == []  # from the cache
        assert _flags_of(app2) == first
        assert app2.state.summary()["dismissed"] == 1 and app2.state.row(1).live == 0
        assert app2.corpus_scores != first_scores  # the dismissal counts
        await pilot.press("u")  # undo the dismissal: the scores of the first audit again
        assert app2.corpus_scores == first_scores
        await pilot.press("n", "e")
        await pilot.pause()
        app2.screen.query_one(TextArea).text = "Traiga su billete a la recepción."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("q")
    app3 = make(corpus)  # a post-edit changes the key: audited again, the original kept
    async with app3.run_test(size=(120, 40)) as pilot:
        await ready(app3, pilot)
        assert runs == [1]
        assert app3.state.segments[1].pair.target == "Traiga su billete a la recepción."
        assert app3.state.originals[1].target == ""
    app4 = make(corpus)  # and that audit is kept in turn, with its originals
    async with app4.run_test(size=(120, 40)) as pilot:
        await ready(app4, pilot)
        assert runs == [1]
        assert app4.state.originals[1].target == "" and app4.state.row(1).edited
        assert _flags_of(app4) == _flags_of(app3)
    with open(corpus, "a", encoding="utf-8") as fh:  # the input changes: audited again
        fh.write(json.dumps({"id": "z1", "source": "One more.", "target": "Uno  más."}) + "\n")
    app5 = make(corpus)
    async with app5.run_test(size=(120, 40)) as pilot:
        await ready(app5, pilot)
        assert runs == [1, 1] and app5.state.segments[-1].pair.id == "z1"
