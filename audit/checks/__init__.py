"""Checks, one module per family. ``audit.registry.load_all`` imports every module here.

Family prefixes: EMP empty, UNT untranslated, LNG language, WSP whitespace, MRK markup and
placeholders, PUN punctuation, NUM numbers, UNI units, ENT named entities, GLU glued tokens,
SEN broken sentences, CAS casing, REP repetition, LEN length, ENC encoding, MET metrics,
ALN alignment.
"""
