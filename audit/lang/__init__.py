"""Layer 1, language knowledge: CLDR data, language identification, word frequencies, names,
numbers, units, placeholders, sentence segmentation, subword tokens and sentence embeddings.
Knows nothing of pairs, checks or files beyond its own shipped data."""
