"""What the gated cells (minirnn.lstm, minirnn.gru) share: their weights and how they learn.

A gated cell has, for each gate, input weights ``synapse_0_<gate>``
(2 x hidden, like the article's synapse_0), recurrent weights
``synapse_h_<gate>`` (hidden x hidden, like synapse_h) and a bias
``bias_<gate>`` (1 x hidden), and the article's output weights
``synapse_1`` (hidden x 1).  A subclass names its gates in weight_names,
in the order the starting weights are drawn, and writes the forward pass
and backpropagation through time.

>>> from minirnn.lstm import LSTM
>>> LSTM.weight_shapes(3)[:4]
[('synapse_0_i', 2, 3), ('synapse_h_i', 3, 3), ('bias_i', 1, 3), ('synapse_0_f', 2, 3)]
"""

from .matrix import add_scaled, apply, check_shape, inner, multiply, subtract, sumprod, transpose, vstack
from .rnn import sigmoid_output_to_derivative


def tanh_output_to_derivative(output):
    """The slope of tanh, computed from its output t: 1 - t * t.

    >>> tanh_output_to_derivative(0.0), tanh_output_to_derivative(0.5)
    (1.0, 0.75)
    """
    return 1 - output * output


def gate(squash, X, synapse_0, prev_h, synapse_h_columns, bias):
    """One gate, ``apply(squash, add(add(dot(X, synapse_0), dot(prev_h, synapse_h)), bias))``,
    in one pass over the hidden units.

    X is the input row [[a_bit, b_bit]]; synapse_h_columns is synapse_h
    transposed, which the caller makes once for all positions.  Unit j adds
    its two input weights (times the bits), the previous hidden state times
    column j of synapse_h, and its bias, then squashes the sum: the same
    arithmetic in the same order as the matrix-module line, which takes five
    passes (two products, two sums and the squashing) and a transpose of
    synapse_h to do it.

    >>> from minirnn.matrix import add, apply, dot, transpose
    >>> from minirnn.rnn import sigmoid
    >>> synapse_0 = [[0.5, -1.0, 0.25], [2.0, 0.25, -0.5]]
    >>> synapse_h = [[1.0, 2.0, -1.0], [-3.0, 0.5, 0.25], [0.125, -2.0, 1.5]]
    >>> X, prev_h, bias = [[1, 0]], [[0.25, -0.75, 0.5]], [[0.1, -0.2, 0.3]]
    >>> i = gate(sigmoid, X, synapse_0, prev_h, transpose(synapse_h), bias)
    >>> i == apply(sigmoid, add(add(dot(X, synapse_0), dot(prev_h, synapse_h)), bias))
    True
    """
    (a_bit, b_bit), = X
    prev, = prev_h
    return [[squash(a_bit * from_a + b_bit * from_b + sumprod(prev, from_prev) + offset)
             for from_a, from_b, from_prev, offset in zip(synapse_0[0], synapse_0[1], synapse_h_columns, bias[0])]]


def delta(error, factor, output, slope):
    """A gate's delta, ``multiply(multiply(error, factor), apply(slope, output))``, in one pass.

    error is the delta arriving at the product the gate takes part in,
    factor what the gate is multiplied by there, and slope(output) the
    slope of the gate's squashing function, read from its output (as the
    article's sigmoid_output_to_derivative does).  Each unit computes
    (error * factor) * slope(output), the same arithmetic in the same order
    as the three passes of the matrix-module line.

    >>> from minirnn.matrix import apply, multiply
    >>> from minirnn.rnn import sigmoid_output_to_derivative
    >>> error, factor, output = [[0.5, -0.25, 2.0]], [[0.75, 0.125, -1.5]], [[0.5, 0.875, 0.1]]
    >>> delta(error, factor, output, sigmoid_output_to_derivative) == multiply(
    ...     multiply(error, factor), apply(sigmoid_output_to_derivative, output))
    True
    """
    return [[e * x * slope(y) for e, x, y in zip(error[0], factor[0], output[0])]]


def summed_updates(inputs, deltas):
    """The sum over positions of ``dot(transpose(input), delta)``: a weight's update.

    inputs and deltas are lists of 1-row matrices, one per position, in the
    order the backward loop met them.  Position by position the update is
        update = add(update, dot(transpose(input), delta))
    starting from zeros_like(update).  With the positions stacked as rows,
    the whole sum is one product, transpose(inputs) . deltas, computed as
    inner(transpose(inputs), transpose(deltas)): each column of inputs
    against each column of deltas, the same terms added in the same order
    (on Python 3.12 and later sumprod adds them with extra precision, so
    there the last bit may differ), in far fewer steps of Python.

    >>> from minirnn.matrix import add, dot, transpose, zeros
    >>> inputs = [[[0.5, -1.0, 0.25]], [[2.0, 0.125, -0.75]]]
    >>> deltas = [[[0.25, -0.5]], [[1.5, 0.0625]]]
    >>> update = zeros(3, 2)
    >>> for input, delta in zip(inputs, deltas):
    ...     update = add(update, dot(transpose(input), delta))
    >>> summed_updates(inputs, deltas) == update
    True
    """
    return inner(transpose(vstack(inputs)), transpose(vstack(deltas)))


