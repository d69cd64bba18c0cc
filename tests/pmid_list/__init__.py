"""The pmid-list format: lists of PMIDs, PMCIDs and DOIs."""
