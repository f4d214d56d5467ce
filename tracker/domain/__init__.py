"""The domain: what a figure is and how claims are reasoned about (DESIGN.md §1–2).

Pure code over pandas, pandera and numpy: vocabularies, the one figure schema, validation,
normalisation, intervals, settings, filters, revisions, series and the reconciliation engine
(:mod:`tracker.domain.reconcile`). It may not read or write files, open a database, or import
SQLAlchemy, psycopg, Dash, Flask or any other layer of ``tracker``: callers hand it DataFrames
and plain values, and it hands back DataFrames and plain values.
"""
