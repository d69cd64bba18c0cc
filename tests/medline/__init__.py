"""MEDLINE: the reader, the writer, the corpus, and Biopython as an independent reader."""
