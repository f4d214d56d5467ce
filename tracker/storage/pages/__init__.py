"""The queries behind the dashboard's pages: aggregates and pages of rows, never every figure.

One module per page (:mod:`.overview`, :mod:`.trends`, :mod:`.figures`,
:mod:`.discrepancies`, :mod:`.sources`) and what they share (:mod:`.shared`). Each function
takes an open connection from the service layer and answers with a small DataFrame,
whatever the number of stored figures: grouped counts, one series' claims, one page of
figures or flags (with its total), the flags of a handful of figures. They use the same
filters as the command line and the downloads (:mod:`tracker.domain.filters`).
"""
