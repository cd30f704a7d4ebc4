"""minirnn prints the published logs, checkpoint for checkpoint.

The golden files in tests/golden/ are transcribed from the published output
(../shared/seeds): the article's addition run (10 checkpoints), the
subtraction variant's run (13 checkpoints, its "Error" label in English)
and that run's final synapse_0, synapse_1 and synapse_h as numpy printed them.
Each full training runs once per session (the article_run and
subtraction_run fixtures in conftest.py).
"""

import re

import pytest

import minirnn
from conftest import golden
from minirnn.data import int2binary

CHECKPOINT = re.compile(r"Error:\[(\S+)\]\nPred:\[([01 ]+)\]\nTrue:\[([01 ]+)\]\n"
                        r"(\d+) ([+-]) (\d+) = (\d+)\n------------\n")


def checkpoints(log):
    """The log cut into its checkpoints, each a tuple of its fields as text.

    The whole log must be checkpoints and nothing else.
    """
    found = CHECKPOINT.findall(log)
    assert "".join(m.group(0) for m in CHECKPOINT.finditer(log)) == log
    return found


@pytest.fixture(scope="module", params=["article", "subtraction"])
def published(request, article_run, subtraction_run):
    """(preset, our log, our model, the published log)."""
    if request.param == "article":
        return ("article",) + article_run + (golden("article_add.log"),)
    return ("subtraction",) + subtraction_run + (golden("subtraction.log"),)


def test_data_the_golden_logs_are_whole():
    # a check of the data in tests/golden/, not of minirnn: the logs parse whole
    article, subtraction = checkpoints(golden("article_add.log")), checkpoints(golden("subtraction.log"))
    assert len(article) == 10 and len(subtraction) == 13
    assert article[0] == ("3.45638663", "0 0 0 0 0 0 0 1", "0 1 0 0 0 1 0 1", "9", "+", "60", "1")
    assert subtraction[-1] == ("0.02595276", "1 1 0 0 0 0 0 0", "1 1 0 0 0 0 0 0", "209", "-", "17", "192")


def test_every_checkpoint_field_by_field(published):
    preset, log, _, text = published
    ours, theirs = checkpoints(log), checkpoints(text)
    assert len(ours) == len(theirs)
    for number, (mine, printed) in enumerate(zip(ours, theirs)):
        where = "%s checkpoint %d" % (preset, number)
        assert mine[0] == printed[0], where + ": Error"
        assert mine[1] == printed[1], where + ": Pred"
        assert mine[2] == printed[2], where + ": True"
        assert mine[3:] == printed[3:], where + ": the equation"


def test_the_whole_log_text(published):
    _, log, _, text = published
    assert log == text


def printed_matrix(text):
    """numpy's printed matrix as rows of (value, largest possible error of the printed digits).

    numpy prints at most 8 digits after the point (8 after the first digit in
    scientific notation), fewer only when the shorter text is already exact;
    so the printed value is within half a unit of the 8th decimal place.
    """
    rows = []
    for row in re.findall(r"\[([^\[\]]+)\]", text):
        values = []
        for token in row.split():
            mantissa, _, exponent = token.partition("e")
            values.append((float(token), 0.5 * 10.0 ** (int(exponent or 0) - 8)))
        rows.append(values)
    return rows


def published_weights():
    """The printed final synapse_0, synapse_1 and synapse_h of the subtraction run, as text."""
    synapse_0, synapse_1 = golden("subtraction_synapse_0_1.txt").split("]]\n", 1)
    return {"synapse_0": synapse_0 + "]]", "synapse_1": synapse_1,
            "synapse_h": golden("subtraction_synapse_h.txt")}


@pytest.mark.parametrize("name", ["synapse_0", "synapse_1", "synapse_h"])
def test_subtraction_final_weights(subtraction_run, name):
    # the check is not vacuous: one printed digit further off fails it
    (value, half_unit), = printed_matrix("[[ 3.4738001 ]]")[0]
    assert half_unit == 0.5e-8 and abs(3.47380011 - value) > half_unit
    (value, half_unit), = printed_matrix("[[-4.26997603e-01]]")[0]
    assert value == -0.426997603 and half_unit == pytest.approx(0.5e-9)
    ours = getattr(subtraction_run[1], name)
    printed = printed_matrix(published_weights()[name])
    assert len(printed) == len(ours) == {"synapse_0": 2, "synapse_1": 16, "synapse_h": 16}[name]
    for i, (printed_row, our_row) in enumerate(zip(printed, ours)):
        assert len(printed_row) == len(our_row)
        for j, ((value, half_unit), x) in enumerate(zip(printed_row, our_row)):
            assert abs(x - value) <= half_unit, (name, i, j, x, value)


@pytest.mark.parametrize("preset, every, blocks", [("article", 1000, 2), ("subtraction", 800, 2)])
def test_train_steps_records(preset, every, blocks):
    """Drive training by hand: each record describes its iteration, and the records at the
    checkpoint iterations format to the published checkpoints."""
    settings = dict(minirnn.PRESETS[preset])
    del settings["print_every"]
    settings["iterations"] = every * (blocks - 1) + 1
    task = settings["task"]
    published = golden("article_add.log" if preset == "article" else "subtraction.log")
    expected = [block + "------------" for block in published.split("------------")[:blocks]]
    expected = [block.lstrip("\n") for block in expected]
    model = None
    printed = []
    for j, step in enumerate(minirnn.train_steps(**settings)):
        assert step.iteration == j and step.task == task
        model = model or step.model
        assert step.model is model  # the same network, trained in place step by step
        if task == "add":
            assert step.c_int == step.a_int + step.b_int < 2 ** 8
        else:
            assert step.c_int == step.a_int - step.b_int >= 0
        for bits, number in ((step.a, step.a_int), (step.b, step.b_int), (step.c, step.c_int)):
            assert bits == int2binary(number, 8)
        assert len(step.d) == 8 and set(step.d) <= {0, 1}
        assert step.prediction == int("".join(map(str, step.d)), 2)
        assert step.correct == (step.d == step.c)
        assert 0.0 <= step.overallError <= 8.0
        if j % every == 0:
            printed.append(minirnn.format_checkpoint(step))
    assert j == settings["iterations"] - 1
    assert printed == expected


def test_train_returns_the_model_of_the_last_step():
    model = minirnn.train(iterations=20, print_every=None)
    steps = list(minirnn.train_steps(iterations=20))
    assert model.synapse_h == steps[-1].model.synapse_h
    assert model.settings["iterations"] == 20


def test_zero_iterations_gives_the_untrained_network():
    model = minirnn.train(iterations=0, print_every=None)
    assert model.synapse_0[0][0] == 2 * 0.5488135039273248 - 1
    assert list(minirnn.train_steps(iterations=0)) == []

