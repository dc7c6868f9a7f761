"""CON001/CON002 grouping: the shared one-pass key hashing, the digest short-cut and the regroup
on hash collisions give the same flags as grouping by the keys themselves (en-es, en-ru, en-zh)."""
from __future__ import annotations

import pytest

from audit.checks.families import consistency
from audit.core.config import Config
from audit.core.model import Pair
from audit.pipeline.engine import audit_pairs

ROWS = {
    "es": [("Open the file in the editor", "Abra el archivo en el editor"),
           ("Open the file in the editor", "Abre el fichero en el editor"),
           ("Close all the windows now", "Cierre todas las ventanas ahora"),
           ("Open the file in the editor", "Abra el archivo en el editor"),
           ("Shut all the windows now", "Cierre todas las ventanas ahora"),
           ("Close all the windows now", "Cierre todas las ventanas ahora"),
           ("Save", "Guardar", "menu"), ("Save", "Salvar", "menu"), ("Save", "Guardar")],
    "ru": [("The server is not responding", "Сервер не отвечает"),
           ("The server is not responding", "Сервер не отвечает."),
           ("The server is not answering", "Сервер не отвечает"),
           ("The server is not responding", "Сервер сейчас не отвечает")],
    "zh": [("Save the document before closing", "关闭前保存文档"),
           ("Save the document before closing", "关闭之前请保存文档"),
           ("Store the document before closing", "关闭前保存文档"),
           ("Save the document before closing", "关闭前保存文档")],
}


def _pairs():
    out = []
    for tl, rows in ROWS.items():
        for row in rows * 3:  # repeats: groups where every member is the same
            out.append(Pair(id=f"s{len(out) + 1}", source=row[0], target=row[1], source_lang="en",
                            target_lang=tl, index=len(out), note=row[2] if len(row) > 2 else None))
    return out


def _flags(pairs):
    res = audit_pairs(pairs, Config(select=("CON001", "CON002")), jobs=1)
    return [(s.pair.id, f.code, f.message, tuple(f.spans)) for s in res.segments for f in s.flags]


def _by_keys(pairs, ctx, which):
    """The reference grouping: by the keys themselves, no hashes, no short-cut."""
    key_of = consistency._key1 if which == 1 else consistency._key2
    groups: dict = {}
    for i, p in enumerate(pairs):
        k = key_of(p)
        if k is not None:
            groups.setdefault(k, []).append((i, p))
    yield from sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[0][0])


def test_flags_equal_the_reference_grouping(monkeypatch):
    pairs = _pairs()
    got = _flags(pairs)
    assert {c for _, c, _, _ in got} == {"CON001", "CON002"}
    monkeypatch.setattr(consistency, "_groups", _by_keys)
    assert _flags(pairs) == got


@pytest.mark.parametrize("fake_hash", [lambda k: 0, lambda k: len(k[2]) % 3])
def test_hash_collisions_are_regrouped(monkeypatch, fake_hash):
    pairs = _pairs()
    want = _flags(pairs)
    monkeypatch.setattr(consistency, "hash", fake_hash, raising=False)
    assert _flags(pairs) == want


def test_groups_with_one_rendering_are_not_read_again():
    pairs = _pairs()
    hashed1, hashed2 = consistency._hash_groups(consistency._Bare(pairs))
    for g in hashed1:
        assert len({pairs[i].target for i in g}) > 1
    for g in hashed2:
        assert len({pairs[i].source for i in g}) > 1
