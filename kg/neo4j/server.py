"""A real Neo4j Community server from Maven Central, run in the background: ``kg neo4j start|stop|status``.

Neo4j publishes every jar of its server to Maven Central, so Maven fetches them (``pom.xml`` beside
this file pins the release) and the genuine server runs on the machine's Java 17 without Docker or
Neo4j's download site. The jars live in a cache folder outside the project
(``~/.cache/minutes-kg/neo4j-<version>``, or ``$KG_NEO4J_HOME``), fetched once per machine; the
same folder is the server's home (conf, data, logs). docs/neo4j.md records what was verified.

A second instance (another ``home`` and ``port``) shares the jars.

The server is locked down whatever the options: authentication is always on (a password generated
on the first start of a home is kept owner-only by :mod:`kg.neo4j.credentials`, and every ``kg``
command finds it), a restart never turns it off, Bolt listens on loopback only, and ``LOAD CSV``
cannot read the machine's files (file URLs are off; the import folder is an empty one in the home).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from importlib.resources import files
from pathlib import Path

from kg import passwords, processes
from kg.neo4j import credentials
from loaders.errors import KGError

POM = Path(str(files("kg.neo4j"))) / "pom.xml"
VERSION = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text(encoding="utf-8")).group(1)
"""The Neo4j release pinned in ``pom.xml``; the one place it is written."""

DEFAULT_PORT = 7687
HEAP = "1g"
PAGECACHE = "512m"
READY_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
PID_FILE = "run/kg-neo4j.pid"
JAVA_HOW = "install a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)"

JVM_FLAGS = [
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC", "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
]  # fmt: skip
"""The flags Neo4j's own launcher passes (``neo4j console --dry-run``), heap aside."""


class Neo4jServerError(KGError):
    """The Neo4j server cannot be fetched, configured, started or stopped."""


