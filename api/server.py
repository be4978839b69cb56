"""Serve the app with gunicorn: threaded workers, recycled, and no solve in the master."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from api import logs, metrics
from api.app import create_app

WORKERS = 2
THREADS = 4
# Recycle each worker after about this many requests (jittered so both never restart at once),
# so a slow leak in a native library cannot grow without bound.
MAX_REQUESTS = 2000
MAX_REQUESTS_JITTER = 200


class TrainweekServer(BaseApplication):
    """gunicorn run from Python: `create_app()` is called in each worker, never in the master."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            # Settings this gunicorn does not know (older than the option) are left out.
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return create_app()


def server_options(host: str, port: int) -> dict[str, Any]:
    """gunicorn settings for trainweek on host:port."""
    return {
        "bind": f"{host}:{port}",
        "workers": WORKERS,
        "worker_class": "gthread",
        "threads": THREADS,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        # False: the app (and any solve) is built in the workers, never in the master.
        "preload_app": False,
        # A solve is capped at time_limit_s <= 30 s; leave headroom before a worker is killed.
        "timeout": 60,
        "graceful_timeout": 10,
        "keepalive": 5,
        "errorlog": "-",
        # gunicorn's own lines as JSON like the app's; the app writes the access log.
        "logconfig_dict": logs.gunicorn_logging(),
        "proc_name": "trainweek",
        # One shared control socket per user would clash between servers (tests, benchmarks).
        "control_socket_disable": True,
    }


def serve(host: str, port: int) -> None:
    """Run gunicorn in the foreground until SIGINT or SIGTERM."""
    # Before the first worker starts, so that /metrics in any worker counts them all.
    with metrics.shared_across_workers():
        TrainweekServer(server_options(host, port)).run()
