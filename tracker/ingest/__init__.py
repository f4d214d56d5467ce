"""Reading files into the domain's shapes: the figure files users bring (CSV, XLSX) and the
reference tables in ``data/`` (vocabularies, registry, gazetteer).

It may read files and import :mod:`tracker.domain`; it may not open a database or import the
storage, service, views, publish or CLI layers.
"""
