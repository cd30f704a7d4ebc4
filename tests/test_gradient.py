"""A numerical gradient check of backpropagation through time.

RNN.backpropagate returns updates that should be minus the gradient of
    loss = 0.5 * sum over positions of (true bit - layer_2)**2
with respect to each weight.  Here the loss is computed by an independent,
deliberately plain implementation (scalar loops, math.exp), and its
gradient estimated by central differences.
"""

import math

from hypothesis import given, settings, strategies as st

from minirnn.data import int2binary
from minirnn.rnn import RNN

EPSILON = 1e-6


def plain_loss(synapse_0, synapse_1, synapse_h, h0, a, b, c):
    bits = len(c)
    hidden_size = len(synapse_h)
    hidden = [h0] * hidden_size
    loss = 0.0
    for position in range(bits):  # least significant bit first
        x = (a[bits - 1 - position], b[bits - 1 - position])
        hidden = [
            1 / (1 + math.exp(-(x[0] * synapse_0[0][j] + x[1] * synapse_0[1][j]
                                + sum(hidden[k] * synapse_h[k][j] for k in range(hidden_size)))))
            for j in range(hidden_size)
        ]
        output = 1 / (1 + math.exp(-sum(hidden[k] * synapse_1[k][0] for k in range(hidden_size))))
        loss += 0.5 * (c[bits - 1 - position] - output) ** 2
    return loss


def numerical_gradient(weights, name, h0, a, b, c):
    gradient = []
    matrix = weights[name]
    for i in range(len(matrix)):
        row = []
        for j in range(len(matrix[0])):
            original = matrix[i][j]
            matrix[i][j] = original + EPSILON
            up = plain_loss(h0=h0, a=a, b=b, c=c, **weights)
            matrix[i][j] = original - EPSILON
            down = plain_loss(h0=h0, a=a, b=b, c=c, **weights)
            matrix[i][j] = original
            row.append((up - down) / (2 * EPSILON))
        gradient.append(row)
    return gradient


weight = st.floats(-2.0, 2.0)


@st.composite
def problems(draw):
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


def relative_error(x, y):
    # The floor keeps finite-difference noise (about 1e-10 here) from
    # dominating gradients that are themselves almost zero.
    return abs(x - y) / max(abs(x) + abs(y), 1e-3)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_bptt_updates_are_minus_the_gradient(problem):
    weights, h0, a, b, c = problem
    net = RNN(weights["synapse_0"], weights["synapse_1"], weights["synapse_h"], h0)
    _, _, synapse_0_update, synapse_1_update, synapse_h_update = net.backpropagate(a, b, c)
    updates = {"synapse_0": synapse_0_update, "synapse_1": synapse_1_update,
               "synapse_h": synapse_h_update}
    for name, update in updates.items():
        gradient = numerical_gradient(weights, name, h0, a, b, c)
        for update_row, gradient_row in zip(update, gradient):
            for u, g in zip(update_row, gradient_row):
                assert relative_error(u, -g) < 1e-6, (name, u, -g)


def test_overall_error_is_the_summed_absolute_error():
    weights = {"synapse_0": [[0.5, -0.3]] * 2, "synapse_1": [[0.7], [-0.2]],
               "synapse_h": [[0.1, 0.2], [-0.4, 0.3]]}
    net = RNN(h0=0.0, **weights)
    a, b, c = [0, 1, 1], [0, 0, 1], [1, 0, 0]
    d, overallError, *_ = net.backpropagate(a, b, c)
    _, _, layer_2_values = net.feed(a, b)
    outputs = [layer_2[0][0] for layer_2 in layer_2_values]  # least significant first
    assert overallError == sum(abs(bit - out) for bit, out in zip(reversed(c), outputs))
    assert d == [1 if out > 0.5 else 0 for out in reversed(outputs)]
