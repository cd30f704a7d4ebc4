"""What the numpy tests check, checked again without numpy, against numpy's recorded output.

CI's suite runs without numpy, so every comparison with numpy elsewhere in
tests/ skips there.  The values numpy gave for the same questions are
recorded in tests/numpy_values.py (with where and how they were made), so
these tests catch the same mistakes on any machine.
"""

import math

import pytest

from minirnn import checkpoint
from minirnn.checkpoint import numpy_array, numpy_float
from minirnn.data import addition_problem, subtraction_problem
from minirnn.numpy_random import RandomState
from minirnn.rnn import sigmoid
from numpy_values import FLOATS, PROBLEMS, RANDINT, RANDINT_SEED, SEEDS, SHAPED_RANDINT, SHAPED_RANDOM, \
    SHAPED_SEED, SIGMOID


@pytest.mark.parametrize("x, text", FLOATS, ids=repr)
def test_floats_print_as_numpy_printed_them(x, text):
    assert numpy_float(x) == text
    assert numpy_array([x], numpy_float) == "[%s]" % text


@pytest.mark.parametrize("error", [-1, 1], ids=["a decade low", "a decade high"])
def test_floats_print_the_same_where_log10_misjudges_the_exponent(monkeypatch, error):
    # numpy_float guesses a scientific exponent with log10, then settles it
    # with exact integers, so a platform with a careless log10 still prints
    # numpy's digits.  CPython's log10 never needs settling; a stand-in a
    # whole decade off, one way and the other, takes both corrections.
    monkeypatch.setattr(checkpoint, "log10", lambda x: math.log10(x) + error)
    scientific = [(x, text) for x, text in FLOATS if "e" in text]
    assert len(scientific) >= 20
    assert [numpy_float(x) for x, _ in scientific] == [text for _, text in scientific]


def test_the_recorded_floats_hold_the_hard_cases():
    # the table is not vacuous: it has ties that round to even and both sides of each switch
    texts = dict(FLOATS)
    assert texts[0.001953125] == "0.00195312" and texts[0.005859375] == "0.00585938"
    assert texts[1e-4] == "0.0001" and texts[9.99999999e-5] == "9.99999999e-05"
    assert texts[1e8] == "1.e+08" and texts[99999999.99999999] == "99999999.99999999"
    assert sum(1 for x, _ in FLOATS if 0.0 <= x <= 8.0) >= 100


@pytest.mark.parametrize("high", sorted(RANDINT))
def test_randint_draws_what_numpy_drew(high):
    draws, after = RANDINT[high]
    rng = RandomState(RANDINT_SEED)
    assert [rng.randint(high) for _ in range(len(draws))] == draws
    assert rng.random() == after  # and the stream is at the same place as numpy's
    assert RandomState(RANDINT_SEED).randint(high, size=len(draws)) == draws  # the same, as one array


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_each_seed_starts_where_numpys_does(seed):
    doubles, wide = SEEDS[seed]
    rng = RandomState(seed)
    assert [rng.random() for _ in doubles] == doubles
    assert [rng.randint(2 ** 63) for _ in wide] == wide


def test_shaped_draws_are_numpys():
    assert RandomState(SHAPED_SEED).random((2, 3)) == SHAPED_RANDOM
    assert RandomState(SHAPED_SEED).randint(100, size=(3, 2)) == SHAPED_RANDINT


@pytest.mark.parametrize("seed, bits", sorted(PROBLEMS))
def test_problems_are_drawn_as_numpy_drew_them(seed, bits):
    additions, subtractions = PROBLEMS[seed, bits]
    rng = RandomState(seed)
    assert [addition_problem(rng, bits) for _ in additions] == [tuple(p) for p in additions]
    assert [subtraction_problem(rng, bits) for _ in subtractions] == [tuple(p) for p in subtractions]


@pytest.mark.parametrize("x, expected", SIGMOID, ids=repr)
def test_sigmoid_is_numpys(x, expected):
    # numpy's exp may differ from the C library's in the last bit: a few units in the last place
    assert sigmoid(x) == pytest.approx(expected, rel=1e-15, abs=0.0)
