"""`trainweek serve`: the HTTP API (gunicorn supervising waitress workers)."""

from __future__ import annotations

import argparse
import os

from api.cli.common import EXIT_OK


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `serve`."""
    serve = commands.add_parser("serve", help="serve the HTTP API (gunicorn + waitress workers)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument(
        "--port",
        type=port_number,
        default=os.environ.get("PORT", "8000"),
        help="port to bind (default: $PORT, else 8000)",
    )
    serve.set_defaults(handler=serve_command)


def port_number(text: str) -> int:
    """A TCP port number, for argparse."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def serve_command(args: argparse.Namespace) -> int:
    """Run the server in the foreground until SIGINT or SIGTERM."""
    # Imported here: no other command needs Flask, gunicorn or waitress.
    from api.server import serve

    serve(args.host, args.port)
    return EXIT_OK
