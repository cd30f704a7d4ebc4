"""Numbers as bits, and the problems drawn for training."""

import pytest
from hypothesis import given, strategies as st

from minirnn.data import (OPERATORS, PROBLEMS, addition_problem, binary2int, int2binary,
                          subtraction_problem)
from minirnn.numpy_random import RandomState

bit_widths = st.integers(1, 70)
seeds = st.integers(0, 2 ** 32 - 1)


@given(st.data(), bit_widths)
def test_binary_round_trips(data, bits):
    number = data.draw(st.integers(0, 2 ** bits - 1))
    binary = int2binary(number, bits)
    assert len(binary) == bits and set(binary) <= {0, 1}
    assert binary2int(binary) == number
    # most significant bit first, as np.unpackbits gives
    assert binary == [int(ch) for ch in format(number, "0%db" % bits)]


@given(st.lists(st.sampled_from([0, 1]), min_size=1, max_size=70))
def test_any_bits_round_trip(binary):
    assert int2binary(binary2int(binary), len(binary)) == binary


def test_the_articles_table():
    # np.unpackbits of uint8 numbers: the article's int2binary table
    assert int2binary(0, 8) == [0] * 8
    assert int2binary(60, 8) == [0, 0, 1, 1, 1, 1, 0, 0]
    assert int2binary(255, 8) == [1] * 8


@given(bit_widths, st.integers(1, 10))
def test_numbers_that_do_not_fit_are_refused(bits, extra):
    with pytest.raises(ValueError, match="does not fit"):
        int2binary(2 ** bits + extra - 1, bits)
    with pytest.raises(ValueError):
        int2binary(-extra, bits)


@given(seeds, bit_widths)
def test_addition_never_overflows(seed, bits):
    rng = RandomState(seed)
    for _ in range(20):
        a, b, c = addition_problem(rng, bits)
        assert 0 <= a < 2 ** (bits - 1) and 0 <= b < 2 ** (bits - 1)
        assert c == a + b < 2 ** bits
        assert binary2int(int2binary(c, bits)) == c


@given(seeds, bit_widths)
def test_subtraction_is_never_negative(seed, bits):
    rng = RandomState(seed)
    for _ in range(20):
        a, b, c = subtraction_problem(rng, bits)
        assert 0 <= b <= a < 2 ** bits
        assert b < 2 ** (bits - 1)  # the smaller one is at most the b drawn from the lower half
        assert c == a - b >= 0


@given(seeds, bit_widths)
def test_draws_follow_the_articles_order_in_pure_python(seed, bits):
    """a first, then b, each one randint from the same stream; subtraction swaps when a < b."""
    ours, reference = RandomState(seed), RandomState(seed)
    for _ in range(5):
        a = reference.randint(2 ** (bits - 1))
        b = reference.randint(2 ** (bits - 1))
        assert addition_problem(ours, bits) == (a, b, a + b)
    for _ in range(5):
        a = reference.randint(2 ** bits)
        b = reference.randint(2 ** (bits - 1))
        a, b = max(a, b), min(a, b)
        assert subtraction_problem(ours, bits) == (a, b, a - b)


@given(seeds, st.integers(1, 63))
def test_draws_follow_the_articles_order(np, seed, bits):
    """The same problems as the article's numpy lines give, for every width numpy can draw."""
    theirs = np.random.RandomState(seed)
    ours = RandomState(seed)
    for _ in range(5):
        half = 2 ** (bits - 1)
        a, b = int(theirs.randint(half)), int(theirs.randint(half))
        assert addition_problem(ours, bits) == (a, b, a + b)
    for _ in range(5):
        a, b = int(theirs.randint(2 ** bits)), int(theirs.randint(2 ** (bits - 1)))
        if a < b:
            a, b = b, a
        assert subtraction_problem(ours, bits) == (a, b, a - b)


def test_the_published_first_problems():
    # After the weights' 2*16 + 16 + 16*16 draws, seed 0 poses 9 + 60 in the
    # article's log and 60 - 9 (True:[0 0 1 1 0 0 1 1]) in the subtraction log.
    for problem, expected in ((addition_problem, (9, 60, 69)), (subtraction_problem, (60, 9, 51))):
        rng = RandomState(0)
        rng.random(2 * 16 + 16 + 16 * 16)
        assert problem(rng, 8) == expected


def test_tasks():
    assert PROBLEMS == {"add": addition_problem, "sub": subtraction_problem}
    assert OPERATORS == {"add": "+", "sub": "-"}


def test_what_does_not_fit_is_named():
    for number, bits in ((256, 8), (-1, 8), (2, 1)):
        with pytest.raises(ValueError) as raised:
            int2binary(number, bits)
        assert str(raised.value) == "%d does not fit in %d bits" % (number, bits)
    assert int2binary(255, 8) == [1] * 8 and int2binary(1, 1) == [1] and int2binary(0, 1) == [0]
    assert binary2int([True, False, True]) == 5 and binary2int([]) == 0
