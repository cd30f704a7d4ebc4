"""minirnn prints the published logs, checkpoint for checkpoint.

The golden files in tests/golden/ are transcribed from the published
output (../shared/seeds): the article's addition run and the subtraction
variant's run, with its final synapse_0 and synapse_1.
"""

import io
import os
import re

import pytest

import minirnn
from minirnn.data import int2binary

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")


def golden(name):
    with open(os.path.join(GOLDEN, name)) as handle:
        return handle.read()


def checkpoints(log):
    """The log cut into its five-line checkpoints."""
    return [block.strip() for block in log.split("------------") if block.strip()]


_runs = {}


def run(preset):
    """(log, model) of a preset's full training; each runs once per test session."""
    if preset not in _runs:
        out = io.StringIO()
        model = minirnn.train(out=out, **minirnn.PRESETS[preset])
        _runs[preset] = out.getvalue(), model
    return _runs[preset]


@pytest.mark.parametrize("preset, name, count", [
    ("article", "article_add.log", 10),
    ("subtraction", "subtraction.log", 13),
])
def test_published_log_checkpoint_for_checkpoint(preset, name, count):
    log, _ = run(preset)
    published = checkpoints(golden(name))
    assert len(published) == count
    assert checkpoints(log) == published
    assert log == golden(name)


def printed_matrix(text):
    """numpy's printed matrix as rows of floats, and the printed decimals of each."""
    return [[(float(token), len(token.split(".")[1])) for token in row.split()]
            for row in re.findall(r"\[([^\[\]]+)\]", text)]


def test_subtraction_final_weights():
    _, model = run("subtraction")
    text = golden("subtraction_synapse_0_1.txt")
    first, second = text.split("]]\n", 1)
    for printed, ours in ((printed_matrix(first + "]]"), model.synapse_0),
                          (printed_matrix(second), model.synapse_1)):
        assert len(printed) == len(ours)
        for printed_row, our_row in zip(printed, ours):
            assert len(printed_row) == len(our_row)
            for (value, decimals), x in zip(printed_row, our_row):
                assert abs(x - value) <= 0.5 * 10 ** -decimals, (x, value)


def test_steps_describe_each_iteration():
    steps = list(minirnn.train_steps(iterations=50))
    assert [step.iteration for step in steps] == list(range(50))
    first = steps[0]
    assert (first.a_int, first.b_int, first.c_int) == (9, 60, 69)
    for step in steps:
        assert step.c_int == step.a_int + step.b_int
        assert step.a == int2binary(step.a_int, 8) and step.c == int2binary(step.c_int, 8)
        assert step.prediction == int("".join(map(str, step.d)), 2)
        assert step.correct == (step.d == step.c)
        assert 0.0 <= step.overallError <= 8.0
        assert step.model is steps[-1].model


def test_train_returns_the_model_of_the_last_step():
    model = minirnn.train(iterations=20, print_every=None)
    steps = list(minirnn.train_steps(iterations=20))
    assert model.synapse_h == steps[-1].model.synapse_h
    assert model.settings["iterations"] == 20


def test_zero_iterations_gives_the_untrained_network():
    model = minirnn.train(iterations=0, print_every=None)
    assert model.synapse_0[0][0] == 2 * 0.5488135039273248 - 1
