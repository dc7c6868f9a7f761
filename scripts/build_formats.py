"""Convert canonical JSONL corpora into TMX 1.4, XLIFF 1.2, XLIFF 2.0, PO and TSV files beside them.

    python scripts/build_formats.py [CORPUS.jsonl ...] [--check]

A corpus is ``<dir>/<src>-<tgt>/<name>.jsonl`` (region subtags with ``_``: ``en-pt_BR``), one object a
line: ``{"id", "source", "target", "reference"?|"references"?}`` (other keys ignored; no ``id``: the
line number). Without paths, every ``corpora/*/*.jsonl`` and ``tests/fixtures/corpora/*/*.jsonl``.
Outputs: ``name.tmx``, ``name.xlf`` (XLIFF 1.2), ``name.v2.xlf`` (XLIFF 2.0), ``name.po``, ``name.tsv``.
The output is deterministic (no dates), the XML written by lxml (proper escaping).
``--check`` writes nothing and exits 1 if any output is missing or out of date.

What each format can carry (``as_read`` applies the same losses to a canonical row, for tests):
- references: only TSV (extra columns); TMX, XLIFF and PO drop them.
- "no target" vs "empty target": PO has only ``msgstr ""`` = untranslated (read as no target);
  TSV has only an empty column (read as ``""``); TMX and XLIFF keep the difference.
- TSV cannot hold a tab, a newline, a carriage return or a NUL in a field: no TSV is written for such a
  corpus (and a stale one is removed). TMX and XLIFF 1.2 cannot hold control characters other
  than tab/newline/CR: none is written then; XLIFF 2.0 writes them as ``<cp hex=".."/>``.
  PO cannot hold NUL. Lone surrogates: no output at all.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys

from lxml import etree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
FORMATS = ("tmx", "xlf", "v2.xlf", "po", "tsv")
READER_FORMAT = {"jsonl": "jsonl", "tmx": "tmx", "xlf": "xliff", "v2.xlf": "xliff", "po": "po", "tsv": "tsv"}

_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Corpus:
    def __init__(self, path: str, rows: list[dict], src: str, tgt: str):
        self.path, self.rows, self.src, self.tgt = path, rows, src, tgt
        self.name = os.path.basename(path)[: -len(".jsonl")]

    def texts(self):
        for r in self.rows:
            yield r["source"]
            if r["target"] is not None:
                yield r["target"]
            yield from r["references"]


def langs_from_folder(path: str) -> tuple[str, str]:
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    src, sep, tgt = folder.partition("-")
    if not sep or not src or not tgt:
        raise SystemExit(f"{path}: the folder must be named <src>-<tgt> (e.g. en-es), not {folder!r}")
    return src.replace("_", "-"), tgt.replace("_", "-")


def load_corpus(path: str) -> Corpus:
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            refs = obj.get("references", obj.get("reference", ()))
            if isinstance(refs, str):
                refs = [refs]
            rows.append({
                "id": str(obj["id"]) if obj.get("id") is not None else str(lineno),
                "source": obj["source"],
                "target": obj.get("target"),
                "references": list(refs or ()),
            })
    src, tgt = langs_from_folder(path)
    return Corpus(path, rows, src, tgt)


def as_read(fmt: str, row: dict) -> dict:
    """The row as format ``fmt`` gives it back (see the module doc for what each format loses)."""
    out = dict(row)
    if fmt not in ("jsonl", "tsv"):
        out["references"] = []
    else:
        out["references"] = [r for r in row["references"] if r != ""] if fmt == "tsv" else list(row["references"])
    if fmt == "po" and out["target"] == "":
        out["target"] = None
    if fmt == "tsv" and out["target"] is None:
        out["target"] = ""
    return out


# --- XML ------------------------------------------------------------------------------------------

def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def tmx_bytes(c: Corpus) -> bytes:
    root = etree.Element("tmx", version="1.4")
    root.text = "\n"
    header = etree.SubElement(root, "header", {
        "creationtool": "transaudit-build_formats", "creationtoolversion": "1", "segtype": "sentence",
        "o-tmf": "jsonl", "adminlang": "en", "srclang": c.src, "datatype": "plaintext"})
    header.tail = "\n"
    body = etree.SubElement(root, "body")
    body.text = "\n"
    body.tail = "\n"
    for r in c.rows:
        tu = etree.SubElement(body, "tu", tuid=r["id"])
        tu.tail = "\n"
        for lang, text in ((c.src, r["source"]), (c.tgt, r["target"])):
            if text is None:
                continue
            tuv = etree.SubElement(tu, "tuv", {f"{{{XML_NS}}}lang": lang})
            etree.SubElement(tuv, "seg").text = text
    return _xml_bytes(root)


def xliff12_bytes(c: Corpus) -> bytes:
    root = etree.Element(f"{{{XLIFF1_NS}}}xliff", version="1.2", nsmap={None: XLIFF1_NS})
    root.text = "\n"
    f = etree.SubElement(root, f"{{{XLIFF1_NS}}}file", {
        "original": c.name + ".jsonl", "source-language": c.src, "target-language": c.tgt,
        "datatype": "plaintext"})
    f.tail = "\n"
    body = etree.SubElement(f, f"{{{XLIFF1_NS}}}body")
    body.text = "\n"
    for r in c.rows:
        tu = etree.SubElement(body, f"{{{XLIFF1_NS}}}trans-unit", {"id": r["id"], f"{{{XML_NS}}}space": "preserve"})
        tu.tail = "\n"
        etree.SubElement(tu, f"{{{XLIFF1_NS}}}source").text = r["source"]
        if r["target"] is not None:
            etree.SubElement(tu, f"{{{XLIFF1_NS}}}target").text = r["target"]
    return _xml_bytes(root)


def _fill_v2(el, text: str) -> None:
    """Text into an XLIFF 2 element, characters XML cannot hold as <cp hex=".."/>."""
    pos = 0
    last = None
    for m in _XML_BAD.finditer(text):
        chunk = text[pos:m.start()]
        if last is None:
            el.text = chunk
        else:
            last.tail = chunk
        last = etree.SubElement(el, f"{{{XLIFF2_NS}}}cp", hex=f"{ord(m.group()):04X}")
        pos = m.end()
    if last is None:
        el.text = text
    else:
        last.tail = text[pos:]


def xliff2_bytes(c: Corpus) -> bytes:
    root = etree.Element(f"{{{XLIFF2_NS}}}xliff", {"version": "2.0", "srcLang": c.src, "trgLang": c.tgt},
                         nsmap={None: XLIFF2_NS})
    root.text = "\n"
    f = etree.SubElement(root, f"{{{XLIFF2_NS}}}file", {"id": "f1", "original": c.name + ".jsonl"})
    f.text = "\n"
    f.tail = "\n"
    for r in c.rows:
        unit = etree.SubElement(f, f"{{{XLIFF2_NS}}}unit", id=r["id"])
        unit.tail = "\n"
        seg = etree.SubElement(unit, f"{{{XLIFF2_NS}}}segment")
        _fill_v2(etree.SubElement(seg, f"{{{XLIFF2_NS}}}source", {f"{{{XML_NS}}}space": "preserve"}), r["source"])
        if r["target"] is not None:
            _fill_v2(etree.SubElement(seg, f"{{{XLIFF2_NS}}}target", {f"{{{XML_NS}}}space": "preserve"}),
                     r["target"])
    return _xml_bytes(root)


# --- PO and TSV -----------------------------------------------------------------------------------

_PO_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b",
           "\f": "\\f", "\v": "\\v"}
_PO_ESC_RE = re.compile(r'[\\"\n\t\r\a\b\f\v]')


def _po_escape(text: str) -> str:
    return _PO_ESC_RE.sub(lambda m: _PO_ESC[m.group()], text)


def _po_string(keyword: str, text: str) -> str:
    """``keyword "..."``, split after each ``\\n`` the way gettext tools write multi-line strings."""
    if "\n" not in text[:-1]:
        return f'{keyword} "{_po_escape(text)}"\n'
    pieces = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return f'{keyword} ""\n' + "".join(f'"{_po_escape(p)}"\n' for p in pieces)


def po_bytes(c: Corpus) -> bytes:
    lines = [
        'msgid ""\n', 'msgstr ""\n',
        f'"Project-Id-Version: {c.name}\\n"\n',
        f'"Language: {c.tgt}\\n"\n',
        f'"X-Source-Language: {c.src}\\n"\n',
        '"MIME-Version: 1.0\\n"\n',
        '"Content-Type: text/plain; charset=UTF-8\\n"\n',
        '"Content-Transfer-Encoding: 8bit\\n"\n',
    ]
    for r in c.rows:
        lines.append("\n")
        lines.append(_po_string("msgctxt", r["id"]))
        lines.append(_po_string("msgid", r["source"]))
        lines.append(_po_string("msgstr", r["target"] or ""))
    return "".join(lines).encode("utf-8")


def tsv_bytes(c: Corpus) -> bytes:
    nrefs = max((len(r["references"]) for r in c.rows), default=0)
    head = ["source", "target"] + [f"reference{i + 1}" if nrefs > 1 else "reference" for i in range(nrefs)]
    lines = ["\t".join(head) + "\n"]
    for r in c.rows:
        cells = [r["source"], r["target"] or ""] + r["references"] + [""] * (nrefs - len(r["references"]))
        lines.append("\t".join(cells) + "\n")
    return "".join(lines).encode("utf-8")


# --- driver ---------------------------------------------------------------------------------------

def why_not(fmt: str, c: Corpus) -> str | None:
    """Why ``fmt`` cannot carry this corpus exactly, or None if it can."""
    texts = list(c.texts())
    if any(_SURROGATE.search(t) for t in texts) or any(_SURROGATE.search(r["id"]) for r in c.rows):
        return "lone surrogate characters cannot be encoded"
    if fmt == "tsv" and any(("\t" in t or "\n" in t or "\r" in t or "\x00" in t) for t in texts):
        return "a field contains a tab, newline, carriage return or NUL"
    if fmt in ("tmx", "xlf") and any(_XML_BAD.search(t) for t in texts):
        return "a field contains characters XML 1.0 cannot hold"
    if fmt in ("tmx", "xlf", "v2.xlf") and any(_XML_BAD.search(r["id"]) for r in c.rows):
        return "an id contains characters XML 1.0 cannot hold"
    if fmt == "po" and (any("\x00" in t for t in texts) or any("\x00" in r["id"] for r in c.rows)):
        return "a field contains a NUL character"
    return None


WRITERS = {"tmx": tmx_bytes, "xlf": xliff12_bytes, "v2.xlf": xliff2_bytes, "po": po_bytes, "tsv": tsv_bytes}


def plan(path: str) -> list[tuple[str, str, bytes | None, str | None]]:
    """[(format, output path, its bytes or None, why not)] for one corpus."""
    c = load_corpus(path)
    base = path[: -len(".jsonl")]
    out = []
    for fmt in FORMATS:
        reason = why_not(fmt, c)
        out.append((fmt, f"{base}.{fmt}", None if reason else WRITERS[fmt](c), reason))
    return out


def outputs(path: str) -> dict[str, bytes | None]:
    """{output path: its bytes, or None when the format cannot carry the corpus}."""
    return {out_path: data for _fmt, out_path, data, _why in plan(path)}


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def default_paths() -> list[str]:
    found = glob.glob(os.path.join(ROOT, "corpora", "*", "*.jsonl"))
    found += glob.glob(os.path.join(ROOT, "tests", "fixtures", "corpora", "*", "*.jsonl"))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", help="canonical JSONL corpora (default: all)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if an output is stale")
    args = ap.parse_args(argv)
    stale = []
    for path in args.paths or default_paths():
        for _fmt, out_path, data, reason in plan(path):
            exists = os.path.exists(out_path)
            if data is None:
                if exists:
                    stale.append(out_path)
                    if not args.check:
                        os.unlink(out_path)
                if not args.check:
                    print(f"skipped {os.path.relpath(out_path)}: {reason}", file=sys.stderr)
                continue
            current = _read_bytes(out_path) if exists else None
            if current != data:
                stale.append(out_path)
                if not args.check:
                    tmp = out_path + ".tmp"
                    with open(tmp, "wb") as fh:
                        fh.write(data)
                    os.replace(tmp, out_path)
                    print(f"wrote {os.path.relpath(out_path)}", file=sys.stderr)
    if args.check and stale:
        print("out of date: " + ", ".join(os.path.relpath(p) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
