"""Asking a network a sum: model.predict and ``minirnn predict``, at any width, and what they refuse."""

import pytest
from hypothesis import given, settings, strategies as st

import minirnn
from minirnn.data import int2binary
from minirnn.evaluate import MAX_BITS, predict, width_for
from minirnn.rnn import RNN
from test_gradient import plain_forward


class Recorder:
    """A stand-in network that answers 0 and remembers the bit widths it was posed."""

    def __init__(self, task="add", bits=8):
        self.settings = {"task": task, "bits": bits}
        self.widths = []

    def feed(self, a, b):
        assert len(a) == len(b)
        self.widths.append(len(a))
        return [0] * len(a), None, None


@pytest.fixture(scope="module")
def subtraction_model():
    return minirnn.train(task="sub", iterations=10, print_every=None)


# The article's network adds numbers far longer than it was trained on


def test_the_article_model_answers_57_plus_68(article_model):
    assert article_model.predict(57, 68) == 125


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2 ** 128 - 1), st.integers(0, 2 ** 128 - 1))
def test_the_article_model_adds_128_bit_numbers(article_model, a, b):
    assert article_model.predict(a, b) == a + b


@pytest.mark.parametrize("a, b", [
    (0, 0), (1, 0), (127, 127), (255, 1),                    # around the trained width
    (2 ** 128 - 1, 2 ** 128 - 1), (2 ** 128 - 1, 1),         # every bit carries
    (2 ** 200, 2 ** 200), (2 ** MAX_BITS - 1, 1),            # up to the largest accepted
], ids=lambda n: str(n) if n < 10 ** 6 else "%d-bit" % n.bit_length())
def test_the_article_model_on_edge_cases(article_model, a, b):
    assert article_model.predict(a, b) == a + b


def test_the_api_function_and_method_agree(article_model):
    assert predict(article_model, 10 ** 30, 7) == article_model.predict(10 ** 30, 7) == 10 ** 30 + 7


# The width a problem is posed at


@pytest.mark.parametrize("a, b, width", [
    (0, 0, 8), (57, 68, 8), (127, 127, 8),       # fits in the trained 8 bits
    (128, 0, 9), (255, 255, 9),                   # one bit more than the larger operand
    (1, 2 ** 64 - 1, 65), (2 ** 100, 3, 102),
], ids=lambda n: str(n) if n < 10 ** 6 else "%d-bit" % n.bit_length())
def test_problems_are_posed_one_bit_wider_than_the_larger_operand_at_least_the_trained_width(
        a, b, width):
    model = Recorder(bits=8)
    assert width_for(model, a, b) == width
    predict(model, a, b)
    assert model.widths == [width]


def test_a_model_trained_wider_is_posed_problems_at_its_width():
    model = Recorder(bits=20)
    predict(model, 3, 4)
    assert model.widths == [20]


def test_subtraction_is_posed_the_same_way():
    model = Recorder(task="sub", bits=8)
    predict(model, 2 ** 70, 5)
    assert model.widths == [72]


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2 ** 70), st.integers(0, 2 ** 70))
def test_predict_reads_the_networks_output_bits(subtraction_model, a, b):
    a, b = max(a, b), min(a, b)
    width = max(8, len(bin(a)) - 2 + 1)  # one bit more than the larger operand, at least 8
    model = subtraction_model
    outputs = plain_forward(model.synapse_0, model.synapse_1, model.synapse_h, model.h0,
                            int2binary(a, width), int2binary(b, width))  # ones bit first
    assert model.predict(a, b) == sum(1 << k for k, out in enumerate(outputs) if out > 0.5)


# What predict refuses


