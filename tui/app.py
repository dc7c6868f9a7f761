"""The review app: ``create_app(...)`` is the one factory used by ``transaudit review`` and tests.

The audit runs in a background thread that only posts messages (``tui.messages``): segments
stream in by chunks and the screen is usable at once. Review decisions go to an
``audit.store.decisions.DecisionStore`` (SQLite), saved at once.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from textual import events, work
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from audit import export_decisions, write_edited
from audit.core.config import Config
from audit.core.display import safe
from audit.core.model import AuditResult, Pair, PairResult, Severity
from audit.pipeline import (
    Audit,
    Checked,
    Finished,
    Started,
    audit_key,
    keep_audit,
    load_audit,
    score_segment,
    tally_of,
)
from audit.store.decisions import (
    Change,
    Decisions,
    DecisionStore,
    default_db_path,
    segment_key,
)

from .messages import (
    AuditFailed,
    AuditFinished,
    AuditStarted,
    SearchIndexReady,
    SegmentsAdded,
)
from .scores import LiveScores, words_of
from .screens.review import ReviewScreen
from .state import STATUSES, ReviewState

BATCH = 1000  # results per message while streaming


class ReviewCommands(Provider):
    """Command palette: filters, jumps, exports (namespaced like Posting's)."""

    def _commands(self):
        app = self.app
        screen = app.review_screen
        if screen is None:
            return []
        state = app.state
        cmds = [
            ("Jump: next flagged segment", screen.action_next_flagged, "n"),
            ("Jump: previous flagged segment", screen.action_prev_flagged, "p"),
            ("Jump: go to segment number…", screen.action_goto, "g"),
            ("Jump: first segment", partial(screen.action_edge, 0), "Home"),
            ("Jump: last segment", partial(screen.action_edge, 1), "End"),
            ("Search: source and target…", screen.action_search, "/"),
            ("Filter: edit filters…", screen.action_filter, "f"),
            ("Filter: clear all filters", screen.action_clear_filters, "x"),
            ("Sort: by position", partial(self._sort, "position"), ""),
            ("Sort: by score (worst first)", partial(self._sort, "score"), ""),
            ("Review: undo last decision", screen.action_undo, "u"),
            ("Review: approve / unapprove segment", screen.action_approve, "a"),
            ("Review: edit target…", screen.action_edit, "e"),
            ("Review: dismiss every open flag of the selected check (shown segments)",
             partial(screen.action_decide_all, "dismissed"), "D"),
            ("Review: confirm every open flag of the selected check (shown segments)",
             partial(screen.action_decide_all, "confirmed"), "C"),
            ("Export: decisions as JSON…", partial(app.export_decisions_prompt, "json"), ""),
            ("Export: decisions as CSV…", partial(app.export_decisions_prompt, "csv"), ""),
            ("Export: edited translation…", app.write_edited_prompt, ""),
            ("Help: keys and commands", screen.action_help, "?"),
        ]
        for sev in Severity:
            cmds.append((f"Filter: severity {sev.label} or worse",
                         partial(self._filter, min_severity=sev), ""))
        for status in STATUSES:
            cmds.append((f"Filter: status {status}", partial(self._filter, status=status), ""))
        codes = sorted({c for i in range(len(state.segments)) for c in state.row(i).codes}) \
            if len(state.segments) <= 20000 else sorted(app.codes_seen)
        for code in codes:
            cmds.append((f"Filter: check {code}", partial(self._filter, codes=frozenset({code})), ""))
        for cat in sorted({c for code in codes for c in [app.category_of(code)] if c}):
            cmds.append((f"Filter: category {cat}", partial(self._filter, categories=frozenset({cat})), ""))
        return cmds

    def _filter(self, **kw) -> None:
        f = self.app.state.filters
        self.app.review_screen.set_filters(replace(f, **kw))

    def _sort(self, how: str) -> None:
        self.app.state.set_sort(how)
        self.app.review_screen.refresh_all()

    async def discover(self) -> Hits:
        for name, cb, key in self._commands():
            yield DiscoveryHit(name, cb, help=f"key: {key}" if key else None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, cb, key in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), cb, help=f"key: {key}" if key else None)


