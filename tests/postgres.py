"""A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary folder, `pg_ctl start`
listening on a unix socket in that folder only (no TCP port to clash over), a database per test.

PostgreSQL refuses to run as root: as root (CI runs so), the cluster runs as the `postgres` user
that Debian's package creates, through `runuser`. Durability is off (fsync, full page writes,
synchronous commit), and the folder is in memory (/dev/shm) when there is room: the cluster
lives as long as the test session, and creating a database there takes milliseconds, not tenths
of a second.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

SUPERUSER = "postgres"
# Where Debian's packages put the server binaries (not on PATH): /usr/lib/postgresql/<major>/bin.
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
IN_MEMORY = Path("/dev/shm")
# Docker gives /dev/shm 64 MiB by default: too tight for a cluster and a database per test.
IN_MEMORY_ROOM = 1 << 30
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
)


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: $PG_BINDIR, else PATH, else Debian's newest."""
    candidates = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    if DEBIAN_BINARIES.is_dir():
        majors = [path for path in DEBIAN_BINARIES.iterdir() if path.name.isdigit()]
        candidates.extend(path / "bin" for path in sorted(majors, key=lambda p: -int(p.name)))
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def scratch_folder() -> Path | None:
    """Where to put the cluster: in memory when there is room, else the usual temporary folder."""
    try:
        if shutil.disk_usage(IN_MEMORY).free >= IN_MEMORY_ROOM and os.access(IN_MEMORY, os.W_OK):
            return IN_MEMORY
    except OSError:
        pass
    return None


class Cluster:
    """A running PostgreSQL cluster in a temporary folder; `stop()` removes every trace."""

    def __init__(self, binaries: Path) -> None:
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="trainweek-pg-", dir=scratch_folder()))
        self.data = self.folder / "data"
        self._as_owner: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, user=SUPERUSER)
            self._as_owner = ["runuser", "-u", SUPERUSER, "--"]
        self._names = itertools.count(1)
        self._admin: psycopg.Connection | None = None

    def start(self) -> None:
        """initdb and start the server; wait until it takes connections."""
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        options = f"{SERVER_OPTIONS} -k {self.folder}"
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", log, "-o", options)
        self._admin = psycopg.connect(
            host=str(self.folder), user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        if self._admin is not None:
            self._admin.close()
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self) -> str:
        """A new, empty database; its SQLAlchemy URL (driver psycopg 3, over the socket)."""
        name = f"test_{next(self._names)}"
        self._execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{SUPERUSER}@/{name}?host={self.folder}"

    def drop_database(self, url: str) -> None:
        """Drop the database at `url`, closing any connection a test left open."""
        name = make_url(url).database
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _execute(self, statement: str) -> None:
        assert self._admin is not None, "start() the cluster first"
        self._admin.execute(statement.encode())

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_owner, str(self.binaries / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.folder / "server.log"
            server_log = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(
                f"{program} failed ({done.returncode}):\n{done.stdout}{done.stderr}{server_log}"
            )
