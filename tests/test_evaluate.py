"""Measuring a network: which problems are posed, how answers and bits are counted, and the
article model's accuracy at its own width and far beyond it."""

import pytest

from minirnn.data import addition_problem, int2binary, subtraction_problem
from minirnn.evaluate import (EXHAUSTIVE_LIMIT, all_problems, format_result, format_table,
                              measure, pair_count, percent, sampled_problems)
from minirnn.numpy_random import RandomState


class Oracle:
    """A stand-in network that answers from Python's arithmetic, with chosen bits flipped."""

    def __init__(self, task="add", bits=8, flip=(), flip_when=lambda a, b: True):
        self.settings = {"task": task, "bits": bits}
        self.flip = flip
        self.flip_when = flip_when

    def feed(self, a, b):
        a_int, b_int = int("".join(map(str, a)), 2), int("".join(map(str, b)), 2)
        answer = a_int + b_int if self.settings["task"] == "add" else a_int - b_int
        d = int2binary(answer, len(a))
        if self.flip_when(a_int, b_int):
            for bit in self.flip:
                d[-bit - 1] ^= 1
        return d, None, None


# Which problems are posed


@pytest.mark.parametrize("bits", [1, 2, 3, 5, 8])
def test_every_pair_is_every_problem_training_can_draw(bits):
    # Training's draws, enumerated independently: addition takes a and b
    # below 2**(bits-1); subtraction a below 2**bits, b below 2**(bits-1),
    # and swaps them when a < b.
    half = 2 ** (bits - 1)
    adds = {(a, b, a + b) for a in range(half) for b in range(half)}
    subs = set()
    for a in range(2 * half):
        for b in range(half):
            big, small = max(a, b), min(a, b)
            subs.add((big, small, big - small))
    for task, expected in (("add", adds), ("sub", subs)):
        posed = list(all_problems(task, bits))
        assert len(posed) == len(set(posed)) == pair_count(task, bits)
        assert set(posed) == expected


def test_pair_counts_of_the_published_tasks():
    assert pair_count("add", 8) == 128 * 128
    assert pair_count("sub", 8) == sum(256 - b for b in range(128))


@pytest.mark.parametrize("task, draw", [("add", addition_problem), ("sub", subtraction_problem)])
def test_samples_are_drawn_as_training_draws_them(task, draw):
    rng = RandomState(7)
    expected = [draw(rng, 40) for _ in range(20)]
    assert list(sampled_problems(task, 40, 20, 7)) == expected
    assert list(sampled_problems(task, 40, 20, 8)) != expected


def test_pairs_are_all_checked_up_to_the_limit_and_sampled_beyond_it():
    assert pair_count("add", 9) == EXHAUSTIVE_LIMIT
    whole = measure(Oracle(), bits=9)
    assert whole.exhaustive is True and whole.checked == EXHAUSTIVE_LIMIT
    sampled = measure(Oracle(), bits=10, samples=37, seed=3)
    assert sampled.exhaustive is False and sampled.checked == 37 and sampled.seed == 3
    assert measure(Oracle(task="sub"), bits=8).checked == pair_count("sub", 8)


def test_the_default_width_is_the_trained_one():
    assert measure(Oracle(bits=5)).bits == 5
    assert measure(Oracle(bits=5), bits=3).bits == 3


@pytest.mark.parametrize("name, value, message", [
    ("bits", 0, "bits must be a whole number from 1 to 4096, got 0"),
    ("bits", 4097, "bits must be a whole number from 1 to 4096, got 4097"),
    ("bits", 8.0, "bits must be a whole number from 1 to 4096, got 8.0"),
    ("samples", 0, "samples must be a whole number >= 1, got 0"),
    ("seed", -1, "seed must be a whole number from 0 to 4294967295, got -1"),
    ("seed", 2 ** 32, "seed must be a whole number from 0 to 4294967295, got 4294967296"),
])
def test_bad_arguments_are_refused(name, value, message):
    with pytest.raises(ValueError) as raised:
        measure(Oracle(), **{name: value})
    assert str(raised.value) == message


def test_the_ends_of_each_range_are_accepted():
    # seeds are 0 to 2**32-1 (numpy's), widths 1 to MAX_BITS (4096)
    assert measure(Oracle(), bits=20, samples=1, seed=2 ** 32 - 1).seed == 2 ** 32 - 1
    assert measure(Oracle(), bits=20, samples=1, seed=0).seed == 0
    assert measure(Oracle(), bits=4096, samples=1).checked == 1
    assert measure(Oracle(), bits=1).checked == 1  # 0 + 0: the only pair of 1-bit answers


# How answers and bits are counted


@pytest.mark.parametrize("task", ["add", "sub"])
def test_a_right_network_scores_every_answer_and_every_bit(task):
    result = measure(Oracle(task=task), bits=6)
    assert result.correct == result.checked == pair_count(task, 6)
    assert result.bit_correct == [result.checked] * 6 and result.mistakes == []
    assert result.accuracy == 1.0 and result.bit_accuracy == [1.0] * 6


