"""The article's recurrent network: its forward pass and backpropagation through time.

The network reads two numbers one bit at a time, least significant bit
first, and writes one bit of the answer at each step.  Its hidden layer
(``layer_1``, 16 sigmoid units in the article) is fed back into itself
through ``synapse_h``, which is how it can carry a 1 from one bit to the next.

The names are the article's, so this file can be read beside it:

- ``synapse_0``: input (two bits) to hidden, shape (2, hidden);
- ``synapse_h``: hidden at the previous bit to hidden now, (hidden, hidden);
- ``synapse_1``: hidden to output (one bit), (hidden, 1);
- ``layer_1`` / ``layer_2``: the hidden and output activations;
- ``layer_2_delta``, ``layer_1_delta``, ``future_layer_1_delta``: the error
  signals of backpropagation through time.

This is the engine: the article's program as minirnn.article spells it,
with a few lines computed in fewer Python steps.  Each such line quotes the
article's, and a test shows it computes the same numbers.

>>> from minirnn.numpy_random import RandomState
>>> net = RNN.random(RandomState(0))
>>> net.synapse_0[0][:3]
[0.0976270078546495, 0.43037873274483895, 0.20552675214328775]
"""

from math import exp

from .matrix import add_scaled, apply, check_shape, inner, shape, sumprod, transpose, zeros


def sigmoid(x):
    """The logistic function 1 / (1 + e**-x), in [0, 1] for every float.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    """
    try:
        return 1.0 / (1.0 + exp(-x))
    except (OverflowError, ValueError):
        # e**-x is too large for a float (CPython raises OverflowError,
        # MicroPython ValueError); the true value is below 1e-308.
        return 0.0


def sigmoid_output_to_derivative(output):
    """The slope of the sigmoid, computed from its output s: s * (1 - s).

    >>> sigmoid_output_to_derivative(0.5), sigmoid_output_to_derivative(1.0)
    (0.25, 0.0)
    """
    return output * (1 - output)


# The two lines of the article that do most of the work are written out as a
# single pass over the hidden units each.  Spelled with the matrix module they
# take four or five passes (two products, a sum, then the sigmoid, or the
# slope and a product), and on layers this small the passes, not the
# arithmetic, are what cost time.
# Each docstring checks the one-pass form against the matrix-module form.


def hidden_layer(X, synapse_0, prev_layer_1, synapse_h_columns):
    """The article's ``layer_1 = sigmoid(np.dot(X, synapse_0) + np.dot(layer_1_values[-1], synapse_h))``.

    X is the input row [[a_bit, b_bit]], prev_layer_1 is layer_1_values[-1]
    (the hidden layer of the bit before); synapse_h_columns is synapse_h
    transposed, which the caller makes once for all positions.  Unit j adds
    its two input weights (times the bits) to the previous hidden layer
    times column j of synapse_h, then squashes the sum.

    >>> from minirnn.matrix import add, apply, dot, transpose
    >>> synapse_0 = [[0.5, -1.0], [2.0, 0.25]]
    >>> synapse_h = [[1.0, 2.0], [-3.0, 0.5]]
    >>> X, prev_layer_1 = [[1, 0]], [[0.25, 0.75]]
    >>> layer_1 = hidden_layer(X, synapse_0, prev_layer_1, transpose(synapse_h))
    >>> layer_1 == apply(sigmoid, add(dot(X, synapse_0), dot(prev_layer_1, synapse_h)))
    True
    """
    (a_bit, b_bit), = X
    prev, = prev_layer_1
    return [[sigmoid(a_bit * from_a + b_bit * from_b + sumprod(prev, from_prev))
             for from_a, from_b, from_prev in zip(synapse_0[0], synapse_0[1], synapse_h_columns)]]


