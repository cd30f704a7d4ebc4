"""The words and numbers of minirnn eval's reports, checked exactly against counts made here."""

import pytest

from minirnn.evaluate import (Result, bit_length, describe_problems, format_result, format_row, measure,
                              pair_count, percent, true_answer, width_for)
from test_evaluate import Oracle


def test_a_sampled_subtraction_report_word_for_word():
    result = measure(Oracle(task="sub"), bits=12, samples=7, seed=4)
    assert format_result(result) == "\n".join([
        "12-bit subtraction: 7 random pairs of a >= b, a below 2**12 and b below 2**11 (seed 4)",
        "exact answers: 7 of 7 (100%)",
        "each bit of the answer right (bit 0 is the ones):",
        "  bits 0-7:     100%    100%    100%    100%    100%    100%    100%    100%",
        "  bits 8-11:    100%    100%    100%    100%"])
    assert format_row(result) == "   12  7 random (seed 4)                100%  100%"
    assert repr(result) == "Result(sub, bits=12, 7 of 7 right)"


def test_an_exhaustive_subtraction_report():
    result = measure(Oracle(task="sub", flip=(0,), flip_when=lambda a, b: a == b), bits=3)
    assert result.checked == pair_count("sub", 3) == 4 * 8 - 4 * 3 // 2 == 26
    assert describe_problems(result) == "3-bit subtraction: all 26 pairs of a >= b, a below 2**3 and b below 2**2"
    assert result.correct == 26 - 4  # a == b for b in 0..3: four pairs, each wrong in bit 0
    assert format_row(result).split() == ["3", "all", "26", "84.62%", "84.62%", "(bit", "0)"]
    assert result.mistakes == [(0, 0, 1, 0), (1, 1, 1, 0), (2, 2, 1, 0), (3, 3, 1, 0)]
    assert format_result(result) == "\n".join([
        "3-bit subtraction: all 26 pairs of a >= b, a below 2**3 and b below 2**2",
        "exact answers: 22 of 26 (84.62%)",
        "each bit of the answer right (bit 0 is the ones):",
        "  bits 0-2:  84.62%    100%    100%",
        "wrong answers, for example:",
        "  0 - 0 = 1 (should be 0)",
        "  1 - 1 = 1 (should be 0)",
        "  2 - 2 = 1 (should be 0)",
        "  3 - 3 = 1 (should be 0)"])


def test_the_bits_of_a_wide_answer_are_shown_eight_to_a_row():
    # Bits 9 and 16 always wrong: each shows in its own row at its own place,
    # and every row but the last has eight columns.
    result = measure(Oracle(flip=(9, 16)), bits=20, samples=4, seed=0)
    assert result.correct == 0
    rows = format_result(result).split("\n")[3:6]
    assert rows == ["  bits 0-7:  " + "    100%" * 8,
                    "  bits 8-15: " + "    100%" + "      0%" + "    100%" * 6,
                    "  bits 16-19:" + "      0%" + "    100%" * 3]


def test_at_most_five_mistakes_are_kept():
    result = measure(Oracle(flip=(1,)), bits=4)
    assert result.correct == 0 and len(result.mistakes) == 5
    assert result.mistakes[0] == (0, 0, 2, 0)


def test_the_worst_bit_is_the_first_of_the_worst():
    result = Result("add", 3, exhaustive=True)
    result.checked, result.correct, result.bit_correct = 10, 5, [9, 7, 7]
    assert format_row(result).endswith("70.00% (bit 1)")
    result.bit_correct = [10, 10, 10]
    assert format_row(result).endswith("  100%")


@pytest.mark.parametrize("part, whole, text", [
    (0, 7, "0%"), (7, 7, "100%"), (1, 2, "50.00%"), (2, 3, "66.67%"), (99995, 100000, "99.99%"),
    (199999, 200000, "99.99%"), (4, 100000, "<0.01%"), (1, 10000, "0.01%"), (9999, 10000, "99.99%"),
])
def test_percentages(part, whole, text):
    assert percent(part, whole) == text


def test_widths_and_answers():
    assert [bit_length(n) for n in (0, 1, 2, 3, 4, 2 ** 64 - 1, 2 ** 64)] == [0, 1, 2, 2, 3, 64, 65]
    assert width_for(Oracle(bits=8), 255, 0) == 9 and width_for(Oracle(bits=8), 127, 127) == 8
    assert width_for(Oracle(bits=3), 0, 0) == 3
    assert true_answer("add", 5, 3) == 8 and true_answer("sub", 5, 3) == 2
    result = measure(Oracle(bits=5))
    assert result.accuracy == 1.0 and result.bit_accuracy == [1.0] * 5 and result.seed is None
