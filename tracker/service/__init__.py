"""The service layer: the :class:`~tracker.service.store.Store` facade and what runs in a
transaction (imports, revisions, page loaders, cache keys).

It alone opens connections: the CLI, the publishing code and the dashboard ask it for
DataFrames or row streams and never reach through to an engine. It may import the domain,
ingest and storage layers; it may not import views, publish, the CLI or ``dashboards``.
"""
