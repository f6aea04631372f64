"""The servers kg runs in the background (Neo4j, Oxigraph's server, Fuseki): one start at a time, pid
files checked against the process they name, a detached start, a clean stop, jars from Maven Central.

A server's folder (its home) holds a pid file; a pid is taken for the server only while that process
lives and its command line names the folder, so a stale file (a reboot, a crash) or a pid reused by
another program never passes for the server. Each caller passes its own error class, so a failure
reads as the server's (``Neo4jServerError``, ``SparqlServerError``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from loaders.errors import KGError

LOOPBACK = "127.0.0.1"


@contextmanager
def locked(home: Path, name: str = "start.lock"):
    """One start at a time per home, across processes (test sessions of several people, say)."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def running_pid(pid_file: Path, marker: str) -> int | None:
    """The pid in ``pid_file`` when that process is alive and ``marker`` is one of its arguments."""
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return None
    return pid if alive(pid) and _has_argument(pid, marker) else None


def alive(pid: int) -> bool:
    """The process runs (our own exited child is reaped on the way).

    A zombie is dead unless threads of it still run: a JVM's first thread can exit (and show as a
    zombie) while the others are still closing the server's sockets and files.
    """
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    try:
        os.kill(pid, 0)
        status = Path(f"/proc/{pid}/status").read_text()
    except (ProcessLookupError, FileNotFoundError):
        return False
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return not fields["State"].strip().startswith("Z") or int(fields["Threads"]) > 1


def _has_argument(pid: int, marker: str) -> bool:
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return marker.encode() in arguments


def launch(command: list[str], cwd: Path, log: Path, pid_file: Path, env: dict | None = None) -> int:
    """Start ``command`` detached (its own session, so a terminal's Ctrl-C spares it), its output
    appended to ``log``; the pid goes into ``pid_file`` and is returned."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                   env=env, start_new_session=True)  # fmt: skip
    pid_file.write_text(str(process.pid))
    return process.pid


def terminate(pid: int, timeout: float, what: str, error: type[KGError]) -> None:
    """SIGTERM, then wait until the process has gone; ``error`` when it outlives ``timeout`` seconds."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            raise error(f"{what} (pid {pid}) did not stop within {timeout:.0f} s")
        time.sleep(0.1)


def port_open(port: int, host: str = LOOPBACK) -> bool:
    """Something accepts connections on ``host:port``.

    >>> port_open(1)
    False
    """
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((host, port)) == 0


def log_tail(log: Path, lines: int = 5) -> str:
    """The last lines of a server's log, on one line, for an error message."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return " | ".join(text.strip().splitlines()[-lines:]) or f"no output in {log}"


def require(program: str, how: str, error: type[KGError]) -> None:
    """``error`` saying how to install ``program`` when it is not on PATH."""
    if shutil.which(program) is None:
        raise error(f"`{program}` is not on PATH: {how}")


def fetch_jars(pom: Path, lib: Path, what: str, error: type[KGError]) -> Path:
    """Copy the jars ``pom`` names into ``lib`` with Maven, once (a marker file says it is complete).

    Maven writes into a sibling folder renamed into place at the end, so an interrupted fetch leaves
    nothing that passes for complete.
    """
    marker = lib / ".complete"
    if marker.exists():
        return lib
    require("mvn", "install Maven 3 (Debian: apt-get install maven)", error)
    partial = lib.with_name(lib.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    command = ["mvn", "-q", "-B", "-f", str(pom), "dependency:copy-dependencies"]
    done = subprocess.run([*command, f"-DoutputDirectory={partial}"], capture_output=True, text=True)
    if done.returncode != 0:
        tail = " | ".join((done.stdout + done.stderr).strip().splitlines()[-3:])
        raise error(f"{pom}: Maven could not fetch the {what} jars (is Maven Central reachable?): {tail}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    marker.write_text(what)
    return lib
