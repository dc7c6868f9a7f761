"""Shared set-up for the review app's Pilot tests: the mixed fixture corpus, the app made on it
with a fixed check selection, and running async tests without a pytest async plug-in."""
from __future__ import annotations

import asyncio
import functools
import os
import shutil

import pytest

from audit.core.config import Config
from tui.app import create_app

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "tui", "mixed.jsonl")
CONFIG = Config(select=("EMP", "WSP", "ENC"))  # checks that exist and are stable, for exact expectations


def aio(fn):
    """Run an async Pilot test without a pytest async plug-in."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))
    return wrapper


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "mixed.jsonl"
    shutil.copy(FIXTURE, path)
    return str(path)


def make(corpus, **kw):
    return create_app([corpus], source_lang="en", target_lang="es", config=CONFIG, jobs=1, **kw)


async def ready(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.state.finished
