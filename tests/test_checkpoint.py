"""The checkpoint text, and floats printed the way numpy prints them."""

import math
import struct

import pytest
from hypothesis import example, given, strategies as st

from minirnn.checkpoint import format_checkpoint_lines, numpy_float
from minirnn.rnn import sigmoid


def numpy_str(x):
    np = pytest.importorskip("numpy")
    return str(np.array([x]))[1:-1].strip()


@given(st.floats(allow_nan=False, allow_infinity=False))
@example(5e-324)            # smallest subnormal
@example(2.2250738585072014e-308)
@example(1.7976931348623157e308)
@example(83913718.5340135)  # big enough that fewer than 8 decimals are exact
@example(0.001953125)       # a tie at the 8th decimal
@example(9.99999999e-5)     # just below the switch to scientific notation
@example(99999999.99999999)
def test_floats_print_as_numpy_prints_them(x):
    assert numpy_float(x) == numpy_str(x)


@given(st.integers(0, 2 ** 64 - 1))
def test_any_bit_pattern_prints_as_numpy_does(bits):
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if not math.isnan(x):
        assert numpy_float(x) == numpy_str(x)


@pytest.mark.parametrize("x, text", [
    (3.456386630001, "3.45638663"),   # rounded to 8 decimals
    (3.5852713, "3.5852713"),         # trailing zero dropped
    (2.486562, "2.486562"),
    (2.0, "2."),
    (0.0, "0."),
    (0.00001234, "1.234e-05"),
    (123456789.0, "1.23456789e+08"),
    (float("nan"), "nan"),
    (float("inf"), "inf"),
])
def test_known_floats(x, text):
    assert numpy_float(x) == text


def test_five_lines_as_the_article_prints_them():
    text = format_checkpoint_lines(0.21595037, [0, 0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 1, 1, 1, 0],
                                   11, 3, "+")
    assert text.split("\n") == ["Error:[0.21595037]", "Pred:[0 0 0 0 1 1 1 0]",
                                "True:[0 0 0 0 1 1 1 0]", "11 + 3 = 14", "------------"]


def test_the_equation_shows_the_prediction_not_the_truth():
    text = format_checkpoint_lines(1.0, [1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1, 1, 1],
                                   28, 35, "+")
    assert "28 + 35 = 255" in text


@given(st.floats(allow_nan=False))
def test_sigmoid_is_in_the_unit_interval_and_never_raises(x):
    assert 0.0 <= sigmoid(x) <= 1.0


@given(st.floats(-700, 700))
def test_sigmoid_equals_numpys(x):
    np = pytest.importorskip("numpy")
    assert sigmoid(x) == 1 / (1 + np.exp(-np.float64(x)))
