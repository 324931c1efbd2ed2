"""The resident's own language: Babel message catalogs made from the Dutch source texts.

Dutch in `content/texts/nl/` and the question bank is the source (the B1 gate reads it).
`catalog.py` turns it into a template, `content/locale/voordeur.pot`; each language has
its `.po` beside it, compiled to `.mo` by `make`. See `python -m content.translations`.
"""
