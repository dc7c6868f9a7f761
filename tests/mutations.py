"""Input mutations for fuzzing the readers (tests/test_fuzz_inputs.py, bench/bench_fuzz.py): byte
flips, truncation, insertion of junk, splices of two files, and declared-encoding games (the
charset of a PO header or an XML declaration swapped for another name). Deterministic given a
``random.Random``."""
from __future__ import annotations

import glob
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXTENSIONS = (".po", ".tmx", ".xlf", ".tsv", ".jsonl")
CODECS = ["utf-8", "UTF-16", "utf-16-le", "latin-1", "cp1252", "koi8-r", "shift_jis", "gb18030", "big5", "utf-32",
          "ascii", "zlib", "base64", "rot13", "utf-7", "idna", "x-unknown", "", "utf-8-sig"]
JUNK = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b">", b"&", b"&#0;", b"&#xD800;", b"]]>", b"<!--", b'"', b"\\",
        b"\n", b"\r", b"\t", b"msgstr[7] ", b'msgid "', b"{", b"}", b"[", b"\x1b[2J", b"\xc3", b"\xe2\x80", b"\xf0\x9f"]
_CHARSET = re.compile(rb"charset=[A-Za-z0-9_.:-]*|encoding=\"[^\"]*\"")


def seed_files() -> dict[str, bytes]:
    """The bundled corpora's bilingual files: {extension: [contents]} flattened to name -> bytes."""
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "corpora", "*", "*"))):
        if path.endswith(EXTENSIONS):
            with open(path, "rb") as fh:
                out[os.path.relpath(path, ROOT)] = fh.read()[:20_000]
    return out


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    """One to three mutations of ``data`` (``other``: a second file for splices)."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(6)
        pos = rng.randint(0, len(data))
        if kind == 0 and data:  # flip bits of one byte
            i = rng.randrange(len(data))
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif kind == 1:
            data = data[:pos]
        elif kind == 2:
            data = data[:pos] + rng.choice(JUNK) * rng.randint(1, 4) + data[pos:]
        elif kind == 3:
            j = rng.randint(0, len(other))
            data = data[:pos] + other[j:j + rng.randint(1, 400)] + data[pos:]
        elif kind == 4:
            codec = rng.choice(CODECS).encode()
            data = _CHARSET.sub(lambda m: (b"charset=" + codec) if m.group().startswith(b"charset")
                                else b'encoding="' + codec + b'"', data, count=1)
        else:  # duplicate a slice (repeated entries, units, attributes)
            j = rng.randint(pos, min(len(data), pos + 300))
            data = data[:j] + data[pos:j] + data[j:]
    return data
