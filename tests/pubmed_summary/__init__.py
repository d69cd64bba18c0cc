"""The pubmed-summary format: PubMed's Save -> Summary (text) file."""
