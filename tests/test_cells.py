"""The LSTM and GRU cells: the cell interface, and the logs an independent numpy program prints.

The golden logs tests/golden/lstm_*.log and gru_*.log were printed by
benchmarks/cells_numpy.py, a separate numpy implementation of the cells
(tests/golden/README.md has the commands); minirnn trains with the
article's loop (minirnn.training) and must print the same checkpoints.
"""

import pytest

from conftest import golden
from minirnn import training
from minirnn.data import int2binary
from minirnn.gru import GRU
from minirnn.lstm import LSTM
from minirnn.numpy_random import RandomState

CELLS = {"lstm": LSTM, "gru": GRU}


def cell_log(cell, task="add", bits=8, hidden=16, alpha=0.1, iterations=2000, seed=0,
             init_scale=1.0, h0=0.0, print_every=200):
    """The checkpoint log of a cell trained by the article's loop."""
    settings = training._settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0)
    rng = RandomState(seed)
    model = CELLS[cell].random(rng, hidden, init_scale, h0)
    lines = [training.format_checkpoint(step) + "\n" for step in training._steps(settings, rng, model)
             if step.iteration % print_every == 0]
    return "".join(lines)


def assert_same_log(log, expected, tolerance=1e-6):
    """Pred, True and the sum exactly; Error within a relative tolerance
    (the two programs add their products in different orders)."""
    lines, expected_lines = log.split("\n"), expected.split("\n")
    assert len(lines) == len(expected_lines)
    for number, (line, expected_line) in enumerate(zip(lines, expected_lines)):
        if expected_line.startswith("Error:[") and line.startswith("Error:["):
            value, expected_value = float(line[7:-1]), float(expected_line[7:-1])
            assert abs(value - expected_value) <= tolerance * abs(expected_value), (number, line, expected_line)
        else:
            assert line == expected_line, number


GOLDEN_RUNS = {
    "add": {},
    "sub": {"task": "sub", "alpha": 0.5, "init_scale": 0.05, "h0": 0.1},
    "small": {"bits": 5, "hidden": 3, "alpha": 0.5, "iterations": 1000, "seed": 7, "h0": 0.5,
              "print_every": 100},
}


@pytest.mark.parametrize("cell", sorted(CELLS))
@pytest.mark.parametrize("run", sorted(GOLDEN_RUNS))
def test_cell_prints_the_numpy_implementations_log(cell, run):
    assert_same_log(cell_log(cell, **GOLDEN_RUNS[run]), golden("%s_%s.log" % (cell, run)))


def test_a_changed_error_fails_the_log_comparison():
    expected = golden("lstm_small.log")
    first = expected.split("\n")[0]
    value = float(first[7:-1])
    changed = expected.replace(first, "Error:[%r]" % (value * (1 + 1e-5)), 1)
    with pytest.raises(AssertionError):
        assert_same_log(changed, expected)


# The cell interface


@pytest.mark.parametrize("cell, names", [
    ("lstm", ["synapse_0_i", "synapse_h_i", "bias_i", "synapse_0_f", "synapse_h_f", "bias_f",
              "synapse_0_g", "synapse_h_g", "bias_g", "synapse_0_o", "synapse_h_o", "bias_o",
              "synapse_1"]),
    ("gru", ["synapse_0_r", "synapse_h_r", "bias_r", "synapse_0_z", "synapse_h_z", "bias_z",
             "synapse_0_n", "synapse_h_n", "bias_n", "synapse_1"]),
])
def test_weights_are_drawn_in_weight_names_order(cell, names):
    cls = CELLS[cell]
    assert cls.cell_name == cell and list(cls.weight_names) == names
    hidden, init_scale = 3, 0.5
    net = cls.random(RandomState(5), hidden, init_scale, h0=0.25)
    stream = RandomState(5)
    for name in names:
        rows, columns = {"synapse_0": (2, hidden), "synapse_h": (hidden, hidden),
                         "bias": (1, hidden), "synapse_1": (hidden, 1)}[name.rsplit("_", 1)[0]
                                                                     if name != "synapse_1" else name]
        expected = [[(2 * r - 1) * init_scale for r in row] for row in stream.random((rows, columns))]
        assert getattr(net, name) == expected, name
    assert net.h0 == 0.25 and net.hidden_dim == hidden and net.settings == {}


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_from_weights_names_the_bad_weight(cell):
    cls = CELLS[cell]
    weights = {name: getattr(cls.random(RandomState(0), 2), name) for name in cls.weight_names}
    net = cls.from_weights(weights, h0=0.5, settings={"task": "add"})
    assert net.h0 == 0.5 and net.settings == {"task": "add"} and net.hidden_dim == 2
    name = cls.weight_names[1]  # a recurrent weight
    for bad, message in (([[0.0, 0.0]], "%s must have shape (2, 2), got (1, 2)" % name),
                         ([[0.0, 0.0], [0.0]], "%s must have shape (2, 2), got rows of lengths [1, 2]" % name)):
        with pytest.raises(ValueError) as error:
            cls.from_weights(dict(weights, **{name: bad}))
        assert str(error.value) == message
    missing = dict(weights)
    del missing["bias_" + cls.weight_names[0][-1]]
    with pytest.raises(ValueError, match="bias_. is missing"):
        cls.from_weights(missing)
    with pytest.raises(ValueError, match="synapse_h is not a weight of the %s cell" % cell):
        cls.from_weights(dict(weights, synapse_h=[[0.0] * 2] * 2))


@pytest.mark.parametrize("cell, labels", [("lstm", ["hidden state h", "cell state c"]),
                                          ("gru", ["hidden state h"])])
def test_feed_and_states(cell, labels):
    net = CELLS[cell].random(RandomState(1), 4, h0=0.5)
    a, b = int2binary(5, 6), int2binary(9, 6)
    d, h_values, layer_2_values = net.feed(a, b)
    assert h_values[0] == [[0.5] * 4]
    assert len(h_values) == 7 and all(len(h) == 1 and len(h[0]) == 4 for h in h_values)
    assert len(layer_2_values) == 6 and all(len(out) == 1 and len(out[0]) == 1 for out in layer_2_values)
    assert d == [1 if out[0][0] > 0.5 else 0 for out in reversed(layer_2_values)]
    states = net.states(a, b)
    assert [label for label, rows in states] == labels
    assert states[0][1] == h_values[1:]
    assert all(len(rows) == 6 for label, rows in states)


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_learn_adds_alpha_times_each_update(cell):
    net = CELLS[cell].random(RandomState(2), 3, h0=0.1)
    before = {name: getattr(net, name) for name in net.weight_names}
    a, b, c = int2binary(3, 4), int2binary(5, 4), int2binary(8, 4)
    d, overallError, updates = net.backpropagate(a, b, c)
    assert sorted(updates) == sorted(net.weight_names)
    assert net.learn(a, b, c, 0.3) == (d, overallError)
    for name in net.weight_names:
        assert getattr(net, name) == [[w + u * 0.3 for w, u in zip(row_w, row_u)]
                                      for row_w, row_u in zip(before[name], updates[name])], name


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_first_hidden_state_is_h0_and_first_cell_state_0(cell):
    net = CELLS[cell].random(RandomState(3), 2, h0=0.75)
    d, values = net.forward([1], [1])
    assert values["h"][0] == [[0.75, 0.75]]
    if cell == "lstm":
        assert values["cell"][0] == [[0.0, 0.0]]
