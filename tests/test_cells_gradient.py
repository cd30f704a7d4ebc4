"""A numerical gradient check of every parameter of the LSTM and the GRU.

backpropagate returns updates that should be minus the gradient of
    loss = 0.5 * sum over positions of (true bit - layer_2)**2
with respect to every weight: each gate's synapse_0, synapse_h and bias,
and synapse_1.  Here each cell's forward pass is written again from the
equations of issue 11, deliberately plainly (scalar loops, math.exp and
math.tanh, nothing from minirnn), and the gradient estimated by central
differences.

The negative controls break one backward line of a copy of each module
(drop a term, or feed a weight's update the wrong input) and check that
the same comparison fails: the check can catch the mistakes that
published LSTM and GRU code on this task has made.
"""

import math
import os
import types

import pytest
from hypothesis import given, settings, strategies as st

import minirnn
import minirnn.numpy_random
from minirnn.data import int2binary
from minirnn.gru import GRU
from minirnn.lstm import LSTM
from central_difference import TOLERANCE, numerical_gradient, relative_error


def sig(x):
    return 1 / (1 + math.exp(-x))


def gate_sum(w, gate, x, h, hidden, j):
    """Unit j's sum for one gate: x . W + h . U + b."""
    return (x[0] * w["synapse_0_" + gate][0][j] + x[1] * w["synapse_0_" + gate][1][j]
            + sum(h[k] * w["synapse_h_" + gate][k][j] for k in range(hidden)) + w["bias_" + gate][0][j])


def plain_lstm(w, h0, a, b):
    """The LSTM's output at each position, least significant bit first."""
    bits, hidden = len(a), len(w["synapse_1"])
    h, c = [h0] * hidden, [0.0] * hidden
    outputs = []
    for position in range(bits):
        x = (a[bits - 1 - position], b[bits - 1 - position])
        i = [sig(gate_sum(w, "i", x, h, hidden, j)) for j in range(hidden)]
        f = [sig(gate_sum(w, "f", x, h, hidden, j)) for j in range(hidden)]
        g = [math.tanh(gate_sum(w, "g", x, h, hidden, j)) for j in range(hidden)]
        o = [sig(gate_sum(w, "o", x, h, hidden, j)) for j in range(hidden)]
        c = [f[j] * c[j] + i[j] * g[j] for j in range(hidden)]
        h = [o[j] * math.tanh(c[j]) for j in range(hidden)]
        outputs.append(sig(sum(h[k] * w["synapse_1"][k][0] for k in range(hidden))))
    return outputs


def plain_gru(w, h0, a, b):
    """The GRU's output at each position, least significant bit first."""
    bits, hidden = len(a), len(w["synapse_1"])
    h = [h0] * hidden
    outputs = []
    for position in range(bits):
        x = (a[bits - 1 - position], b[bits - 1 - position])
        r = [sig(gate_sum(w, "r", x, h, hidden, j)) for j in range(hidden)]
        z = [sig(gate_sum(w, "z", x, h, hidden, j)) for j in range(hidden)]
        rh = [r[k] * h[k] for k in range(hidden)]
        n = [math.tanh(gate_sum(w, "n", x, rh, hidden, j)) for j in range(hidden)]
        h = [z[j] * h[j] + (1 - z[j]) * n[j] for j in range(hidden)]
        outputs.append(sig(sum(h[k] * w["synapse_1"][k][0] for k in range(hidden))))
    return outputs


PLAIN = {"lstm": plain_lstm, "gru": plain_gru}
CELLS = {"lstm": LSTM, "gru": GRU}


def plain_loss(cell, weights, h0, a, b, c):
    outputs = PLAIN[cell](weights, h0, a, b)
    return sum(0.5 * (bit - out) ** 2 for bit, out in zip(reversed(c), outputs))


def worst_error(cls, cell, weights, h0, a, b, c):
    """The largest relative error, over every parameter, of the update against minus the gradient."""
    net = cls.from_weights({name: [row[:] for row in matrix] for name, matrix in weights.items()}, h0)
    _, _, updates = net.backpropagate(a, b, c)
    assert sorted(updates) == sorted(cls.weight_names)
    worst = 0.0
    for name in cls.weight_names:
        gradient = numerical_gradient(lambda: plain_loss(cell, weights, h0, a, b, c), weights[name])
        update = updates[name]
        assert len(update) == len(gradient) and len(update[0]) == len(gradient[0]), name
        for update_row, gradient_row in zip(update, gradient):
            for u, g in zip(update_row, gradient_row):
                worst = max(worst, relative_error(u, -g))
    return worst