def test_a_flipped_bit_is_counted_at_its_position():
    # Bit 2 is wrong whenever a is odd: half of all answers, all of them at bit 2.
    result = measure(Oracle(flip=(2,), flip_when=lambda a, b: a % 2 == 1), bits=6)
    assert result.checked == 32 * 32
    assert result.correct == 32 * 16
    assert result.bit_correct == [1024, 1024, 512, 1024, 1024, 1024]
    assert result.bit_accuracy[2] == 0.5
    a, b, predicted, true = result.mistakes[0]
    assert a % 2 == 1 and true == a + b and predicted == (a + b) ^ 4
    assert len(result.mistakes) == 5


def test_an_always_zero_network_is_scored_against_an_independent_count():
    zero = Oracle(flip=range(7), flip_when=lambda a, b: False)
    zero.feed = lambda a, b: ([0] * len(a), None, None)
    result = measure(zero, bits=7)
    sums = [a + b for a in range(64) for b in range(64)]
    assert result.correct == sums.count(0) == 1
    assert result.bit_correct == [sum(1 for s in sums if not s >> k & 1) for k in range(7)]


def test_percentages_never_round_up_to_all_or_down_to_none():
    assert percent(16384, 16384) == "100%"
    assert percent(16383, 16384) == "99.99%"
    assert percent(0, 5) == "0%"
    assert percent(1, 10 ** 6) == "<0.01%"
    assert percent(1, 3) == "33.33%"


def test_the_report_shows_mistakes_and_the_table_the_worst_bit():
    result = measure(Oracle(flip=(2,), flip_when=lambda a, b: a % 2 == 1), bits=6)
    text = format_result(result)
    assert "exact answers: 512 of 1024 (50.00%)" in text
    assert "  bits 0-5:" in text and "50.00%" in text.splitlines()[3]
    a, b, predicted, true = result.mistakes[0]
    assert "  %d + %d = %d (should be %d)" % (a, b, predicted, true) in text
    table = format_table([result, measure(Oracle(), bits=4)]).splitlines()
    assert table[1].split() == ["6", "all", "1024", "50.00%", "50.00%", "(bit", "2)"]
    assert table[2].split() == ["4", "all", "64", "100%", "100%"]


# The article's network: right on every 7-bit pair, and on numbers it never saw


@pytest.mark.parametrize("bits", [16, 32, 64, 128])
def test_the_article_model_is_right_on_sampled_wider_sums(article_model, bits):
    result = measure(article_model, bits=bits, samples=100, seed=1)
    assert not result.exhaustive and result.correct == result.checked == 100


def test_a_weak_model_is_reported_as_wrong(weak_model):
    result = measure(weak_model, bits=6)
    assert result.correct < result.checked
    assert "(should be" in format_result(result)


# The command line


# ``eval --model article.json`` (all 16,384 pairs right) and the table of widths up to 128
# bits are docs/cli.md's examples, run as shown by tests/test_docs_examples.py.


def test_eval_prints_a_table_of_widths(cli, article_model_file):
    done = cli("eval", "--model", article_model_file, "--bits", "4,16,64,128", "--samples", "50",
               "--seed", "2")
    assert done.returncode == 0 and done.stderr == ""
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    assert rows == [["4", "all", "64", "100%", "100%"]] + [
        [str(bits), "50", "random", "(seed", "2)", "100%", "100%"] for bits in (16, 64, 128)]


def test_eval_reports_a_wrong_model_plainly(cli, weak_model, weak_model_file):
    result = measure(weak_model, bits=5)
    done = cli("eval", "--model", weak_model_file, "--bits", "5")
    assert done.returncode == 0
    assert "exact answers: %d of 256 (%s)" % (result.correct, percent(result.correct, 256)) \
        in done.stdout
    assert "wrong answers, for example:" in done.stdout.splitlines()


@pytest.mark.parametrize("flags, says", [
    (["--bits", "0"], "argument --bits: bits must be a whole number from 1 to 4096, got 0"),
    (["--bits", "8,x"], "argument --bits: not a bit width or a comma-separated list of them: '8,x'"),
    (["--bits", "4097"], "argument --bits"),
    (["--samples", "0"], "argument --samples: samples must be a whole number >= 1, got 0"),
    (["--samples", "many"], "argument --samples: not a whole number: 'many'"),
    (["--seed", "-1"], "argument --seed: seed must be a whole number from 0 to 4294967295, got -1"),
    (["--seed", str(2 ** 32)], "argument --seed"),
    (["--frobnicate"], "argument --frobnicate: not a flag of the eval command"),
])
def test_eval_refuses_bad_flags_in_one_line(cli, weak_model_file, flags, says):
    done = cli("eval", "--model", weak_model_file, *flags)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and says in done.stderr
