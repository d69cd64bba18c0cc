"""Small parsers shared by several readers (pages, dates, names). No format knowledge."""
