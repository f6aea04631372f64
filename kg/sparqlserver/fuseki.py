"""Apache Jena Fuseki (the main server, without the UI) with one TDB2 dataset named ``kg``.

Maven fetches the jars once (``pom.xml`` beside this file pins the release) into
``~/.cache/minutes-kg/fuseki-<version>``, shared by every data folder; the machine's Java 17 runs them.
The configuration file written into the data folder makes the dataset (TDB2 in ``db/``, its default
graph the union of the named graphs) and its endpoints: query (``/kg``, ``/kg/query``,
``/kg/sparql``), update (``/kg``, ``/kg/update``) and the Graph Store Protocol (``/kg``, ``/kg/data``).
The server listens on 127.0.0.1 only and asks for HTTP basic authentication on every request (user
``kg``; Jetty's password file, written owner-only on each start, holds the kept password's MD5).
docs/sparql-server.md records what was verified.
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib.resources import files
from pathlib import Path

from kg import passwords, processes

POM = Path(str(files("kg.sparqlserver"))) / "pom.xml"
VERSION = re.search(r"<fuseki.version>([^<]+)</fuseki.version>", POM.read_text(encoding="utf-8")).group(1)
"""The Fuseki release pinned in ``pom.xml``; the one place it is written."""

DEFAULT_PORT = 3030
USER = "kg"
HEAP = "1g"
dataset_path = "/kg"
JAVA_HOW = "install a Java 17 runtime (Debian: apt-get install openjdk-17-jre-headless)"

CONFIG = """\
PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX ja:     <http://jena.hpl.hp.com/2005/11/Assembler#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>

[] rdf:type fuseki:Server ;
   fuseki:allowedUsers "{user}" ;
   ja:context [ ja:cxtName "arq:httpServiceAllowed" ; ja:cxtValue "false" ] .

<#service> rdf:type fuseki:Service ;
    fuseki:name "kg" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ] ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
    fuseki:dataset <#dataset> .

<#dataset> rdf:type tdb2:DatasetTDB2 ;
    tdb2:location "{location}" ;
    tdb2:unionDefaultGraph true .
"""


def default_lib() -> Path:
    """``fuseki-<version>`` in the user's cache folder: the jars every data folder shares."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "minutes-kg" / f"fuseki-{VERSION}"


def require(error) -> None:
    processes.require("java", JAVA_HOW, error)


def fetch_jars(error, lib: Path | None = None) -> Path:
    """The jars, fetched by Maven on the first call (a few seconds, some 30 MB)."""
    return processes.fetch_jars(POM, lib or default_lib(), f"Fuseki {VERSION}", error)


def prepare(data: Path, port: int, password: str, error) -> list[str]:
    """Write the configuration and the password file into ``data``; the command that serves it."""
    lib = fetch_jars(error)
    (data / "db").mkdir(parents=True, exist_ok=True)
    location = str(data / "db").replace("\\", "\\\\").replace('"', '\\"')
    (data / "config.ttl").write_text(CONFIG.format(user=USER, location=location), encoding="utf-8")
    passwords.write_owner_only(data / "passwd", realm_line(password))
    main = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
    return ["java", f"-Xmx{HEAP}", "-cp", f"{lib}/*", main, marker(data), "--localhost", f"--port={port}",
            "--auth=basic", f"--passwd={data / 'passwd'}"]  # fmt: skip


def realm_line(password: str) -> str:
    """The user's line of Jetty's realm file, with the password's MD5 rather than the password: Jetty
    checks a password against its ``MD5:`` digest, so the data folder holds no copy a reader could
    use (the password is 144 random bits, beyond guessing from its digest).

    >>> realm_line("secret")
    'kg: MD5:5ebe2294ecd0e0f08eab7690d2a6ee69\\n'
    """
    return f"{USER}: MD5:{hashlib.md5(password.encode()).hexdigest()}\n"


def marker(data: Path) -> str:
    """The argument that tells this folder's server among processes.

    >>> marker(Path("/d"))
    '--config=/d/config.ttl'
    """
    return f"--config={data / 'config.ttl'}"


def endpoints(url: str) -> dict:
    """The SPARQL 1.1 Protocol and Graph Store Protocol endpoints of the dataset at ``url``.

    >>> endpoints("http://127.0.0.1:3030/kg")["store"]
    'http://127.0.0.1:3030/kg/data'
    """
    return {"query": f"{url}/query", "update": f"{url}/update", "store": f"{url}/data"}
