"""CSL-JSON: the reader, the writer, the corpus, and independent tools (citeproc-js, citation-js)."""
