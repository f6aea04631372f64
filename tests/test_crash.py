"""Crash safety: a load killed at any point, then run again, ends with the graph of one clean load."""

import shutil
from pathlib import Path

import pytest

from tests.crashing import has_workers, killed_then_loaded, load, quads
from tests.many import write_minutes


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-minutes")
    write_minutes(folder, 40)  # 120 minutes: a load long enough for kills to strike while it runs
    return folder


@pytest.fixture(scope="module")
def clean(minutes, tmp_path_factory):
    store = tmp_path_factory.mktemp("crash-clean") / "store"
    assert load(minutes, store).returncode == 0
    return quads(store)


MOMENTS = {
    "starting": lambda process: True,
    "store begun": lambda process: (Path(process.args[-1]) / "CURRENT").exists(),
    "parsing in workers": has_workers,
}
"""Moments of a load to kill it at, each seen as it happens (not guessed from a clock, which a fast
machine outruns)."""


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_a_killed_load_run_again_equals_a_clean_load(minutes, clean, tmp_path, moment):
    found, killed = killed_then_loaded(minutes, tmp_path / "store", MOMENTS[moment])
    assert killed, "the load ended before the kill: nothing was tested"
    assert found == clean


def test_a_killed_load_after_a_first_one_equals_a_clean_load(minutes, clean, tmp_path):
    """Killed while it adds to a store that already holds documents (the shared facts are there)."""
    half = tmp_path / "half"
    half.mkdir()
    for path in sorted(minutes.iterdir())[::2]:
        shutil.copy(path, half)
    store = tmp_path / "store"
    assert load(half, store).returncode == 0
    found, killed = killed_then_loaded(minutes, store, has_workers)
    assert killed and found == clean
