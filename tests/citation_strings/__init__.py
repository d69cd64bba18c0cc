"""The citation-strings format: PubMed's Cite styles and free-text references."""
