"""Copied PubMed text: the reader, free-text reference strings, and corpus records rendered as text."""
