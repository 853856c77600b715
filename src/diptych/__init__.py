"""Diptych: Russian Markdown, machine-translated offline, reviewed in gettext catalogs."""

__version__ = "0.1.0"