def hidden_layer_delta(future_layer_1_delta, synapse_h, layer_2_delta, synapse_1, layer_1):
    """The article's ``layer_1_delta = (future_layer_1_delta.dot(synapse_h.T) +
    layer_2_delta.dot(synapse_1.T)) * sigmoid_output_to_derivative(layer_1)``.

    Unit j's error comes back from the next position's hidden layer (through
    row j of synapse_h) and from this position's output (through synapse_1),
    and is scaled by the slope of unit j's sigmoid.

    >>> from minirnn.matrix import add, apply, dot, multiply, transpose
    >>> synapse_h, synapse_1 = [[1.0, 2.0], [-3.0, 0.5]], [[0.5], [-2.0]]
    >>> future_layer_1_delta, layer_2_delta, layer_1 = [[0.125, -0.5]], [[0.25]], [[0.25, 0.75]]
    >>> delta = hidden_layer_delta(future_layer_1_delta, synapse_h, layer_2_delta, synapse_1, layer_1)
    >>> delta == multiply(add(dot(future_layer_1_delta, transpose(synapse_h)),
    ...                       dot(layer_2_delta, transpose(synapse_1))),
    ...                   apply(sigmoid_output_to_derivative, layer_1))
    True
    """
    future, = future_layer_1_delta
    (output_delta,), = layer_2_delta
    return [[(sumprod(future, to_next) + output_delta * to_output) * sigmoid_output_to_derivative(unit)
             for to_next, (to_output,), unit in zip(synapse_h, synapse_1, layer_1[0])]]


def transpose_dot(A, B):
    """numpy's ``A.T.dot(B)``, for A and B with one row per position.

    Row i of A times row i of B, as a column times a row, is one
    position's term of an update, such as the article's
    ``np.atleast_2d(prev_layer_1).T.dot(layer_1_delta)``; A.T.dot(B) is the
    sum of those terms over the rows, which the article adds up one position
    at a time.  Element (j, k) is column j of A against column k of B, one
    sumprod over the positions, in the rows' order, instead of one Python
    addition per position and element.

    >>> from minirnn.matrix import add, dot, transpose, zeros
    >>> A, B = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[0.5], [0.25], [-1.0]]
    >>> summed = zeros(2, 1)
    >>> for row_a, row_b in zip(A, B):
    ...     summed = add(summed, dot(transpose([row_a]), [row_b]))
    >>> transpose_dot(A, B) == summed == [[-3.75], [-4.0]]
    True
    """
    return inner(transpose(A), transpose(B))


def round_bit(probability):
    """The output bit a sigmoid output stands for: like np.round, 0.5 goes to 0."""
    return 1 if probability > 0.5 else 0


