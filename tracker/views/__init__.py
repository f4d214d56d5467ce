"""What the dashboard shows, computed without I/O: cards, traces, tables, in English and Arabic.

Pure functions from DataFrames and plain values (what the service's page loaders read,
:mod:`tracker.service.pages`) to view-models the dashboard (``dashboards/``) only lays out.
It may import the domain; it may not import storage, the service, publish, SQLAlchemy or
Dash: a view never holds a store or a connection.
"""
