"""Start-up: the audit signature reads data versions without importing wordfreq (about half a
second), and what it reads is what wordfreq itself reports."""
from __future__ import annotations

import subprocess
import sys


def test_signature_does_not_import_wordfreq():
    code = ("import sys\nfrom audit.pipeline.signature import _installed_data\n_installed_data()\n"
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_languages_read_without_wordfreq_match_wordfreq():
    import wordfreq

    from audit.lang.lexicon import _available_languages

    assert _available_languages() == set(wordfreq.available_languages(wordlist="best"))