class RNN:
    """The three weight matrices of the article's network, and the first hidden state h0.

    settings records how the network was trained (task, bits, alpha, seed,
    ...); training fills it in and model files keep it.  The class follows
    the interface every cell shares (see minirnn.cells).
    """

    cell_name = "rnn"
    # The order the article draws the starting weights in (see random).
    weight_names = ("synapse_0", "synapse_1", "synapse_h")

    def __init__(self, synapse_0, synapse_1, synapse_h, h0=0.0, settings=None):
        self.synapse_0 = synapse_0
        self.synapse_1 = synapse_1
        self.synapse_h = synapse_h
        self.h0 = h0
        self.settings = dict(settings or {})
        _check_shapes(self)

    @classmethod
    def random(cls, rng, hidden_dim=16, init_scale=1.0, h0=0.0, input_dim=2, output_dim=1):
        """Fresh weights drawn as the article draws them: uniform in [-1, 1) times init_scale.

        The order (synapse_0, synapse_1, synapse_h) matters: it fixes which
        random numbers each matrix gets, and so the whole published log.
        """

        def draw(rows, columns):
            return apply(lambda r: (2 * r - 1) * init_scale, rng.random((rows, columns)))

        synapse_0 = draw(input_dim, hidden_dim)
        synapse_1 = draw(hidden_dim, output_dim)
        synapse_h = draw(hidden_dim, hidden_dim)
        return cls(synapse_0, synapse_1, synapse_h, h0)

    @classmethod
    def from_weights(cls, weights, h0=0.0, settings=None):
        """A network from a dict weight name -> matrix (list of rows), as model files hold them.

        Raises ValueError naming the first weight that is missing, unknown or
        of the wrong shape.

        >>> RNN.from_weights({"synapse_0": [[0.5], [0.5]], "synapse_1": [[1.0]]})
        Traceback (most recent call last):
          ...
        ValueError: synapse_h is missing
        """
        for name in weights:
            if name not in cls.weight_names:
                raise ValueError("%s is not a weight of the %s cell" % (name, cls.cell_name))
        for name in cls.weight_names:
            if name not in weights:
                raise ValueError("%s is missing" % name)
        return cls(weights["synapse_0"], weights["synapse_1"], weights["synapse_h"], h0, settings)

    @classmethod
    def weight_shapes(cls, hidden_dim):
        """(name, rows, columns) of each weight, in weight_names order."""
        return [("synapse_0", 2, hidden_dim), ("synapse_1", hidden_dim, 1),
                ("synapse_h", hidden_dim, hidden_dim)]

    @property
    def hidden_dim(self):
        return len(self.synapse_h)

    def first_hidden_layer(self):
        """The hidden state before the first bit: every unit at h0."""
        return [[self.h0] * self.hidden_dim]

    def feed(self, a, b):
        """Run the network over two bit lists (most significant first) without learning.

        Returns (d, layer_1_values, layer_2_values): the predicted bits (most
        significant first), and the hidden and output layers at each step,
        least significant bit first, with the starting hidden state in
        layer_1_values[0].
        """
        binary_dim = len(a)
        d = [0] * binary_dim
        layer_1_values = [self.first_hidden_layer()]
        layer_2_values = []
        # The forward lines of backpropagate, without the true answer.
        synapse_h_columns = transpose(self.synapse_h)
        synapse_1_column, = transpose(self.synapse_1)
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            # The new hidden layer: from the input bits and the hidden layer of the bit before.
            layer_1 = hidden_layer(X, self.synapse_0, layer_1_values[-1], synapse_h_columns)
            # The output: the network's belief that this bit of the answer is 1.
            layer_2 = [[sigmoid(sumprod(layer_1[0], synapse_1_column))]]
            d[binary_dim - position - 1] = round_bit(layer_2[0][0])
            layer_1_values.append(layer_1)
            layer_2_values.append(layer_2)
        return d, layer_1_values, layer_2_values

    def backpropagate(self, a, b, c):
        """The forward pass and backpropagation through time for one problem.

        a, b and c are the operands and the true answer as bit lists, most
        significant first.  Returns (d, overallError, updates): the predicted
        bits, the summed absolute error, and a dict of each weight's update
        ("synapse_0", "synapse_1", "synapse_h"), the change that lowers
        0.5 * sum((c_bit - layer_2)**2), before it is scaled by alpha.

        The two loops are the article's, statement for statement (compare
        minirnn.article); docs/walkthrough.md lists the changes made for speed.
        """
        synapse_0, synapse_1, synapse_h = self.synapse_0, self.synapse_1, self.synapse_h
        binary_dim = len(c)
        # Every position multiplies by the columns of synapse_h and synapse_1,
        # so they are taken out once, here, not at every position.
        synapse_h_columns = transpose(synapse_h)
        synapse_1_column, = transpose(synapse_1)
        d = [0] * binary_dim
        overallError = 0.0
        layer_2_deltas = []
        layer_1_values = [self.first_hidden_layer()]

        # Forward, from the least significant bit.
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            y = [[c[binary_dim - position - 1]]]
            # layer_1 = sigmoid(np.dot(X, synapse_0) + np.dot(layer_1_values[-1], synapse_h))
            layer_1 = hidden_layer(X, synapse_0, layer_1_values[-1], synapse_h_columns)
            # layer_2 = sigmoid(np.dot(layer_1, synapse_1))
            # The output layer is a single unit, so its 1x1 matrices are
            # built from plain numbers rather than by the matrix functions,
            # which would each check shapes and loop over one element.
            layer_2 = [[sigmoid(sumprod(layer_1[0], synapse_1_column))]]
            # layer_2_error = y - layer_2
            layer_2_error = [[y[0][0] - layer_2[0][0]]]
            # layer_2_deltas.append((layer_2_error) * sigmoid_output_to_derivative(layer_2))
            layer_2_deltas.append([[layer_2_error[0][0] * sigmoid_output_to_derivative(layer_2[0][0])]])
            # overallError += np.abs(layer_2_error[0])
            overallError += abs(layer_2_error[0][0])
            # d[binary_dim - position - 1] = np.round(layer_2[0][0])
            d[binary_dim - position - 1] = round_bit(layer_2[0][0])
            # layer_1_values.append(copy.deepcopy(layer_1)): no copy, nothing changes layer_1 later
            layer_1_values.append(layer_1)

        future_layer_1_delta = zeros(1, self.hidden_dim)
        # Each update is a sum over the positions of one product per
        # position.  The loop keeps each product's two factors, as rows, and
        # the sums are taken after it, each as one product (transpose_dot).
        layer_1_rows, layer_2_delta_rows = [], []
        prev_layer_1_rows, layer_1_delta_rows = [], []
        X_rows = []

        # Backward, from the most significant bit.
        for position in range(binary_dim):
            X = [[a[position], b[position]]]
            layer_1 = layer_1_values[-position - 1]
            prev_layer_1 = layer_1_values[-position - 2]
            layer_2_delta = layer_2_deltas[-position - 1]
            # layer_1_delta = (future_layer_1_delta.dot(synapse_h.T) + layer_2_delta.dot(synapse_1.T))
            #                 * sigmoid_output_to_derivative(layer_1)
            layer_1_delta = hidden_layer_delta(future_layer_1_delta, synapse_h, layer_2_delta,
                                               synapse_1, layer_1)
            # synapse_1_update += np.atleast_2d(layer_1).T.dot(layer_2_delta)
            layer_1_rows.append(layer_1[0])
            layer_2_delta_rows.append(layer_2_delta[0])
            # synapse_h_update += np.atleast_2d(prev_layer_1).T.dot(layer_1_delta)
            prev_layer_1_rows.append(prev_layer_1[0])
            layer_1_delta_rows.append(layer_1_delta[0])
            # synapse_0_update += X.T.dot(layer_1_delta)
            X_rows.append(X[0])
            future_layer_1_delta = layer_1_delta

        updates = {
            "synapse_0": transpose_dot(X_rows, layer_1_delta_rows),
            "synapse_1": transpose_dot(layer_1_rows, layer_2_delta_rows),
            "synapse_h": transpose_dot(prev_layer_1_rows, layer_1_delta_rows),
        }
        return d, overallError, updates

    def learn(self, a, b, c, alpha):
        """One training iteration on one problem: backpropagate, then move each weight.

        Returns (d, overallError) as the article prints them.
        """
        d, overallError, updates = self.backpropagate(a, b, c)
        # synapse_0 += synapse_0_update * alpha, and so on, each in one pass.
        self.synapse_0 = add_scaled(self.synapse_0, updates["synapse_0"], alpha)
        self.synapse_1 = add_scaled(self.synapse_1, updates["synapse_1"], alpha)
        self.synapse_h = add_scaled(self.synapse_h, updates["synapse_h"], alpha)
        return d, overallError

    def predict(self, a, b):
        """The network's answer to a + b (a - b if it learned subtraction), as an integer.

        a and b are non-negative integers of any size up to 4096 bits; the
        bit width is taken from them (see minirnn.evaluate.predict).
        """
        from .evaluate import predict
        return predict(self, a, b)

    def save(self, path):
        """Write the network to path as a JSON model file, atomically (see minirnn.model_file)."""
        from .model_file import save  # imported here: model_file imports this module
        save(self, path)

    def states(self, a, b):
        """What the network holds after each position, for pictures: one (label, rows) pair,
        the hidden layer, one 1 x hidden row per position, least significant bit first."""
        layer_1_values = self.feed(a, b)[1]
        return [("hidden layer", layer_1_values[1:])]  # [0] is h0, before any bit


def _check_shapes(net):
    hidden = net.hidden_dim
    if hidden < 1 or shape(net.synapse_h) != (hidden, hidden):
        raise ValueError("synapse_h must be square, got shape %r" % (shape(net.synapse_h),))
    if shape(net.synapse_0) != (2, hidden):
        raise ValueError("synapse_0 must have shape (2, %d), got %r" % (hidden, shape(net.synapse_0)))
    if shape(net.synapse_1) != (hidden, 1):
        raise ValueError("synapse_1 must have shape (%d, 1), got %r" % (hidden, shape(net.synapse_1)))
    # shape() reads only the first row; a shorter row further down would make
    # zip() in the forward pass drop hidden units without a word.
    for name, rows, columns in net.weight_shapes(hidden):
        check_shape(name, getattr(net, name), rows, columns)
