"""Layer 2, documents and sentence alignment: text extraction from documents (.txt, .docx, .html,
.md, .srt), segmentation into sentences and their alignment with a translation."""
