"""What the dashboard shows, computed without I/O: cards, traces, tables, in English and Arabic.

The dashboard (``dashboards/``) only lays out what these functions return; the SQL that
feeds them lives in :mod:`tracker.storage.pages` so that pages stay fast at a million
figures (aggregates and pages of rows, never every figure).
"""