class GatedCell:
    """The weights of a gated cell, its first hidden state h0 and its training settings."""

    cell_name = None
    weight_names = ()

    def __init__(self, weights, h0=0.0, settings=None):
        synapse_1 = weights.get("synapse_1")
        hidden = len(synapse_1) if isinstance(synapse_1, list) else 0
        if hidden < 1:
            raise ValueError("synapse_1 must be a list of at least one row, got %r" % (synapse_1,))
        for name, rows, columns in self.weight_shapes(hidden):
            if name not in weights:
                raise ValueError("%s is missing" % name)
            check_shape(name, weights[name], rows, columns)
            setattr(self, name, weights[name])
        for name in weights:
            if name not in self.weight_names:
                raise ValueError("%s is not a weight of the %s cell" % (name, self.cell_name))
        self.h0 = h0
        self.settings = dict(settings or {})

    @classmethod
    def weight_shapes(cls, hidden_dim):
        """(name, rows, columns) of each weight, in weight_names order."""
        shapes = []
        for name in cls.weight_names:
            if name.startswith("synapse_0_"):
                shapes.append((name, 2, hidden_dim))
            elif name.startswith("synapse_h_"):
                shapes.append((name, hidden_dim, hidden_dim))
            elif name.startswith("bias_"):
                shapes.append((name, 1, hidden_dim))
            else:  # synapse_1, the article's output weights
                shapes.append((name, hidden_dim, 1))
        return shapes

    @classmethod
    def from_weights(cls, weights, h0=0.0, settings=None):
        """A network from a dict weight name -> matrix (list of rows).

        Raises ValueError naming the first weight that is missing, unknown
        or of the wrong shape.
        """
        return cls(weights, h0, settings)

    @classmethod
    def random(cls, rng, hidden_dim=16, init_scale=1.0, h0=0.0):
        """Fresh weights drawn as the article draws its own, (2 * random - 1) * init_scale,
        one matrix after another in weight_names order.

        The order fixes which random numbers each weight gets, and so the log.
        """
        weights = {}
        for name, rows, columns in cls.weight_shapes(hidden_dim):
            weights[name] = apply(lambda r: (2 * r - 1) * init_scale, rng.random((rows, columns)))
        return cls(weights, h0)

    @property
    def hidden_dim(self):
        return len(self.synapse_1)

    def first_hidden_state(self):
        """The hidden state before the first bit: every unit at h0."""
        return [[self.h0] * self.hidden_dim]

    def feed(self, a, b):
        """Run over two bit lists (most significant first) without learning.

        Returns (d, h_values, layer_2_values): the predicted bits, the hidden
        states (the first one, then one per position, least significant bit
        first) and the outputs.
        """
        d, values = self.forward(a, b)
        return d, values["h"], values["layer_2"]

    def output_deltas(self, c, layer_2_values):
        """(overallError, layer_2_deltas): the article's output layer errors for the true bits c.

        At each position, least significant bit first: how far the output
        was from the true bit y, that error scaled by the sigmoid's slope
        (layer_2_delta), and the absolute errors summed (overallError).
        """
        binary_dim = len(c)
        overallError = 0.0
        layer_2_deltas = []
        for position, layer_2 in enumerate(layer_2_values):
            y = [[c[binary_dim - position - 1]]]
            layer_2_error = subtract(y, layer_2)
            layer_2_deltas.append(multiply(layer_2_error, apply(sigmoid_output_to_derivative, layer_2)))
            overallError += abs(layer_2_error[0][0])
        return overallError, layer_2_deltas

    def learn(self, a, b, c, alpha):
        """One training iteration: backpropagate, then every weight += its update * alpha.

        Returns (d, overallError) as the article prints them.
        """
        d, overallError, updates = self.backpropagate(a, b, c)
        for name in self.weight_names:
            # The article's weight += update * alpha, that is
            # add(weight, scale(update, alpha)), in one pass.
            setattr(self, name, add_scaled(getattr(self, name), updates[name], alpha))
        return d, overallError

    def predict(self, a, b):
        """The network's answer to a + b (a - b if it learned subtraction), as an integer."""
        from .evaluate import predict  # imported here: evaluate imports the cells
        return predict(self, a, b)

    def save(self, path):
        """Write the network to path as a JSON model file (see minirnn.model_file)."""
        from .model_file import save  # imported here: model_file imports the cells
        save(self, path)
