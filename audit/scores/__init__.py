"""Layer 4, scores: reference-based metrics (sacrebleu), the MQM-style penalty score from flags,
and the quality gates."""