def default_home() -> Path:
    """``$KG_NEO4J_HOME``, else ``neo4j-<version>`` in the user's cache folder.

    >>> default_home().name == f"neo4j-{VERSION}" or "KG_NEO4J_HOME" in os.environ
    True
    """
    if os.environ.get("KG_NEO4J_HOME"):
        return Path(os.environ["KG_NEO4J_HOME"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "minutes-kg" / f"neo4j-{VERSION}"


def start(home=None, port: int = DEFAULT_PORT, password: str | None = None, jars=None) -> dict:
    """Start the server in the background, authentication on, and wait until it answers; idempotent.

    ``password`` is the ``neo4j`` user's password, the user's to keep; without it the one kept for
    this home is used, or a new one is generated and kept (:mod:`kg.neo4j.credentials`). A home
    run before without authentication (its user still has Neo4j's default password) is given the
    password on this start. ``jars`` is the folder of jars to run, by default ``lib`` of the
    default home; Maven fills it when it is empty. Returns the status, with ``already_running``
    true when the server was up before.
    """
    home = Path(home or default_home()).absolute()
    processes.require("java", JAVA_HOW, Neo4jServerError)
    with processes.locked(home):
        if _pid(home):
            return status(home) | {"already_running": True}
        lib = fetch_jars(Path(jars) if jars else default_home() / "lib")
        chosen = password or credentials.for_home(home) or passwords.generate()
        never_started = not (home / "data" / "databases").exists()
        _configure(home, port)
        if never_started and not (home / "data" / "dbms" / "auth.ini").exists():
            _admin(home, lib, "dbms", "set-initial-password", "--", chosen)  # "--": it may start with "-"
        pid = _launch(home, lib)
        _wait_until_ready(home, pid, port, chosen)
        if password is None:
            credentials.save(home, f"bolt://127.0.0.1:{port}", chosen)
        return status(home) | {"already_running": False}


def password(home=None, change: bool = False) -> str:
    """The password kept for the server of ``home``; ``change`` sets a new generated one first (the
    server must be running) and keeps it."""
    home = Path(home or default_home()).absolute()
    current = credentials.for_home(home)
    if current is None:
        raise Neo4jServerError(
            f"{home}: no password is kept for this server (it was started with --password, or never): "
            "start it with `kg neo4j start`"
        )
    if not change:
        return current
    port = _configured_port(home)
    if not _pid(home) or port is None:
        raise Neo4jServerError(f"{home}: Neo4j is not running; start it with `kg neo4j start`, then change")
    new = passwords.generate()
    _set_password(port, ("neo4j", current), current, new)
    credentials.save(home, f"bolt://127.0.0.1:{port}", new)
    return new


def stop(home=None) -> dict:
    """Shut the server down cleanly (SIGTERM, then wait for it); ``stopped`` false when it was not up."""
    home = Path(home or default_home()).absolute()
    pid = _pid(home)
    if not pid:
        return {"home": str(home), "stopped": False}
    processes.terminate(pid, STOP_TIMEOUT, f"{home}: Neo4j", Neo4jServerError)
    (home / PID_FILE).unlink(missing_ok=True)
    return {"home": str(home), "stopped": True, "pid": pid}


def status(home=None) -> dict:
    """Whether the server of ``home`` runs, its pid, Bolt address, data and log folders."""
    home = Path(home or default_home()).absolute()
    pid = _pid(home)
    port = _configured_port(home)
    return {
        "running": bool(pid),
        "pid": pid,
        "uri": f"bolt://127.0.0.1:{port}" if port else None,
        "version": VERSION,
        "home": str(home),
        "data": str(home / "data"),
        "log": str(home / "logs" / "console.log"),
    }


def managed_home(uri: str) -> Path | None:
    """The home of the running server ``kg neo4j start`` runs at ``uri`` (a local Bolt or neo4j
    address), or None: then kg cannot stop it, and a rebuild says what to run instead.

    >>> managed_home("neo4j+s://x.databases.neo4j.io") is None
    True
    """
    port = credentials.local_port(uri)
    if port is None:
        return None
    homes = [Path(h) for h in credentials.homes()] + [default_home().absolute()]
    for home in reversed(homes):  # the newest start first, as for its password
        if _configured_port(home) == port and _pid(home):
            return home
    return None


def import_full(
    home, nodes: list[Path], relationships: list[Path], database: str, array_delimiter: str
) -> None:
    """``neo4j-admin database import full`` of header-and-data CSV files into ``database`` of the
    stopped server in ``home``, replacing what it held (``--overwrite-destination``); quotes in the
    files may span lines."""
    home = Path(home).absolute()
    if _pid(home):
        raise Neo4jServerError(f"{home}: Neo4j is running; stop it before an import")
    lib = fetch_jars(default_home() / "lib")
    options = [f"--nodes={path}" for path in nodes] + [f"--relationships={path}" for path in relationships]
    options += [
        "--overwrite-destination=true",
        "--multiline-fields=true",
        f"--array-delimiter={array_delimiter}",
    ]
    _admin(home, lib, "database", "import", "full", *options, database)


def configured_port(home) -> int | None:
    """The Bolt port ``kg neo4j start`` wrote into the configuration of ``home``."""
    return _configured_port(Path(home).absolute())


def fetch_jars(lib: Path) -> Path:
    """Copy the server's jars into ``lib`` with Maven, once (a marker file says it is complete)."""
    return processes.fetch_jars(POM, lib, f"Neo4j {VERSION}", Neo4jServerError)


def config(port: int) -> str:
    """The minimal ``neo4j.conf``: Bolt on loopback only, authentication on, no HTTP, no usage reports,
    no ``LOAD CSV`` from file URLs (and an import folder of its own, kept empty).

    >>> "server.bolt.listen_address=127.0.0.1:7699" in config(7699)
    True
    >>> "dbms.security.auth_enabled=true" in config(7699)
    True

    The advertised address is the one a ``neo4j://`` (routing) driver is sent on to: Neo4j's default
    is ``localhost:7687`` whatever port it listens on, so a routed connection to a second server
    would reach the first one.

    >>> "server.bolt.advertised_address=127.0.0.1:7699" in config(7699)
    True
    """
    return "\n".join([
        "server.default_listen_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{port}",
        f"server.bolt.advertised_address=127.0.0.1:{port}",
        "server.bolt.tls_level=DISABLED",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.security.allow_csv_import_from_file_urls=false",
        "server.directories.import=import",
        "dbms.usage_report.enabled=false",
        "server.directories.data=data",
        "server.directories.logs=logs",
        "server.directories.run=run",
        f"server.memory.pagecache.size={PAGECACHE}",
        "db.shutdown_transaction_end_timeout=2s",
        "dbms.cypher.min_replan_interval=1h",
        "",
    ])  # fmt: skip


def _configure(home: Path, port: int) -> None:
    for folder in ("conf", "data", "logs", "run", "import"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(config(port), encoding="utf-8")


def _configured_port(home: Path) -> int | None:
    conf = home / "conf" / "neo4j.conf"
    found = conf.exists() and re.search(r"bolt.listen_address=.*:(\d+)", conf.read_text(encoding="utf-8"))
    return int(found.group(1)) if found else None


def _admin(home: Path, lib: Path, *args: str) -> None:
    """Run ``neo4j-admin`` (its launcher class) on ``home``."""
    command = ["java", "-cp", f"{lib}/*", f"-Dbasedir={home}", "org.neo4j.server.startup.Neo4jAdminCommand"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, cwd=home)
    if done.returncode != 0:
        raise Neo4jServerError(
            f"{home}: neo4j-admin {args[0]} {args[1]} failed: {done.stderr.strip()[-300:]}"
        )


def _launch(home: Path, lib: Path) -> int:
    """Start the server's JVM detached, its output to ``logs/console.log``; returns its pid."""
    command = ["java", f"-Xms{HEAP}", f"-Xmx{HEAP}", *JVM_FLAGS, "-cp", f"{lib}/*",
               "org.neo4j.server.CommunityEntryPoint", f"--home-dir={home}", f"--config-dir={home / 'conf'}",
               "--console-mode"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_OPTS", "HEAP_SIZE", "JAVA_TOOL_OPTIONS")}
    return processes.launch(command, home, home / "logs" / "console.log", home / PID_FILE, env)


def _wait_until_ready(home: Path, pid: int, port: int, password: str) -> None:
    """Poll with the driver until ``RETURN 1`` answers; an open port alone is not ready."""
    import neo4j

    auth = ("neo4j", password)
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        if not processes.alive(pid):
            (home / PID_FILE).unlink(missing_ok=True)
            raise Neo4jServerError(f"{home}: Neo4j exited while starting: {_log_tail(home)}")
        try:
            with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=auth) as driver:
                with driver.session() as session:  # a plain session: no retries of its own
                    session.run("RETURN 1").consume()
                return
        except neo4j.exceptions.AuthError:
            _adopt(home, port, password)
            return
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
            if time.monotonic() > deadline:
                waited = f"within {READY_TIMEOUT:.0f} s"
                raise Neo4jServerError(
                    f"{home}: Neo4j did not answer on port {port} {waited}: {_log_tail(home)}"
                ) from None
            time.sleep(0.5)


def _adopt(home: Path, port: int, password: str) -> None:
    """Give ``password`` to a server whose ``neo4j`` user still has Neo4j's default one (a home first
    run without authentication); any other refusal is an error that says what to do."""
    try:
        _set_password(port, ("neo4j", "neo4j"), "neo4j", password)
    except Neo4jServerError:
        raise Neo4jServerError(
            f"{home}: Neo4j is up, with authentication on, but refused the password: give the one set "
            "for this home with `kg neo4j start --password P` (or NEO4J_PASSWORD to other commands)"
        ) from None


def _set_password(port: int, auth: tuple[str, str], old: str, new: str) -> None:
    """Change the ``neo4j`` user's password from ``old`` to ``new`` on the server at ``port``."""
    import neo4j

    try:
        with (
            neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=auth) as driver,
            driver.session(database="system") as session,
        ):
            session.run("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", old=old, new=new).consume()
    except neo4j.exceptions.Neo4jError as error:
        raise Neo4jServerError(f"Neo4j on port {port} refused to change the password: {error.code}") from None
    except neo4j.exceptions.DriverError as error:
        raise Neo4jServerError(f"Neo4j on port {port} could not be reached: {error}") from None


def _pid(home: Path) -> int | None:
    """The pid of this home's server when it is alive (a stale pid file is ignored)."""
    return processes.running_pid(home / PID_FILE, f"--home-dir={home}")


def _log_tail(home: Path) -> str:
    return processes.log_tail(home / "logs" / "console.log")
