"""gunicorn's settings for the web service (docker-compose.yml, Dockerfile).

gunicorn sits behind nginx (deploy/nginx.conf), which reads each request in
full before passing it on; these settings still bound what gunicorn accepts,
so that a client that reaches it directly cannot take a process hostage.
Each value comes from the environment (GUNICORN_*), with the default below.
"""

import os

wsgi_app = "config.wsgi:application"
# Only the proxy connects, over the compose network.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Threads, not one request per process: a request waiting on the database or on a
# slow client holds one thread while the process's other threads go on serving.
# With the sync worker, six clients sending a header line every 5 s held every
# process and the site was down for 67 s.
worker_class = "gthread"
# Fixed, not from the CPU count, which a container reports for the whole host:
# 3 processes of 4 threads serve 12 requests at once and keep 12 database
# connections, well under PostgreSQL's 100.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a process may go without reporting before the arbiter kills and restarts
# it. With threads the report comes from the process's main loop, so this catches
# a hung process, not one slow request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Seconds a process gets on restart or stop to finish the requests it holds;
# docker-compose.yml's stop_grace_period (30 s) leaves it the time before SIGKILL.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Seconds an idle kept-alive connection stays open: nginx opens a connection per
# request, so a long wait would only hold a slot.
keepalive = 2
# Longest request line (method, path and query), in bytes: the site's addresses are
# short; nginx's large_client_header_buffers (8k) lets no longer line through either.
limit_request_line = 8190
# Most header fields in one request: a browser sends about 15 and nginx adds 3.
limit_request_fields = 50
# Longest header field, in bytes, cookies included; as nginx's header buffers.
limit_request_field_size = 8190
# One line a request on the standard output, which docker collects.
accesslog = "-"
