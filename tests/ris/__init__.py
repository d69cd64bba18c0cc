"""RIS: the reader, the writer, the corpus, and independent readers (rispy, citation-js)."""
