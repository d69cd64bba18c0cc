"""What several formats share (dates, pages, names, languages, case, work-type groups).

Nothing here knows a format, and no module here imports a format package."""
