"""Properties across formats: round trips, robustness on hostile input, agreement between forms."""
