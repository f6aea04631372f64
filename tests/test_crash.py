"""Crash safety: a load killed at any point, then run again, ends with the graph of one clean load."""

import shutil

import pytest

from tests.crashing import killed_then_loaded, load, quads
from tests.many import write_minutes


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-minutes")
    write_minutes(folder, 20)
    return folder


@pytest.fixture(scope="module")
def clean(minutes, tmp_path_factory):
    store = tmp_path_factory.mktemp("crash-clean") / "store"
    assert load(minutes, store).returncode == 0
    return quads(store)


@pytest.mark.parametrize("after", [0.9, 1.4, 2.0, 2.6])
def test_a_killed_load_run_again_equals_a_clean_load(minutes, clean, tmp_path, after):
    assert killed_then_loaded(minutes, tmp_path / "store", after) == clean


def test_a_killed_load_after_a_first_one_equals_a_clean_load(minutes, clean, tmp_path):
    """Killed while it adds to a store that already holds documents (the shared facts are there)."""
    half = tmp_path / "half"
    half.mkdir()
    for path in sorted(minutes.iterdir())[::2]:
        shutil.copy(path, half)
    store = tmp_path / "store"
    assert load(half, store).returncode == 0
    assert killed_then_loaded(minutes, store, 1.6) == clean
