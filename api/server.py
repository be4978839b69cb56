"""Serve the app: gunicorn runs the processes, waitress reads the requests in each of them.

Why two servers. A gthread worker hands a connection to a thread as soon as its first byte
arrives, and that thread then blocks until the whole request is in: a handful of clients that
send half a request hold every thread and the service stops. waitress reads and buffers each
request in full in an event loop (headers, then the body, spooled to disk past a limit) and
only a complete request reaches a thread; a connection silent for `channel_timeout` is closed.
But one waitress process shares one GIL, and a solve is mostly Python: two processes use both
cores. gunicorn's master already binds the socket, forks, restarts and recycles workers and
never builds the app itself, so it stays the supervisor, and each worker runs waitress on the
master's socket (the same pattern as uvicorn's gunicorn worker).
"""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.base import Worker
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask, WSGITask

from api import logs, metrics
from api.app import create_app
from api.problems import PLAN_FILE_MAX_BYTES

WORKERS = 2
THREADS = 4
# Recycle each worker after about this many requests (jittered so both never restart at once),
# so a slow leak in a native library cannot grow without bound.
MAX_REQUESTS = 2000
MAX_REQUESTS_JITTER = 200
# A connection that sends nothing for this long (a request left half-sent, or an idle keep-alive
# connection) is closed; checked every CLEANUP_INTERVAL_S.
CHANNEL_TIMEOUT_S = 30
CLEANUP_INTERVAL_S = 5
# Open connections per worker (idle or half-sent ones cost a socket, not a thread).
CONNECTION_LIMIT = 1000
# The request line and headers together; past it, 431. Bodies up to the largest a route takes
# (a plan file) reach the app, which answers 413 itself above each route's limit; waitress
# refuses anything far larger unread.
MAX_HEADER_BYTES = 32 * 1024
MAX_BODY_READ_BYTES = 2 * PLAN_FILE_MAX_BYTES
# How long a stopping worker keeps idle keep-alive connections open, for a request a client
# may already have sent on one (each answer meanwhile says `Connection: close`).
STOP_LINGER_S = 2.0
PROBLEM_MIMETYPE = "application/problem+json"

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ProblemErrorTask(ErrorTask):
    """waitress's own refusals (bad request line, 431, 413, bad chunked body) as problems."""

    def execute(self) -> None:
        error = self.request.error
        detail = str(error.body) if error.code < 500 else "the server could not serve the request"
        body = json.dumps(
            {"type": "about:blank", "title": error.reason, "status": error.code, "detail": detail}
        ).encode()
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", PROBLEM_MIMETYPE))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class DrainingWSGITask(WSGITask):
    """A request answered while the worker stops says `Connection: close`."""

    def execute(self) -> None:
        if getattr(self.channel.server, "draining", False):
            self.set_close_on_finish()
        super().execute()


class TrainweekChannel(HTTPChannel):
    """waitress's connection, with trainweek's error and draining tasks."""

    task_class = DrainingWSGITask
    error_task_class = ProblemErrorTask


def waitress_settings(threads: int) -> dict[str, Any]:
    """waitress settings for one worker."""
    return {
        "threads": threads,
        "channel_timeout": CHANNEL_TIMEOUT_S,
        "cleanup_interval": CLEANUP_INTERVAL_S,
        "connection_limit": CONNECTION_LIMIT,
        "max_request_header_size": MAX_HEADER_BYTES,
        "max_request_body_size": MAX_BODY_READ_BYTES,
        "ident": "trainweek",
    }


class WaitressWorker(Worker):
    """A gunicorn worker that serves with waitress on the master's listening sockets."""

    alive: bool  # set by gunicorn: False once the worker is told to stop
    nr: int  # requests served, for max_requests

    def run(self) -> None:
        """Serve until told to stop, recycled, or orphaned; then drain and exit."""
        socket_map: dict[int, Any] = {}
        create_server(
            self._counted(self.wsgi),
            map=socket_map,
            sockets=[listener.sock for listener in self.sockets],
            **waitress_settings(self.cfg.threads),
        )
        servers = [item for item in socket_map.values() if isinstance(item, BaseWSGIServer)]
        for server in servers:
            server.channel_class = TrainweekChannel
        while self.alive and self.ppid == os.getppid():
            self.notify()
            # poll, not select: select cannot watch more than 1024 sockets.
            wasyncore.loop(timeout=1.0, use_poll=True, map=socket_map, count=1)
            if self.nr >= self.max_requests:
                self.log.info("Autorestarting worker after current request.")
                self.alive = False
        self._drain(servers, socket_map)

    def _counted(self, app: WSGIApp) -> WSGIApp:
        """The app, counting requests towards max_requests."""
        counter = itertools.count(1)

        def counted(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            self.nr = next(counter)
            return app(environ, start_response)

        return counted

    def _drain(self, servers: list[Any], socket_map: dict[int, Any]) -> None:
        """Stop accepting, finish the requests in hand, then close every connection."""
        for server in servers:
            server.accepting = False  # the socket stays open for the other workers
            server.draining = True
        deadline = time.monotonic() + self.cfg.graceful_timeout
        linger_until = time.monotonic() + STOP_LINGER_S
        while time.monotonic() < deadline:
            channels = [c for server in servers for c in server.active_channels.values()]
            busy = [c for c in channels if c.requests or c.total_outbufs_len]
            if not busy and (not channels or time.monotonic() >= linger_until):
                break
            self.notify()
            wasyncore.loop(timeout=0.1, use_poll=True, map=socket_map, count=1)
        for server in servers:
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)
        wasyncore.close_all(socket_map)


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
        "worker_class": WaitressWorker,
        # waitress's task threads per worker.
        "threads": THREADS,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        # False: the app (and any solve) is built in the workers, never in the master.
        "preload_app": False,
        # The worker's loop reports every second, whatever its threads do: this only catches a
        # loop that hangs. A solve is capped at time_limit_s <= 30 s and runs in a thread.
        "timeout": 60,
        "graceful_timeout": 10,
        "errorlog": "-",
        # gunicorn's own lines as JSON like the app's; the app writes the access log.
        "logconfig_dict": logs.gunicorn_logging(),
        "proc_name": "trainweek",
        # One shared control socket per user would clash between servers (tests, benchmarks).
        "control_socket_disable": True,
    }


def serve(host: str, port: int) -> None:
    """Run the server in the foreground until SIGINT or SIGTERM."""
    # Before the first worker starts, so that /metrics in any worker counts them all.
    with metrics.shared_across_workers():
        TrainweekServer(server_options(host, port)).run()
