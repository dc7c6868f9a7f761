"""Layer 5, checks: the registry (``registry``), the per-pair analysis shared by all checks
(``context``), glossaries for terminology (``glossary``), and the families in ``families/``, one
module each, all imported by ``registry.load_all``.

Family prefixes: EMP empty, UNT untranslated, LNG language, WSP whitespace, MRK markup and
placeholders, PUN punctuation, NUM numbers, UNI units, ENT named entities, GLU glued tokens,
SEN broken sentences, CAS casing, REP repetition, LEN length, ENC encoding, MET metrics,
ALN alignment.
"""
