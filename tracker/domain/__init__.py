"""The domain: what a figure is and how claims are reasoned about (DESIGN.md §1–2).

Pure code over pandas, pandera and numpy: vocabularies, the one figure schema, validation,
normalisation, intervals, the one :class:`~tracker.domain.settings.Settings`, the window a figure
counts (:mod:`tracker.domain.windows`), a claim in words (:mod:`tracker.domain.wording`), filters,
revisions and the reconciliation engine with its series (:mod:`tracker.domain.reconcile`). Every
domain rule is written once, here; the lists a rule needs (qualifiers, magnitude words,
severities, rules, reliability ranks) come from the vocabularies' frames, never from code.

It may not read or write files, open a database, or import SQLAlchemy, psycopg, Dash, Flask or
any other layer of ``tracker``: callers hand it DataFrames and plain values, and it hands back
DataFrames and plain values.
"""
