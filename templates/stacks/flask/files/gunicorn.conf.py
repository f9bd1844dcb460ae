"""gunicorn's settings. gunicorn reads ./gunicorn.conf.py by itself when it starts, so
every way of starting it (the README, the Procfile, the Dockerfile) gets the same.

gunicorn's default worker, "sync", serves one connection at a time: a client that sends
half a request and stops holds that worker until it gives up, and a handful of such
clients hold them all. A "gthread" worker runs a pool of threads instead; a connection
waiting for bytes holds one thread, and the others go on answering.
"""

import os

worker_class = "gthread"
# Processes. One is enough to start with: its threads serve requests side by side, and
# password hashing, the slow part, runs outside Python's GIL. Each process has its own
# copy of the app, and of the rate limits' counts: with two, a limit of 10 lets 20
# through, unless RATELIMIT_STORAGE_URI points both at one store. Heroku sets
# WEB_CONCURRENCY from the size of the dyno.
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
# Threads per process: how many requests one process serves at once, slow ones included.
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A worker process that stops answering gunicorn's heartbeat for this long is killed and
# replaced. A request whose body stalls holds only its own thread, until
# REQUEST_TIMEOUT_SECONDS ends it (slow_clients.py).
timeout = 30
# How long an idle keep-alive connection is kept open, waiting for its next request.
keepalive = 5
