"""The pubmed-csv format: PubMed's Save -> CSV file."""
