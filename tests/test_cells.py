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
    steps = training.train_steps(task=task, bits=bits, hidden=hidden, alpha=alpha,
                                 iterations=iterations, seed=seed, init_scale=init_scale, h0=h0,
                                 cell=cell)
    lines = [training.format_checkpoint(step) + "\n" for step in steps
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
def test_the_defaults_are_the_interfaces(cell):
    # issue 11: random(rng, hidden_dim=16, init_scale=1.0, h0=0.0) and
    # from_weights(weights, h0=0.0, settings=None); the constructor takes the same defaults
    cls = CELLS[cell]
    net = cls.random(RandomState(0))
    first_row = [2 * r - 1 for r in RandomState(0).random(16)]  # the first weight's first row
    assert net.hidden_dim == 16 and net.h0 == 0.0 and net.settings == {}
    assert getattr(net, cls.weight_names[0])[0] == first_row
    weights = {name: getattr(net, name) for name in cls.weight_names}
    for rebuilt in (cls.from_weights(weights), cls(weights)):
        assert rebuilt.h0 == 0.0 and rebuilt.settings == {} and rebuilt.hidden_dim == 16


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_one_hidden_unit_is_a_network(cell):
    net = CELLS[cell].random(RandomState(4), 1)
    # each gate draws 2 + 1 + 1 numbers at one unit, then synapse_1 its one
    draws = {"lstm": 4 * 4 + 1, "gru": 3 * 4 + 1}[cell]
    assert net.hidden_dim == 1 and net.synapse_1 == [[2 * RandomState(4).random(draws)[-1] - 1]]
    d, h_values, layer_2_values = net.feed([1, 0], [1, 1])
    assert len(h_values) == 3 and len(h_values[1][0]) == 1 and len(d) == 2


@pytest.mark.parametrize("cell", sorted(CELLS))
@pytest.mark.parametrize("synapse_1, shown", [(None, "None"), ([], "[]"), ("xy", "'xy'"), (7, "7")])
def test_output_weights_that_are_not_rows_are_named_first(cell, synapse_1, shown):
    # the hidden size is read from synapse_1, so it is checked before any other weight
    cls = CELLS[cell]
    weights = {name: getattr(cls.random(RandomState(0), 2), name) for name in cls.weight_names}
    weights["synapse_1"] = synapse_1
    with pytest.raises(ValueError) as error:
        cls.from_weights(weights)
    assert str(error.value) == "synapse_1 must be a list of at least one row, got %s" % shown


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
    with pytest.raises(ValueError) as error:
        cls.from_weights(missing)
    assert str(error.value) == "bias_%s is missing" % cls.weight_names[0][-1]
    with pytest.raises(ValueError) as error:
        cls.from_weights(dict(weights, synapse_h=[[0.0] * 2] * 2))
    assert str(error.value) == "synapse_h is not a weight of the %s cell" % cell


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


# The one-pass helpers change nothing: the cells against their first,
# matrix-module-only version (tests/literal_cells.py).

from hypothesis import given, settings, strategies as st  # noqa: E402

from literal_cells import LiteralGRU, LiteralLSTM  # noqa: E402

LITERAL = {"lstm": LiteralLSTM, "gru": LiteralGRU}
# Both versions add the same terms in the same order, so they agree to the
# last bit, except on CPython 3.12 and later: there math.sumprod adds a dot
# product with extra precision and rounds once, while the literal version's
# dot adds the two terms of a two-unit layer, and its updates the terms of
# each position, one rounding at a time.
import sys  # noqa: E402
EXACT = not (sys.implementation.name == "cpython" and sys.version_info >= (3, 12))


def assert_same_matrices(matrices, expected, name):
    if EXACT:
        assert matrices == expected, name
    else:
        for row, expected_row in zip(matrices, expected):
            assert row == pytest.approx(expected_row, rel=1e-12, abs=1e-14), name


@settings(max_examples=25, deadline=None)
@given(cell=st.sampled_from(sorted(CELLS)), hidden=st.integers(1, 8), seed=st.integers(0, 2 ** 32 - 1),
       init_scale=st.floats(0.01, 2.0), h0=st.floats(-1.0, 1.0), task=st.sampled_from(["add", "sub"]),
       bits=st.integers(1, 10), alpha=st.floats(0.01, 1.0), iterations=st.integers(1, 5))
def test_the_helpers_change_nothing(cell, hidden, seed, init_scale, h0, task, bits, alpha, iterations):
    fast = CELLS[cell].random(RandomState(seed), hidden, init_scale, h0)
    literal = LITERAL[cell].random(RandomState(seed), hidden, init_scale, h0)
    settings = training._settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0)
    fast_steps = training._steps(settings, RandomState(seed ^ 1), fast)
    literal_steps = training._steps(settings, RandomState(seed ^ 1), literal)
    for fast_step, literal_step in zip(fast_steps, literal_steps):
        assert fast_step.d == literal_step.d
        assert fast_step.overallError == pytest.approx(literal_step.overallError, rel=0 if EXACT else 1e-12)
    a, b, c = fast_step.a, fast_step.b, fast_step.c
    for (label, rows), (expected_label, expected_rows) in zip(fast.states(a, b), literal.states(a, b)):
        assert label == expected_label
        for row, expected_row in zip(rows, expected_rows):
            assert_same_matrices(row, expected_row, label)
    _, _, updates = fast.backpropagate(a, b, c)
    _, _, expected_updates = literal.backpropagate(a, b, c)
    for name in fast.weight_names:
        assert_same_matrices(getattr(fast, name), getattr(literal, name), name)
        assert_same_matrices(updates[name], expected_updates[name], name)
