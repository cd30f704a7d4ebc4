"""Numbers as bits, and the problems drawn for training."""

import pytest
from hypothesis import given, strategies as st

from minirnn.data import addition_problem, binary2int, int2binary, subtraction_problem
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


@given(seeds, bit_widths)
def test_subtraction_is_never_negative(seed, bits):
    rng = RandomState(seed)
    for _ in range(20):
        a, b, c = subtraction_problem(rng, bits)
        assert 0 <= b <= a < 2 ** bits
        assert c == a - b >= 0


@given(seeds, st.integers(1, 63))
def test_draws_follow_the_articles_order(seed, bits):
    """a first, then b, from numpy's randint; subtraction swaps when a < b."""
    np = pytest.importorskip("numpy")
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
