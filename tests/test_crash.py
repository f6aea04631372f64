"""Crash safety: a load killed at any point, then run again, ends with the graph of one clean load."""

import shutil
import time

import pytest

from tests.crashing import killed_then_loaded, load, quads
from tests.many import write_minutes


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-minutes")
    write_minutes(folder, 40)  # 120 minutes: a load long enough for kills to strike while it runs
    return folder


@pytest.fixture(scope="module")
def clean(minutes, tmp_path_factory):
    """The quads of one clean load, and how long it took (the kills strike at parts of it)."""
    store = tmp_path_factory.mktemp("crash-clean") / "store"
    start = time.monotonic()
    assert load(minutes, store).returncode == 0
    return quads(store), time.monotonic() - start


@pytest.mark.parametrize("part", [0.2, 0.35, 0.5])
def test_a_killed_load_run_again_equals_a_clean_load(minutes, clean, tmp_path, part):
    expected, seconds = clean
    found, killed = killed_then_loaded(minutes, tmp_path / "store", part * seconds)
    assert found == expected
    assert killed, "the load ended before the kill: nothing was tested"


def test_a_killed_load_after_a_first_one_equals_a_clean_load(minutes, clean, tmp_path):
    """Killed while it adds to a store that already holds documents (the shared facts are there)."""
    half = tmp_path / "half"
    half.mkdir()
    for path in sorted(minutes.iterdir())[::2]:
        shutil.copy(path, half)
    store = tmp_path / "store"
    assert load(half, store).returncode == 0
    expected, seconds = clean
    assert killed_then_loaded(minutes, store, 0.4 * seconds)[0] == expected
