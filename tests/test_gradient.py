"""A numerical gradient check of backpropagation through time.

RNN.backpropagate returns updates that should be minus the gradient of
    loss = 0.5 * sum over positions of (true bit - layer_2)**2
with respect to each weight.  Here the forward pass and the loss are written
again, deliberately plainly (scalar loops, math.exp, nothing from minirnn),
and the gradient estimated by central differences.

A perturbation of one part in a million in any line of the backward pass
(a delta, the recurrence, the sigmoid's slope, the summed products) makes
this test fail; that was checked on a mutated copy of rnn.py.
"""

import math

import pytest
from hypothesis import example, given, settings, strategies as st

from minirnn.data import int2binary
from minirnn.rnn import RNN, sigmoid
from central_difference import TOLERANCE, numerical_gradient, relative_error


def plain_forward(synapse_0, synapse_1, synapse_h, h0, a, b):
    """The output probability at each position, least significant bit first."""
    bits = len(a)
    hidden_size = len(synapse_h)
    hidden = [h0] * hidden_size
    outputs = []
    for position in range(bits):
        x = (a[bits - 1 - position], b[bits - 1 - position])
        hidden = [
            1 / (1 + math.exp(-(x[0] * synapse_0[0][j] + x[1] * synapse_0[1][j]
                                + sum(hidden[k] * synapse_h[k][j] for k in range(hidden_size)))))
            for j in range(hidden_size)
        ]
        outputs.append(1 / (1 + math.exp(-sum(hidden[k] * synapse_1[k][0] for k in range(hidden_size)))))
    return outputs


def plain_loss(synapse_0, synapse_1, synapse_h, h0, a, b, c):
    outputs = plain_forward(synapse_0, synapse_1, synapse_h, h0, a, b)
    return sum(0.5 * (bit - out) ** 2 for bit, out in zip(reversed(c), outputs))


weight = st.floats(-2.0, 2.0)


@st.composite
def problems(draw):
    """Random weights at hidden 1..4, a random h0, and random bits 1..5 wide."""
    hidden = draw(st.integers(1, 4))
    bits = draw(st.integers(1, 5))
    weights = {
        "synapse_0": [[draw(weight) for _ in range(hidden)] for _ in range(2)],
        "synapse_1": [[draw(weight)] for _ in range(hidden)],
        "synapse_h": [[draw(weight) for _ in range(hidden)] for _ in range(hidden)],
    }
    h0 = draw(st.floats(0.0, 1.0))
    a = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    b = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    # any target bits, not only true sums: the gradient must hold for all
    c = int2binary(draw(st.integers(0, 2 ** bits - 1)), bits)
    return weights, h0, a, b, c


def network(weights, h0):
    # fresh lists, so nothing the network does can touch the test's weights
    return RNN([row[:] for row in weights["synapse_0"]], [row[:] for row in weights["synapse_1"]],
               [row[:] for row in weights["synapse_h"]], h0)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_bptt_updates_are_minus_the_gradient(problem):
    weights, h0, a, b, c = problem
    _, _, updates = network(weights, h0).backpropagate(a, b, c)
    assert sorted(updates) == ["synapse_0", "synapse_1", "synapse_h"]
    for name, update in updates.items():
        gradient = numerical_gradient(lambda: plain_loss(h0=h0, a=a, b=b, c=c, **weights), weights[name])
        assert len(update) == len(gradient) and len(update[0]) == len(gradient[0]), name
        for i, (update_row, gradient_row) in enumerate(zip(update, gradient)):
            for j, (u, g) in enumerate(zip(update_row, gradient_row)):
                assert relative_error(u, -g) < TOLERANCE, (name, i, j, u, -g)


@settings(max_examples=50, deadline=None)
@given(problems())
def test_forward_pass_error_and_prediction(problem):
    weights, h0, a, b, c = problem
    net = network(weights, h0)
    outputs = plain_forward(h0=h0, a=a, b=b, **weights)
    d, _, layer_2_values = net.feed(a, b)
    assert [layer_2[0][0] for layer_2 in layer_2_values] == pytest.approx(outputs, rel=1e-13, abs=1e-15)
    d, overallError = net.backpropagate(a, b, c)[:2]
    expected_error = sum(abs(bit - out) for bit, out in zip(reversed(c), outputs))
    assert abs(overallError - expected_error) <= 1e-12 * len(c)
    # an output bit is 1 only above 0.5, like np.round (which sends 0.5 to 0)
    assert d == [1 if out > 0.5 else 0 for out in reversed(outputs)]


@settings(max_examples=30, deadline=None)
@given(problems(), st.floats(0.01, 2.0))
def test_learn_moves_each_weight_by_alpha_times_its_update(problem, alpha):
    weights, h0, a, b, c = problem
    net = network(weights, h0)
    d, overallError, updates = net.backpropagate(a, b, c)
    assert net.learn(a, b, c, alpha) == (d, overallError)
    for name, update in sorted(updates.items()):
        before, after = weights[name], getattr(net, name)
        assert after == [[w + u * alpha for w, u in zip(row_w, row_u)]
                         for row_w, row_u in zip(before, update)], name


# sigmoid: 1/(1+exp(-x)) overflows for x below about -709, so minirnn guards it


@given(st.floats(allow_nan=False))
@example(float("-inf"))
@example(float("inf"))
@example(-1e308)
@example(-709.7827128933841)
@example(-709.7827128933840)
@example(-745.2)
@example(5e-324)
def test_sigmoid_is_in_the_unit_interval_and_never_raises(x):
    assert 0.0 <= sigmoid(x) <= 1.0


@given(st.floats(allow_nan=False))
@example(-709.79)
@example(-1e308)
def test_sigmoid_equals_numpys(np, x):
    with np.errstate(over="ignore"):  # numpy's exp overflows to inf for large -x, and 1/inf is 0
        expected = float(1 / (1 + np.exp(-np.float64(x))))
    # numpy may use its own vectorised exp, which can differ from the C library's
    # in the last bit, so allow a few units in the last place (and no more)
    assert sigmoid(x) == pytest.approx(expected, rel=1e-15, abs=0.0)


def test_sigmoid_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
    assert sigmoid(float("-inf")) == 0.0 and sigmoid(float("inf")) == 1.0
    assert sigmoid(2.0) == 1 / (1 + math.exp(-2.0))
