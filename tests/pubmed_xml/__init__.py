"""PubMed XML: the reader, the corpus, and hand-checked corpus records."""
