"""The checkpoint text, and floats printed the way numpy prints them."""

import math
import re
import struct

import pytest
from hypothesis import example, given, strategies as st

from conftest import golden
from minirnn.checkpoint import format_checkpoint_lines, numpy_array, numpy_float


def numpy_str(np, x):
    """How numpy shows x as the one element of a float64 array, without the brackets."""
    return str(np.array([x], dtype=np.float64))[1:-1].strip()


@given(st.floats(allow_nan=False))
@example(5e-324)            # smallest subnormal
@example(2.2250738585072014e-308)
@example(1.7976931348623157e308)
@example(-0.0)
@example(83913718.5340135)  # big enough that fewer than 8 decimals are exact
@example(0.001953125)       # a tie at the 8th decimal
@example(9.99999999e-5)     # just below the switch to scientific notation
@example(1e-4)
@example(99999999.99999999)
@example(1e8)
def test_floats_print_as_numpy_prints_them(np, x):
    assert numpy_float(x) == numpy_str(np, x)


@given(st.integers(0, 2 ** 64 - 1))
@example(202)  # 9.98e-322: its shortest form rounds up to the next power of ten
def test_any_bit_pattern_prints_as_numpy_does(np, bits):
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    if math.isnan(x):
        assert numpy_float(x) == "nan"
    else:
        assert numpy_float(x) == numpy_str(np, x)


@given(st.floats(0.0, 8.0))
def test_errors_in_the_range_a_checkpoint_shows(np, x):
    # overallError of an 8-bit problem lies in [0, 8]: the case that matters most
    assert "Error:" + numpy_array([x], numpy_float) == "Error:" + str(np.array([x]))


@pytest.mark.parametrize("x, text", [
    (3.456386630001, "3.45638663"),   # rounded to 8 decimals
    (3.5852713, "3.5852713"),         # trailing zero dropped
    (2.486562, "2.486562"),
    (2.0, "2."),
    (0.0, "0."),
    (-0.0, "-0."),
    (0.00001234, "1.234e-05"),
    (123456789.0, "1.23456789e+08"),
    (float("nan"), "nan"),
    (float("inf"), "inf"),
    (float("-inf"), "-inf"),
])
def test_known_floats(x, text):
    assert numpy_float(x) == text


def published_errors():
    """Every Error value printed in the two published logs, as text."""
    return [error for name in ("article_add.log", "subtraction.log")
            for error in re.findall(r"^Error:\[(.*)\]$", golden(name), re.M)]


def test_data_the_published_logs_have_23_errors():
    # a check of the data in tests/golden/ that the next test is parametrized with
    errors = published_errors()
    assert len(errors) == 10 + 13
    assert "3.5852713" in errors and "0.1709148" in errors and "2.486562" in errors


@pytest.mark.parametrize("text", published_errors())
def test_published_errors_print_back_as_published(text):
    # the nearest float to each printed value prints as the same (shortest) text:
    # at most 8 decimals, trailing zeros dropped as in 3.5852713 and 2.486562
    assert numpy_float(float(text)) == text
    # and a value a little off in the ninth decimal still rounds to it
    assert numpy_float(float(text) + 4e-9) == text


def test_five_lines_as_the_article_prints_them():
    text = format_checkpoint_lines(0.21595037, [0, 0, 0, 0, 1, 1, 1, 0], [0, 0, 0, 0, 1, 1, 1, 0],
                                   11, 3, "+")
    assert text.split("\n") == ["Error:[0.21595037]", "Pred:[0 0 0 0 1 1 1 0]",
                                "True:[0 0 0 0 1 1 1 0]", "11 + 3 = 14", "------------"]
    # the article's last checkpoint, with no newline after the dashes
    assert text + "\n" == golden("article_add.log").split("------------\n")[-2] + "------------\n"


def test_the_equation_shows_the_prediction_not_the_truth():
    text = format_checkpoint_lines(1.0, [1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 1, 1, 1, 1],
                                   28, 35, "+")
    assert "28 + 35 = 255" in text
    assert text.split("\n")[1:3] == ["Pred:[1 1 1 1 1 1 1 1]", "True:[0 0 1 1 1 1 1 1]"]


def test_subtraction_uses_a_minus():
    text = format_checkpoint_lines(3.99972855, [0] * 8, [0, 0, 1, 1, 0, 0, 1, 1], 60, 9, "-")
    assert text + "\n" == golden("subtraction.log").split("------------\n")[0] + "------------\n"
