"""The GRU cell on the article's task: its forward pass and backpropagation through time.

A GRU has no separate memory: its hidden state h is the memory, and the
update gate z decides, unit by unit, how much of it to keep as it is and
how much to replace with a candidate n.  The reset gate r decides how much
of the old state the candidate may look at.  With z near 1 a unit simply
copies itself forward, which is how a carry can wait for the next bit.

The equations (as in d2l.ai and Cho et al. 2014: the reset gate is applied
to the old state before the product), gates in the order r, z, n; X is the
input row [[a_bit, b_bit]], ``.`` the matrix product, ``*`` elementwise:

    r = sigmoid(X . synapse_0_r + prev_h . synapse_h_r + bias_r)
    z = sigmoid(X . synapse_0_z + prev_h . synapse_h_z + bias_z)
    n = tanh(X . synapse_0_n + (r * prev_h) . synapse_h_n + bias_n)
    h = z * prev_h + (1 - z) * n
    layer_2 = sigmoid(h . synapse_1)              (the article's output unit)

The first hidden state is h0 in every unit.  synapse_0_* are the input
weights (2 x hidden), synapse_h_* the recurrent weights (hidden x hidden),
bias_* the biases (1 x hidden), and synapse_1 the article's output weights
(hidden x 1).

>>> from minirnn.numpy_random import RandomState
>>> net = GRU.random(RandomState(0), hidden_dim=16)
>>> net.synapse_0_r[0][:3]            # the same first numbers as the article's synapse_0
[0.0976270078546495, 0.43037873274483895, 0.20552675214328775]
>>> d, h_values, layer_2_values = net.feed([0, 0, 1, 1], [0, 1, 0, 1])
>>> len(h_values), len(layer_2_values)
(5, 4)
"""

from math import tanh

from .gated import GatedCell, delta, gate, summed_updates, tanh_output_to_derivative
from .matrix import add, apply, dot, inner, multiply, subtract, transpose, zeros, zeros_like
from .rnn import round_bit, sigmoid, sigmoid_output_to_derivative


def one_minus(x):
    """1 - x: the share of the candidate where the update gate is x.

    >>> one_minus(0.25)
    0.75
    """
    return 1 - x


