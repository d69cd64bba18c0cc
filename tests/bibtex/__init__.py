"""BibTeX and BibLaTeX: the reader, the writer, the corpus, and the real tools (bibtex, biber, LaTeX)."""
