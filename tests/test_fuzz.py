"""Fuzzing the reader and parser (issue 11, point 10): thousands of mutated real documents go
through read → parse → record → statements, and each ends in statements or in the project's own
one-line refusal (a :class:`~loaders.errors.KGError`), never in any other exception.

The mutations are those of ``tests/fuzzing.py`` (bench/fuzz.py runs 100,000 of them). Hypothesis
draws the seed document and the random generator, derandomised so that every run of the suite
tries the same cases and a failure shows the smallest case it shrank to.
"""

import pytest
from fuzzing import mutate, run_case, seed_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXTS = seed_texts()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=3000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(seed=st.sampled_from(range(len(TEXTS))), rng=st.randoms(use_true_random=False))
def test_mutated_minutes_end_in_statements_or_a_project_error(folder, seed, rng):
    assert run_case(mutate(TEXTS[seed], rng), folder) in {"statements", "NotMinutesError", "InputError"}


def test_the_crash_fuzzing_found_stays_fixed(folder):
    assert run_case("召开会议\n（一）以下意见\n", folder) in {"statements", "NotMinutesError"}
