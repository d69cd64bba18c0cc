"""``python -m jakcite``."""

from jakcite.cli import entry

entry()
