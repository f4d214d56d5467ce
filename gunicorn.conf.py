"""The recommended gunicorn settings for the public app (read by gunicorn from the working
directory: ``gunicorn dashboards.wsgi:server``; README "Serving many readers").

Threads wait on the database and on the disk, so each worker runs 8 of them (gthread):
downloads rendered from the database take one of the machine's render slots and at most
``$TRACKER_DOWNLOAD_LINE`` (4) of a worker's threads wait in line for one
(``tracker/publish/gate.py``), so at least half of every worker's threads stay free for pages
and their callbacks however many downloads are asked for. ``$TRACKER_WORKERS`` sets the number of
workers (default 4: two per core of a small machine).
"""

import os

bind = os.environ.get("TRACKER_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("TRACKER_WORKERS", "4"))
worker_class = "gthread"
threads = 8
timeout = 120  # seconds a worker may go silent (a cold whole-file render at 1M takes ~15 s)