weight = st.floats(-2.0, 2.0)


@st.composite
def problems(draw, cell):
    """Random weights at hidden 1..4, a random h0, and random bits 1..6 wide."""
    hidden = draw(st.integers(1, 4))
    bits = draw(st.integers(1, 6))
    weights = {name: [[draw(weight) for _ in range(columns)] for _ in range(rows)]
               for name, rows, columns in CELLS[cell].weight_shapes(hidden)}
    h0 = draw(st.floats(-1.0, 1.0))
    a = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    b = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    # any target bits, not only true sums: the gradient must hold for all
    c = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    return weights, h0, a, b, c


@settings(max_examples=100, deadline=None)
@given(problems("lstm"))
def test_lstm_updates_are_minus_the_gradient(problem):
    assert worst_error(LSTM, "lstm", *problem) < TOLERANCE


@settings(max_examples=100, deadline=None)
@given(problems("gru"))
def test_gru_updates_are_minus_the_gradient(problem):
    assert worst_error(GRU, "gru", *problem) < TOLERANCE


@pytest.mark.parametrize("cell", sorted(CELLS))
def test_plain_forward_is_the_cells_forward(cell):
    """The check's forward pass and the cell's agree, so the check tests the cell's loss."""
    net = CELLS[cell].random(minirnn.numpy_random.RandomState(4), 3, 1.0, 0.3)
    weights = {name: getattr(net, name) for name in net.weight_names}
    a, b = int2binary(11, 5), int2binary(6, 5)
    outputs = PLAIN[cell](weights, 0.3, a, b)
    assert [out[0][0] for out in net.feed(a, b)[2]] == pytest.approx(outputs, rel=1e-13, abs=1e-15)


# Negative controls: one backward line broken in a copy of the module.

MUTATIONS = [
    # the memory handed back forgets the forget gate
    ("lstm", "future_cell_delta = multiply(cell_delta, f)", "future_cell_delta = cell_delta"),
    # a term of the carried hidden delta dropped (the output gate's recurrent path)
    ("lstm", "inner(o_delta, self.synapse_h_o)", "zeros(1, self.hidden_dim)"),
    # tanh's slope at the cell state left out
    ("lstm", "delta(h_delta, o, tanh_cell, tanh_output_to_derivative)", "multiply(h_delta, o)"),
    # the candidate's recurrent weights updated with prev_h instead of r * prev_h
    ("gru", "summed_updates(reset_hs, n_deltas)", "summed_updates(prev_hs, n_deltas)"),
    # the path through the reset gate's product dropped
    ("gru", "multiply(reset_h_delta, r)", "zeros(1, self.hidden_dim)"),
    # the update gate's sign: h = n + z * (prev_h - n), not z * (n - prev_h)
    ("gru", "delta(h_delta, subtract(prev_h, n)", "delta(h_delta, subtract(n, prev_h)"),
]


def mutant(cell, old, new):
    """The cell's class from a copy of its module with `old` replaced by `new` once."""
    path = os.path.join(os.path.dirname(minirnn.__file__), cell + ".py")
    with open(path) as handle:
        source = handle.read()
    if "mutmut" in source:
        # mutation testing's copy of the module holds each function's mutants beside it,
        # so the line is there many times; these controls test the check, not the cell
        pytest.skip("the module is mutmut's rewritten copy")
    assert source.count(old) == 1, old
    module = types.ModuleType("minirnn._mutant_" + cell)
    module.__package__ = "minirnn"
    exec(compile(source.replace(old, new), path, "exec"), module.__dict__)
    return getattr(module, cell.upper())


@pytest.mark.parametrize("cell, old, new", MUTATIONS)
def test_a_broken_backward_line_fails_the_check(cell, old, new):
    broken = mutant(cell, old, new)
    net = CELLS[cell].random(minirnn.numpy_random.RandomState(9), 3, 1.0, 0.4)
    weights = {name: getattr(net, name) for name in net.weight_names}
    a, b, c = int2binary(11, 5), int2binary(7, 5), int2binary(18, 5)
    assert worst_error(CELLS[cell], cell, weights, 0.4, a, b, c) < TOLERANCE
    assert worst_error(broken, cell, weights, 0.4, a, b, c) > 1e-3