@pytest.mark.parametrize("a, b, message", [
    (-1, 2, "a must not be negative, got -1"),
    (2, -5, "b must not be negative, got -5"),
    (1.0, 2, "a must be a whole number, got 1.0"),
    (1, "2", "b must be a whole number, got '2'"),
    (True, 2, "a must be a whole number, got True"),
    (None, 2, "a must be a whole number, got None"),
    (2 ** MAX_BITS, 1, "a is too large: numbers of at most 4096 bits are accepted, got one of 4097 bits"),
    (1, 2 ** 5000, "b is too large: numbers of at most 4096 bits are accepted, got one of 5001 bits"),
])
def test_bad_operands_are_refused(a, b, message):
    with pytest.raises(ValueError) as raised:
        RNN([[0.0], [0.0]], [[0.0]], [[0.0]]).predict(a, b)
    assert str(raised.value) == message


def test_a_subtraction_model_refuses_a_smaller_than_b(subtraction_model):
    with pytest.raises(ValueError, match=r"needs a >= b .*got 3 - 5"):
        subtraction_model.predict(3, 5)
    # a == b is allowed: the answer is the network's own, read from an independent forward pass
    outputs = plain_forward(subtraction_model.synapse_0, subtraction_model.synapse_1,
                            subtraction_model.synapse_h, subtraction_model.h0,
                            int2binary(5, 8), int2binary(5, 8))
    expected = sum(1 << k for k, out in enumerate(outputs) if out > 0.5)
    assert subtraction_model.predict(5, 5) == expected


# The command line


def test_predict_prints_the_sum(cli, article_model_file):
    done = cli("predict", "--model", article_model_file, "57", "68")
    assert (done.returncode, done.stdout, done.stderr) == (0, "57 + 68 = 125\n", "")


def test_predict_answers_128_bit_sums(cli, article_model_file):
    a, b = 2 ** 128 - 1 - 10 ** 20, 3 ** 80
    done = cli("predict", "--model", article_model_file, a, b)
    assert done.returncode == 0
    assert done.stdout == "%d + %d = %d\n" % (a, b, a + b)


def test_a_wrong_answer_is_marked(cli, weak_model, weak_model_file):
    answer = weak_model.predict(57, 68)
    assert answer != 125  # 300 iterations are not enough to add
    done = cli("predict", "--model", weak_model_file, "57", "68")
    assert done.returncode == 0
    assert done.stdout == "57 + 68 = %d  (wrong: the answer is 125)\n" % answer


def test_a_subtraction_model_prints_a_minus(cli, subtraction_model, tmp_path):
    path = str(tmp_path / "sub.json")
    subtraction_model.save(path)
    done = cli("predict", "--model", path, "200", "57")
    assert done.returncode == 0 and done.stdout.startswith("200 - 57 = ")
    done = cli("predict", "--model", path, "57", "200")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("minirnn: error: a subtraction model needs a >= b "
                           "(it has no negative answers), got 57 - 200\n")


@pytest.mark.parametrize("operands, says", [
    (["-57", "68"], "a must not be negative, got -57"),
    (["57", "-1"], "b must not be negative, got -1"),
    (["5.7", "68"], "argument A: not a whole number: '5.7'"),
    (["57", "1e3"], "argument B: not a whole number: '1e3'"),
    (["57", "0x10"], "argument B: not a whole number: '0x10'"),
    (["57", ""], "argument B: not a whole number: ''"),
    (["57"], "required: B"),
    (["57", "68", "79"], "unrecognized arguments: 79"),
    ([str(2 ** 4096), "1"], "a is too large: numbers of at most 4096 bits"),
    (["9" * 5000, "1"], "too large"),
], ids=lambda x: x[:30] if isinstance(x, str) else " ".join(o[:12] for o in x))
def test_bad_operands_exit_2_with_one_line(cli, weak_model_file, operands, says):
    done = cli("predict", "--model", weak_model_file, *operands)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and says in done.stderr
    assert done.stderr.startswith("minirnn: error: ")


def test_predict_needs_a_model(cli):
    done = cli("predict", "1", "2")
    assert done.returncode == 2 and "--model" in done.stderr and len(done.stderr.splitlines()) == 1
