"""Widgets of the review app: the segment list, the side-by-side pair view, the flag list."""
