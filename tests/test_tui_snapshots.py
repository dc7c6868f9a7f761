"""SVG snapshots of the review app's main screens at two terminal sizes (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and
look at the SVGs in ``tests/__snapshots__/`` before committing them.
"""
from __future__ import annotations

import os
import shutil

import pytest

from audit.core.config import Config
from tui.app import create_app

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "tui", "mixed.jsonl")
SIZES = [(80, 24), (160, 45)]


@pytest.fixture
def app(tmp_path):
    path = tmp_path / "mixed.jsonl"
    shutil.copy(FIXTURE, path)
    return create_app([str(path)], source_lang="en", target_lang="es", config=Config(select=("EMP", "WSP", "ENC")),
                      jobs=1)


async def _loaded(pilot):
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_loaded)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_flag_selected_with_untrusted_markup(snap_compare, app, size):
    async def go(pilot):
        await _loaded(pilot)
        await pilot.press("g", "5", "enter")
        await pilot.pause()
    assert snap_compare(app, terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_rtl_segment_dismissed(snap_compare, app, size):
    async def go(pilot):
        await _loaded(pilot)
        await pilot.press("g", "4", "enter", "d")
        await pilot.pause()
    assert snap_compare(app, terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, app, size):
    async def go(pilot):
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
    assert snap_compare(app, terminal_size=size, run_before=go)


def test_filter_dialog(snap_compare, app):
    async def go(pilot):
        await _loaded(pilot)
        await pilot.press("f")
        await pilot.press(*"sev:major")
        await pilot.pause()
    assert snap_compare(app, terminal_size=(100, 30), run_before=go)
