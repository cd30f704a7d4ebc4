"""The one-pass helpers of minirnn.rnn against the same lines spelled with the matrix module.

hidden_layer and hidden_layer_delta each do one line of the article in a
single pass over the hidden units.  Here the line is written the long way,
one matrix operation per numpy operation, and the two must agree exactly:
the one-pass forms add and multiply the same numbers in the same order.

The products are spelled with inner (A . B is inner(A, B.T)) rather than
dot, because inner always sums with sumprod, as the helpers do.  dot has
shortcuts for a B of one or two rows that sum with + instead, and Python
3.12's math.sumprod rounds more accurately than +, so with dot the two
could differ in the last bit for one or two hidden units.  The sigmoid and
its slope are the article's, written again here rather than imported.
"""

from hypothesis import given, strategies as st

import math

from minirnn.matrix import add, apply, dot, inner, multiply, transpose
from minirnn.rnn import hidden_layer, hidden_layer_delta


# The article's two helpers, written again here so that the expected values do
# not come from the module under test (weights stay within [-8, 8] and the
# bits and units within [0, 1], so exp never overflows).
def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)

weights = st.floats(-8.0, 8.0, allow_nan=False)
units = st.floats(0.0, 1.0)
bits = st.integers(0, 1)


def rows(n, columns, elements):
    return st.lists(st.lists(elements, min_size=columns, max_size=columns), min_size=n, max_size=n)


@st.composite
def forward_inputs(draw):
    hidden = draw(st.integers(1, 20))
    X = [[draw(bits), draw(bits)]]
    return X, draw(rows(2, hidden, weights)), draw(rows(1, hidden, units)), draw(rows(hidden, hidden, weights))


@st.composite
def backward_inputs(draw):
    hidden = draw(st.integers(1, 20))
    return (draw(rows(1, hidden, weights)), draw(rows(hidden, hidden, weights)),
            draw(rows(1, 1, weights)), draw(rows(hidden, 1, weights)), draw(rows(1, hidden, units)))


@given(forward_inputs())
def test_hidden_layer_is_the_articles_forward_line(inputs):
    X, synapse_0, prev_layer_1, synapse_h = inputs
    # sigmoid(np.dot(X, synapse_0) + np.dot(layer_1_values[-1], synapse_h))
    expected = apply(sigmoid, add(dot(X, synapse_0), inner(prev_layer_1, transpose(synapse_h))))
    assert hidden_layer(X, synapse_0, prev_layer_1, transpose(synapse_h)) == expected


@given(backward_inputs())
def test_hidden_layer_delta_is_the_articles_backward_line(inputs):
    future_layer_1_delta, synapse_h, layer_2_delta, synapse_1, layer_1 = inputs
    # (future_layer_1_delta.dot(synapse_h.T) + layer_2_delta.dot(synapse_1.T))
    #     * sigmoid_output_to_derivative(layer_1)
    expected = multiply(add(inner(future_layer_1_delta, synapse_h),
                            dot(layer_2_delta, transpose(synapse_1))),
                        apply(sigmoid_output_to_derivative, layer_1))
    assert hidden_layer_delta(future_layer_1_delta, synapse_h, layer_2_delta, synapse_1, layer_1) == expected


# The other changes the engine makes to the article's lines (see the last
# section of docs/walkthrough.md), each against the article's spelling.


def sums_in_order():
    # math.sumprod (CPython 3.12+) rounds a sum of products once; minirnn's
    # own sumprod adds the products left to right, as the article's += does
    from minirnn.matrix import sumprod
    return getattr(sumprod, "__module__", None) != "math"


@given(st.integers(1, 16).flatmap(lambda positions: st.tuples(
    st.integers(1, 6).flatmap(lambda n: rows(positions, n, weights)),
    st.integers(1, 6).flatmap(lambda n: rows(positions, n, weights)))))
def test_transpose_dot_is_the_articles_sum_over_positions(factors):
    from minirnn.matrix import zeros
    from minirnn.rnn import transpose_dot
    A, B = factors
    # synapse_h_update += np.atleast_2d(prev_layer_1).T.dot(layer_1_delta), one position per row
    update = zeros(len(A[0]), len(B[0]))
    for row_a, row_b in zip(A, B):
        update = add(update, dot(transpose([row_a]), [row_b]))
    summed = transpose_dot(A, B)
    if sums_in_order():
        assert summed == update
    else:
        # the same sum rounded once; adding n terms one by one errs by at most
        # (n - 1) units of 2**-53 times the sum of the terms' sizes
        for row_s, row_u, i in zip(summed, update, range(len(A[0]))):
            for x, y, j in zip(row_s, row_u, range(len(B[0]))):
                size = sum(abs(row_a[i] * row_b[j]) for row_a, row_b in zip(A, B))
                assert abs(x - y) <= len(A) * 2 ** -53 * size, (i, j)


@given(st.integers(1, 6).flatmap(lambda n: st.tuples(rows(n, 3, weights), rows(n, 3, weights))),
       st.floats(-4.0, 4.0))
def test_add_scaled_is_the_articles_update(AB, alpha):
    from minirnn.matrix import add_scaled, scale
    synapse, update = AB
    # synapse_0 += synapse_0_update * alpha
    assert add_scaled(synapse, update, alpha) == add(synapse, scale(update, alpha))


@st.composite
def networks(draw):
    from minirnn.data import int2binary
    from minirnn.rnn import RNN
    hidden, bits = draw(st.integers(1, 20)), draw(st.integers(1, 8))
    net = RNN(draw(rows(2, hidden, weights)), draw(rows(hidden, 1, weights)),
              draw(rows(hidden, hidden, weights)), draw(units))
    a, b, c = (int2binary(draw(st.integers(0, 2 ** bits - 1)), bits) for _ in range(3))
    return net, a, b, c


@given(networks())
def test_the_output_unit_in_plain_numbers_is_the_articles(problem):
    # layer_2 = sigmoid(np.dot(layer_1, synapse_1)); layer_2_error = y - layer_2;
    # layer_2_deltas.append((layer_2_error) * sigmoid_output_to_derivative(layer_2));
    # overallError += np.abs(layer_2_error[0]); d[...] = np.round(layer_2[0][0]),
    # all on 1x1 matrices, from the hidden layers the engine computed
    from minirnn.matrix import subtract
    from minirnn.rnn import transpose_dot
    net, a, b, c = problem
    d, overallError, updates = net.backpropagate(a, b, c)
    _, layer_1_values, layer_2_values = net.feed(a, b)
    expected_error, layer_2_deltas = 0, []
    for position, layer_1 in enumerate(layer_1_values[1:]):
        y = transpose([[c[len(c) - position - 1]]])
        layer_2 = apply(sigmoid, inner(layer_1, transpose(net.synapse_1)))  # sums as the engine does
        assert layer_2_values[position] == layer_2
        layer_2_error = subtract(y, layer_2)
        layer_2_deltas.append(multiply(layer_2_error, apply(sigmoid_output_to_derivative, layer_2)))
        expected_error += abs(layer_2_error[0][0])
        assert d[len(c) - position - 1] == round(layer_2[0][0])
    assert overallError == expected_error
    # the deltas reach the weights through synapse_1's update
    assert updates["synapse_1"] == transpose_dot([row for layer_1 in layer_1_values[:0:-1] for row in layer_1],
                                                 [row for delta in layer_2_deltas[::-1] for row in delta])
