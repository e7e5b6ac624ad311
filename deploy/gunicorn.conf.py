"""gunicorn's settings for Nurture (Procfile and deploy/systemd/nurture-web.service use this file).

Listens on loopback behind the TLS proxy (WEB_BIND); WEB_CONCURRENCY worker processes (gunicorn reads
it itself; 2 x cores + 1 is the usual start). Request lines come from the app (core/logs.py, JSON with
request id, user id and duration), so gunicorn's access log is off and its own lines are JSON too."""

import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))  # PDFs are built by the worker, never in a request
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then (WeasyPrint and friends hold on to memory)
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
# gunicorn's control socket lives at one path per user: two instances on one server would share it, and
# systemd (or honcho) already manages the processes.
control_socket_disable = True
