"""Layer 6, the review store: reviewers' decisions on flags and segments in SQLite."""