class GRU(GatedCell):
    """The GRU's weights (three gates and the article's output unit) and the first hidden state h0.

    settings records how the network was trained; training fills it in.
    """

    cell_name = "gru"
    # The order the starting weights are drawn in: gate by gate, each gate's
    # input weights, recurrent weights and bias; the output weights last.
    weight_names = ("synapse_0_r", "synapse_h_r", "bias_r",
                    "synapse_0_z", "synapse_h_z", "bias_z",
                    "synapse_0_n", "synapse_h_n", "bias_n",
                    "synapse_1")

    def forward(self, a, b):
        """Run over two bit lists (most significant first); returns (d, values).

        values maps "X", "r", "z", "reset_h", "n", "h", "layer_2" to lists
        over the positions, least significant bit first; "h" starts with the
        first hidden state, so values["h"][position] is the hidden state that
        position read.
        """
        binary_dim = len(a)
        d = [0] * binary_dim
        values = {"X": [], "r": [], "z": [], "reset_h": [], "n": [], "layer_2": [],
                  "h": [self.first_hidden_state()]}
        # Every position multiplies by the columns of the recurrent weights,
        # so they are taken out once, here, for gated.gate.
        synapse_h_r_columns = transpose(self.synapse_h_r)
        synapse_h_z_columns = transpose(self.synapse_h_z)
        synapse_h_n_columns = transpose(self.synapse_h_n)
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            prev_h = values["h"][-1]
            # Each gate is one line of the module docstring; the first, spelled
            # with the matrix module, is
            #     r = apply(sigmoid, add(add(dot(X, self.synapse_0_r), dot(prev_h, self.synapse_h_r)), self.bias_r))
            # which gate() computes in one pass, in the same order.
            r = gate(sigmoid, X, self.synapse_0_r, prev_h, synapse_h_r_columns, self.bias_r)
            z = gate(sigmoid, X, self.synapse_0_z, prev_h, synapse_h_z_columns, self.bias_z)
            # The part of the old state the candidate sees: r * prev_h.
            reset_h = multiply(r, prev_h)
            n = gate(tanh, X, self.synapse_0_n, reset_h, synapse_h_n_columns, self.bias_n)
            # Keep z of the old state and take the rest from the candidate.
            h = add(multiply(z, prev_h), multiply(apply(one_minus, z), n))
            # The output: the network's belief that this bit of the answer is 1.
            layer_2 = apply(sigmoid, dot(h, self.synapse_1))
            d[binary_dim - position - 1] = round_bit(layer_2[0][0])
            for name, value in (("X", X), ("r", r), ("z", z), ("reset_h", reset_h), ("n", n),
                                ("h", h), ("layer_2", layer_2)):
                values[name].append(value)
        return d, values

    def states(self, a, b):
        """The hidden state after each position, for pictures."""
        d, values = self.forward(a, b)
        return [("hidden state h", values["h"][1:])]

    def backpropagate(self, a, b, c):
        """The forward pass and backpropagation through time for one problem.

        Returns (d, overallError, updates): the predicted bits, the summed
        absolute error, and a dict weight name -> minus the gradient of
        0.5 * sum((y - layer_2)**2), before alpha.

        Every delta here is, like the article's, minus the gradient of the
        loss with respect to the quantity it is named after (for a gate, with
        respect to the sum inside its sigmoid or tanh).  Going back from the
        last position, each line is the chain rule applied to one forward
        equation:

        - h feeds this position's output and the next position, so h_delta
          adds the output's share, layer_2_delta . synapse_1.T, to
          future_h_delta, what the next position sent back.
        - h = z * prev_h + (1 - z) * n = n + z * (prev_h - n): z gets
          h_delta * (prev_h - n), times the sigmoid's slope z * (1 - z);
          n gets h_delta * (1 - z), times tanh's slope 1 - n * n.
        - n's sum holds reset_h . synapse_h_n, so reset_h gets
          n_delta . synapse_h_n.T; reset_h = r * prev_h, so r gets that times
          prev_h, times the sigmoid's slope.
        - prev_h reaches the loss four ways: kept directly (h_delta * z),
          through reset_h (reset_h_delta * r), and through the sums of z and
          r (their deltas times their recurrent weights, transposed).
        - Each weight's update adds, at every position, what came into it
          times the delta that left: X.T . delta for synapse_0_*,
          prev_h.T . delta for synapse_h_r and synapse_h_z, reset_h.T .
          n_delta for synapse_h_n, the delta itself for bias_*, and
          h.T . layer_2_delta for synapse_1.
        """
        binary_dim = len(c)
        d, values = self.forward(a, b)

        overallError, layer_2_deltas = self.output_deltas(c, values["layer_2"])

        bias_r_update = zeros_like(self.bias_r)
        bias_z_update = zeros_like(self.bias_z)
        bias_n_update = zeros_like(self.bias_n)
        synapse_1_update = zeros_like(self.synapse_1)
        # Nothing comes back from beyond the last position.
        future_h_delta = zeros(1, self.hidden_dim)
        # What came into the gates and the deltas that left them, position by
        # position, for the updates of synapse_0_* and synapse_h_* after the loop.
        Xs, prev_hs, reset_hs, r_deltas, z_deltas, n_deltas = [], [], [], [], [], []

        for position in range(binary_dim):
            X = values["X"][-position - 1]
            r = values["r"][-position - 1]
            z = values["z"][-position - 1]
            reset_h = values["reset_h"][-position - 1]
            n = values["n"][-position - 1]
            h = values["h"][-position - 1]
            prev_h = values["h"][-position - 2]
            layer_2_delta = layer_2_deltas[-position - 1]

            h_delta = add(dot(layer_2_delta, transpose(self.synapse_1)), future_h_delta)
            # delta(error, factor, output, slope) is, in one pass,
            #     multiply(multiply(error, factor), apply(slope, output))
            # e.g. z_delta = multiply(multiply(h_delta, subtract(prev_h, n)), apply(sigmoid_output_to_derivative, z))
            z_delta = delta(h_delta, subtract(prev_h, n), z, sigmoid_output_to_derivative)
            n_delta = delta(h_delta, apply(one_minus, z), n, tanh_output_to_derivative)
            # dot(n_delta, transpose(self.synapse_h_n)) is inner(n_delta, self.synapse_h_n)
            # (numpy's np.inner), which needs no transpose.
            reset_h_delta = inner(n_delta, self.synapse_h_n)
            r_delta = delta(reset_h_delta, prev_h, r, sigmoid_output_to_derivative)

            # Each weight's update adds what came into it times the delta that
            # left it; a bias's input is 1.
            bias_r_update = add(bias_r_update, r_delta)
            bias_z_update = add(bias_z_update, z_delta)
            bias_n_update = add(bias_n_update, n_delta)
            synapse_1_update = add(synapse_1_update, dot(transpose(h), layer_2_delta))
            # The other updates read, position by position,
            #     synapse_h_r_update = add(synapse_h_r_update, dot(transpose(prev_h), r_delta))
            #     synapse_h_n_update = add(synapse_h_n_update, dot(transpose(reset_h), n_delta))
            # and are summed after the loop in one product each (gated.summed_updates).
            Xs.append(X)
            prev_hs.append(prev_h)
            reset_hs.append(reset_h)
            r_deltas.append(r_delta)
            z_deltas.append(z_delta)
            n_deltas.append(n_delta)

            # What the position before receives: its hidden state's share of
            # this one, kept directly, through the reset gate's product, and
            # through the sums of the two gates.
            future_h_delta = add(add(add(multiply(h_delta, z), multiply(reset_h_delta, r)),
                                     inner(z_delta, self.synapse_h_z)),
                                 inner(r_delta, self.synapse_h_r))

        synapse_0_r_update = summed_updates(Xs, r_deltas)
        synapse_h_r_update = summed_updates(prev_hs, r_deltas)
        synapse_0_z_update = summed_updates(Xs, z_deltas)
        synapse_h_z_update = summed_updates(prev_hs, z_deltas)
        synapse_0_n_update = summed_updates(Xs, n_deltas)
        synapse_h_n_update = summed_updates(reset_hs, n_deltas)

        updates = {
            "synapse_0_r": synapse_0_r_update, "synapse_h_r": synapse_h_r_update, "bias_r": bias_r_update,
            "synapse_0_z": synapse_0_z_update, "synapse_h_z": synapse_h_z_update, "bias_z": bias_z_update,
            "synapse_0_n": synapse_0_n_update, "synapse_h_n": synapse_h_n_update, "bias_n": bias_n_update,
            "synapse_1": synapse_1_update,
        }
        return d, overallError, updates