class ReviewApp(App):
    """Review an audit: navigate, filter, confirm/dismiss flags, approve and post-edit segments."""

    CSS_PATH = "app.tcss"
    TITLE = "transaudit review"
    COMMANDS = App.COMMANDS | {ReviewCommands}

    def __init__(self, inputs: Sequence[str] = (), *, input_format: str | None = None,
                 source_lang: str | None = None, target_lang: str | None = None, config: Config | None = None,
                 db_path: str | None = None, jobs: int | None = None, result: AuditResult | None = None,
                 originals: Sequence[Pair] | None = None, references: Sequence[str] | None = None,
                 metrics: Sequence[str] | None = None, align: bool = False, presegmented: bool = False) -> None:
        super().__init__()
        self.inputs = list(inputs)
        self.input_format = input_format
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.config = config or Config()
        self.jobs = jobs
        self.references = list(references or ())
        self.metrics = metrics
        self.align = align
        self.presegmented = presegmented
        self.preloaded = result
        self.preloaded_originals = originals
        self.db_path = db_path or (default_db_path(self.inputs) if self.inputs else ":memory:")
        self.store = DecisionStore(self.db_path, exclusive=True)
        self.state = ReviewState(flag_decisions=self.store.flag_decisions(),
                                 segment_decisions=self.store.segment_decisions(), rescore=self._rescore_segment)
        self.result: AuditResult | None = None
        self.corpus_scores: dict = {}
        self.live: LiveScores | None = None
        self._base_dismissed: frozenset[str] = frozenset()
        self.langs = ""
        self.codes_seen: set[str] = set()
        self._categories: dict[str, str] = {}
        self._audit: Audit | None = None
        self.review_screen: ReviewScreen | None = None
        names = [safe(os.path.basename(p)) for p in self.inputs]
        self.title_text = " + ".join(names) if names else "(in memory)"

    # -- lifecycle ---------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.review_screen = ReviewScreen()
        self.push_screen(self.review_screen)

    def on_cursor_position(self, event: events.CursorPosition) -> None:
        """Shift+F3 in tmux and xterm is ``ESC[1;2R``, which Textual reads as a cursor-position
        report (row 1, column 2). The app never asks for the cursor position (it is not inline), so
        that report is the key: press it."""
        if (event.x, event.y) == (1, 0) and not self.is_inline:
            self.simulate_key("shift+f3")

    def start_loading(self) -> None:
        """Called by the review screen once it is mounted: show preloaded results or start the audit."""
        if self.preloaded is not None:
            res = self.preloaded
            self.langs = f"{safe(res.source_lang or '?')}→{safe(res.target_lang or '?')}"
            # run_worker with a closure: @work would repr() its arguments (a whole corpus) for the worker's name
            self.run_worker(partial(self._preload_in_thread, res, self.preloaded_originals), name="preload",
                            group="audit", description="stream a ready audit result", thread=True, exclusive=True)
        else:
            snapshot = self.store.snapshot()
            self._base_dismissed = snapshot.dismissed
            # a snapshot taken here, on the UI thread: the worker never reads the live store
            self.run_worker(partial(self._audit_worker, snapshot),
                            name="audit", group="audit", description="audit the input", thread=True, exclusive=True)

    def on_unmount(self) -> None:
        self.store.close()

    def _audit_worker(self, decisions: Decisions) -> None:
        """Read, audit and stream the results; only posts messages."""
        try:
            self._audit_in_thread(decisions)
        except Exception as exc:  # noqa: BLE001 (any failure is shown to the user, not a crash)
            from audit.core.errors import AuditError

            msg = exc.format() if isinstance(exc, AuditError) else f"{type(exc).__name__}: {exc}"
            self.post_message(AuditFailed(msg))

    def _preload_in_thread(self, result: AuditResult, originals: Sequence[Pair] | None) -> None:
        """Stream an audit result that is already made (library use, benchmarks) like a running audit."""
        segs = result.segments
        for start in range(0, len(segs), BATCH):
            chunk = segs[start:start + BATCH]
            origs = list(originals[start:start + BATCH]) if originals is not None else [s.pair for s in chunk]
            self.post_message(SegmentsAdded(chunk, origs, start + len(chunk), [segment_key(p) for p in origs]))
        self.post_message(AuditFinished(result, tally_of(result.segments, self.config, frozenset())))

    def _audit_in_thread(self, decisions: Decisions) -> None:
        """The pipeline's events as messages: its progress batches, then the final result."""
        audit = Audit.open(self.inputs, input_format=self.input_format, source_lang=self.source_lang,
                           target_lang=self.target_lang, config=self.config, jobs=self.jobs,
                           references=self.references or None, metrics=self.metrics, align=self.align,
                           presegmented=self.presegmented, decisions=decisions, keep_dismissed=True)
        self._audit = audit  # its checks serve the re-audits after an edit
        key = audit_key(audit, decisions)
        cached = load_audit(key)
        if cached is not None:  # seen before with the same input, config, data and post-edits
            self.post_message(AuditStarted(None, cached.source_lang, cached.target_lang))
            self._base_dismissed = cached.dismissed  # what its scores left out; on_audit_finished adjusts
            segments: list[PairResult] = []
            for segs, origs in cached.chunks():
                segments.extend(segs)
                self.post_message(SegmentsAdded(segs, origs, len(segments), [segment_key(p) for p in origs]))
            self.post_message(AuditFinished(cached.result(segments), None))
            return
        originals: list[Pair] = []
        for event in audit.events(batch=BATCH):
            if isinstance(event, Started):
                self.post_message(AuditStarted(None, event.source_lang, event.target_lang))
            elif isinstance(event, Checked):
                keys = [segment_key(p) for p in event.originals]
                originals.extend(event.originals)
                self.post_message(SegmentsAdded(list(event.results), list(event.originals), event.done, keys))
            elif isinstance(event, Finished):
                self.post_message(AuditFinished(event.result, event.scores))
                keep_audit(key, event.result, originals, decisions.dismissed if decisions is not None else frozenset())

    # -- messages from the worker ------------------------------------------------------------------------------
    def on_audit_started(self, message: AuditStarted) -> None:
        self.langs = f"{safe(message.source_lang or '?')}→{safe(message.target_lang or '?')}"

    def on_segments_added(self, message: SegmentsAdded) -> None:
        first = not self.state.segments
        self.state.add(message.results, message.originals, message.keys)
        gc.freeze()  # audited segments live as long as the app: keep them out of every garbage collection
        for r in message.results:
            for f in r.flags:
                if f.code not in self._categories:
                    self._categories[f.code] = f.category
                    self.codes_seen.add(f.code)
        if self.review_screen is not None and self.review_screen.is_mounted:
            if first:
                self.review_screen.refresh_all()
            else:
                self.review_screen.query_one("SegmentList").reset()
                self.review_screen.refresh_summary()
            bar = self.review_screen.query_one("#progress")
            bar.update(progress=message.done, total=None)

    def on_audit_finished(self, message: AuditFinished) -> None:
        self.result = message.result
        self.state.replace_all(message.result.segments)
        self.state.finished = True
        tally = message.scores if message.scores is not None else tally_of(message.result.segments, self.config,
                                                                           self._base_dismissed)
        self.live = LiveScores(tally, message.result.scores)
        # decisions made while the audit ran (or on a preloaded result) adjust the corpus scores
        dismissed = self.store.dismissed()  # once (it was built per segment: 49 s to reopen 6,250 dismissals)
        for i in sorted(self.state.indices_of_flags(dismissed ^ self._base_dismissed)):
            self.live.update(i, self.state.segments[i], dismissed)
        self.corpus_scores = self.live.scores()
        self.state.summary()
        gc.freeze()
        self.search_index_worker()
        for r in message.result.segments:
            for f in r.flags:
                if f.code not in self._categories:
                    self._categories[f.code] = f.category
                    self.codes_seen.add(f.code)
        if self.review_screen is not None:
            bar = self.review_screen.query_one("#progress")
            bar.update(total=len(message.result.segments), progress=len(message.result.segments))
            bar.add_class("done")
            self.review_screen.refresh_all()

    @work(thread=True, exclusive=True, group="search-index")
    def search_index_worker(self) -> None:
        self.post_message(SearchIndexReady(self.state.search_index_data()))

    def on_search_index_ready(self, message: SearchIndexReady) -> None:
        self.state.install_search_index(message.data)

    def on_audit_failed(self, message: AuditFailed) -> None:
        self.state.finished = True
        self.notify(message.error, title="Audit failed", severity="error", timeout=30, markup=False)
        if self.review_screen is not None:
            self.review_screen.query_one("#progress").add_class("done")
            self.review_screen.refresh_summary()

    # -- helpers for the screen -------------------------------------------------------------------------------
    def category_of(self, code: str) -> str | None:
        return self._categories.get(code)

    def metric_items(self) -> list[tuple[str, str]]:
        metrics = self.result.metrics if self.result is not None else {}
        out = []
        for key, value in (metrics or {}).items():
            name = str(key)
            if isinstance(value, dict):
                name = str(value.get("name") or key)
                value = value.get("score")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append((name, f"{value:.1f}"))
        return out[:4]

    def _rescore_segment(self, seg: PairResult) -> float | None:
        return score_segment(seg, self.config, words=words_of(seg.pair.target or ""))[0].scores.get("quality")

    def rescore(self, indices) -> None:
        """Adjust the corpus scores for segments whose decisions or targets changed."""
        if self.live is None:
            return
        dismissed = self.store.dismissed()
        for i in indices:
            self.live.update(i, self.state.segments[i], dismissed)
        self.corpus_scores = self.live.scores()

    # -- decisions ---------------------------------------------------------------------------------------------
    def decide_flag(self, flag, status: str | None, note: str | None = None) -> None:
        self.store.set_flag(flag, status, note)

    def post_edit(self, index: int, text: str) -> None:
        original = self.state.originals[index]
        self.store.set_post_edit(original, text)
        self._reaudit(self.state.indices_of_key(segment_key(original)))

    def _reaudit(self, indices) -> None:
        """Check segments again with their current (post-edited or original) target, as the audit did."""
        if self._audit is None:
            self._audit = Audit((), self.config)
        segments = self.state.segments
        for i in indices:
            orig = self.state.originals[i]
            d = self.store.segment(orig)
            pair = replace(orig, target=d.post_edit) if d is not None and d.post_edit is not None else orig
            prev = segments[i - 1].pair if i > 0 else None
            nxt = segments[i + 1].pair if i + 1 < len(segments) else None
            self.state.replace_segment(i, self._audit.reaudit(pair, prev, nxt))
            self.state.flag_cursor = 0

    def undo(self) -> Change | None:
        change = self.store.undo()
        if change is None:
            return None
        screen = self.review_screen
        if change.kind == "flags":
            screen.after_decision(change.keys)
        elif change.kind == "flag":
            screen.after_decision([change.key])
        else:
            indices = self.state.indices_of_key(change.key)
            self._reaudit(indices)
            screen.after_decision(indices=indices)
        return change

    # -- exports -------------------------------------------------------------------------------------------------
    def _default_out(self, suffix: str) -> str:
        base = self.db_path if self.db_path != ":memory:" else "transaudit"
        base = base.removesuffix(".transaudit.db")
        return base + suffix

    def export_decisions_prompt(self, fmt: str) -> None:
        def done(path: str | None) -> None:
            if path:
                self.export_decisions_to(fmt, path)
        self.review_screen.ask(f"Export decisions as {fmt.upper()} to:", done,
                               value=self._default_out(f".decisions.{fmt}"), select_on_focus=False)

    def export_decisions_to(self, fmt: str, path: str) -> None:
        from audit.core.errors import AuditError

        try:
            n = export_decisions(self.store, fmt, path)
        except (AuditError, OSError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"{n} decisions written to {safe(path)}", markup=False)

    def edited_default_path(self) -> str:
        target = self.inputs[-1] if self.inputs else "transaudit.txt"
        root, ext = os.path.splitext(target)
        return f"{root}.edited{ext}"

    def write_edited_prompt(self) -> None:
        def done(path: str | None) -> None:
            if path:
                self.write_edited_to(path)
        self.review_screen.ask("Write the edited translation to:", done, value=self.edited_default_path(),
                               hint="same format as the input; never the input itself", select_on_focus=False)

    def write_edited_to(self, path: str) -> None:
        from audit.core.errors import AuditError

        if not self.inputs:
            self.notify("No input file to write back.", severity="error", markup=False)
            return
        try:
            n = write_edited(self.inputs, self.store, path, input_format=self.input_format,
                             warn=lambda m: self.notify(m, severity="warning", markup=False))
        except (AuditError, OSError) as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"{n} edited targets written to {safe(path)}", markup=False)


def create_app(inputs: Sequence[str] = (), **kwargs) -> ReviewApp:
    """The app factory shared by ``transaudit review`` and the tests."""
    return ReviewApp(inputs, **kwargs)
