"""Layer 0, the foundation: the data model, errors and exit codes, settings, text primitives, safe
decoding of input bytes, safe XML, and making untrusted text safe to show. Imports nothing else of
``audit``."""
