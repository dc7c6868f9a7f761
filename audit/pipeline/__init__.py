"""Layer 7, the pipeline: inputs, checks, corpus checks and scores composed into one audit, with
review decisions applied."""
