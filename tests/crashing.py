"""Kill ``kg load`` with SIGKILL part-way, load again, and read back what the store holds.

Used by ``tests/test_crash.py`` (a few kills) and ``bench/crash.py`` (twenty, on 300 minutes).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.stores import opened

KG = Path(sys.executable).with_name("kg")


def load(folder: Path, store: Path) -> subprocess.CompletedProcess:
    """``kg load FOLDER --store STORE`` as a user runs it."""
    return subprocess.run([KG, "load", folder, "--store", store], capture_output=True, text=True, check=False)


def killed_then_loaded(folder: Path, store: Path, after) -> tuple[set[str], bool]:
    """Start a load, kill it with SIGKILL ``after`` seconds in, or as soon as ``after(process)``
    says so (or let it end if it is quicker), load again to the end; the store's quads, and whether
    the kill found the load still running."""
    process = subprocess.Popen([KG, "load", folder, "--store", store], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    if callable(after):
        while process.poll() is None and not after(process):
            time.sleep(0.005)
    else:
        time.sleep(after)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not survivors(store), "a worker of the killed load lives on"
    rerun = load(folder, store)
    assert rerun.returncode == 0, rerun.stderr
    return quads(store), killed


def has_workers(process: subprocess.Popen) -> bool:
    """Whether the load has started its worker processes (it is reading and parsing files)."""
    return subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, check=False).returncode == 0


def survivors(store: Path, wait: float = 5.0) -> list[str]:
    """Processes still loading into ``store`` (a worker outliving its killed load), after ``wait`` s."""
    deadline = time.monotonic() + wait
    while True:
        pgrep = subprocess.run(
            ["pgrep", "-f", f"--store {store}"], capture_output=True, text=True, check=False
        )
        found = pgrep.stdout.split()
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def quads(store: Path) -> set[str]:
    """Everything the store holds that a load decides: the knowledge graph and each document whole."""
    with opened(store) as st:
        return {str(q) for q in st.quads()} | {str(q) for q in st.document_quads()}
