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
