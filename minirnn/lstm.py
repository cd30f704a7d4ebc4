"""The LSTM cell on the article's task: its forward pass and backpropagation through time.

The article's network keeps everything it remembers in one sigmoid layer,
rewritten at every bit.  An LSTM keeps a second vector, the cell state,
which it changes only through gates: at each position the forget gate f
says how much of the old cell state to keep, the input gate i how much of
the candidate g to add, and the output gate o how much of the squashed cell
state to show as the hidden state h.  So a carry can sit in the cell state,
untouched, for as many bits as the gates choose.

The equations (no peepholes, as in d2l.ai and PyTorch), gates in the order
i, f, g, o; X is the input row [[a_bit, b_bit]], ``.`` the matrix product,
``*`` elementwise:

    i = sigmoid(X . synapse_0_i + prev_h . synapse_h_i + bias_i)
    f = sigmoid(X . synapse_0_f + prev_h . synapse_h_f + bias_f)
    g = tanh(X . synapse_0_g + prev_h . synapse_h_g + bias_g)
    o = sigmoid(X . synapse_0_o + prev_h . synapse_h_o + bias_o)
    cell = f * prev_cell + i * g
    h = o * tanh(cell)
    layer_2 = sigmoid(h . synapse_1)              (the article's output unit)

The first hidden state is h0 in every unit; the first cell state is 0.
The code calls the cell state ``cell`` because the article's ``c`` is the
true answer.  synapse_0_* are the input weights (2 x hidden), synapse_h_*
the recurrent weights (hidden x hidden), bias_* the biases (1 x hidden),
and synapse_1 the article's output weights (hidden x 1).

>>> from minirnn.numpy_random import RandomState
>>> net = LSTM.random(RandomState(0), hidden_dim=16)
>>> net.synapse_0_i[0][:3]            # the same first numbers as the article's synapse_0
[0.0976270078546495, 0.43037873274483895, 0.20552675214328775]
>>> d, h_values, layer_2_values = net.feed([0, 0, 1, 1], [0, 1, 0, 1])
>>> len(h_values), len(layer_2_values)
(5, 4)
"""

from math import tanh

from .gated import GatedCell, delta, gate, summed_updates, tanh_output_to_derivative
from .matrix import add, apply, dot, inner, multiply, transpose, zeros, zeros_like
from .rnn import round_bit, sigmoid, sigmoid_output_to_derivative


class LSTM(GatedCell):
    """The LSTM's weights (four gates and the article's output unit) and the first hidden state h0.

    settings records how the network was trained; training fills it in.
    """

    cell_name = "lstm"
    # The order the starting weights are drawn in: gate by gate, each gate's
    # input weights, recurrent weights and bias; the output weights last.
    weight_names = ("synapse_0_i", "synapse_h_i", "bias_i",
                    "synapse_0_f", "synapse_h_f", "bias_f",
                    "synapse_0_g", "synapse_h_g", "bias_g",
                    "synapse_0_o", "synapse_h_o", "bias_o",
                    "synapse_1")

    def forward(self, a, b):
        """Run over two bit lists (most significant first); returns (d, values).

        values maps "X", "i", "f", "g", "o", "cell", "h", "layer_2" to lists
        over the positions, least significant bit first; "cell" and "h" start
        with the first states, so values["h"][position] is the hidden state
        that position read.
        """
        binary_dim = len(a)
        d = [0] * binary_dim
        values = {"X": [], "i": [], "f": [], "g": [], "o": [], "layer_2": [],
                  "cell": [zeros(1, self.hidden_dim)], "h": [self.first_hidden_state()]}
        # Every position multiplies by the columns of the recurrent weights,
        # so they are taken out once, here, for gated.gate.
        synapse_h_i_columns = transpose(self.synapse_h_i)
        synapse_h_f_columns = transpose(self.synapse_h_f)
        synapse_h_g_columns = transpose(self.synapse_h_g)
        synapse_h_o_columns = transpose(self.synapse_h_o)
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            prev_h = values["h"][-1]
            prev_cell = values["cell"][-1]
            # Each gate is one line of the module docstring; the first, spelled
            # with the matrix module, is
            #     i = apply(sigmoid, add(add(dot(X, self.synapse_0_i), dot(prev_h, self.synapse_h_i)), self.bias_i))
            # which gate() computes in one pass, in the same order.
            i = gate(sigmoid, X, self.synapse_0_i, prev_h, synapse_h_i_columns, self.bias_i)
            f = gate(sigmoid, X, self.synapse_0_f, prev_h, synapse_h_f_columns, self.bias_f)
            g = gate(tanh, X, self.synapse_0_g, prev_h, synapse_h_g_columns, self.bias_g)
            o = gate(sigmoid, X, self.synapse_0_o, prev_h, synapse_h_o_columns, self.bias_o)
            # Keep part of the old memory (f) and write part of the candidate (i * g).
            cell = add(multiply(f, prev_cell), multiply(i, g))
            # Show part of the memory, squashed into (-1, 1).
            h = multiply(o, apply(tanh, cell))
            # The output: the network's belief that this bit of the answer is 1.
            layer_2 = apply(sigmoid, dot(h, self.synapse_1))
            d[binary_dim - position - 1] = round_bit(layer_2[0][0])
            for name, value in (("X", X), ("i", i), ("f", f), ("g", g), ("o", o),
                                ("cell", cell), ("h", h), ("layer_2", layer_2)):
                values[name].append(value)
        return d, values

    def states(self, a, b):
        """The hidden and cell states after each position, for pictures."""
        d, values = self.forward(a, b)
        return [("hidden state h", values["h"][1:]), ("cell state c", values["cell"][1:])]

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

        - h feeds this position's output and every gate of the next
          position, so h_delta adds the output's share,
          layer_2_delta . synapse_1.T, to future_h_delta, what the next
          position sent back.
        - h = o * tanh(cell): o gets h_delta * tanh(cell), times the sigmoid's
          slope o * (1 - o).
        - cell reaches the loss through h (h_delta * o times tanh's slope
          1 - tanh(cell)**2) and through the next cell state, which keeps f
          of it: future_cell_delta.
        - cell = f * prev_cell + i * g: f gets cell_delta * prev_cell,
          i gets cell_delta * g, g gets cell_delta * i, each times the slope
          of its own squashing function.
        - What flows back: to prev_cell, cell_delta * f; to prev_h, every
          gate's delta through its recurrent weights, delta . synapse_h.T.
        - Each weight's update adds, at every position, what came into it
          times the delta that left: X.T . delta for synapse_0_*,
          prev_h.T . delta for synapse_h_*, the delta itself for bias_*,
          and h.T . layer_2_delta for synapse_1.
        """
        binary_dim = len(c)
        d, values = self.forward(a, b)

        overallError, layer_2_deltas = self.output_deltas(c, values["layer_2"])

        bias_i_update = zeros_like(self.bias_i)
        bias_f_update = zeros_like(self.bias_f)
        bias_g_update = zeros_like(self.bias_g)
        bias_o_update = zeros_like(self.bias_o)
        synapse_1_update = zeros_like(self.synapse_1)
        # Nothing comes back from beyond the last position.
        future_h_delta = zeros(1, self.hidden_dim)
        future_cell_delta = zeros(1, self.hidden_dim)
        # What came into the gates and the deltas that left them, position by
        # position, for the updates of synapse_0_* and synapse_h_* after the loop.
        Xs, prev_hs, i_deltas, f_deltas, g_deltas, o_deltas = [], [], [], [], [], []

        for position in range(binary_dim):
            X = values["X"][-position - 1]
            i = values["i"][-position - 1]
            f = values["f"][-position - 1]
            g = values["g"][-position - 1]
            o = values["o"][-position - 1]
            cell = values["cell"][-position - 1]
            prev_cell = values["cell"][-position - 2]
            h = values["h"][-position - 1]
            prev_h = values["h"][-position - 2]
            layer_2_delta = layer_2_deltas[-position - 1]

            h_delta = add(dot(layer_2_delta, transpose(self.synapse_1)), future_h_delta)
            tanh_cell = apply(tanh, cell)
            # delta(error, factor, output, slope) is, in one pass,
            #     multiply(multiply(error, factor), apply(slope, output))
            # e.g. o_delta = multiply(multiply(h_delta, tanh_cell), apply(sigmoid_output_to_derivative, o))
            o_delta = delta(h_delta, tanh_cell, o, sigmoid_output_to_derivative)
            cell_delta = add(delta(h_delta, o, tanh_cell, tanh_output_to_derivative), future_cell_delta)
            i_delta = delta(cell_delta, g, i, sigmoid_output_to_derivative)
            f_delta = delta(cell_delta, prev_cell, f, sigmoid_output_to_derivative)
            g_delta = delta(cell_delta, i, g, tanh_output_to_derivative)

            # Each weight's update adds what came into it times the delta that
            # left it; a bias's input is 1.
            bias_i_update = add(bias_i_update, i_delta)
            bias_f_update = add(bias_f_update, f_delta)
            bias_g_update = add(bias_g_update, g_delta)
            bias_o_update = add(bias_o_update, o_delta)
            synapse_1_update = add(synapse_1_update, dot(transpose(h), layer_2_delta))
            # The other updates read, position by position,
            #     synapse_h_i_update = add(synapse_h_i_update, dot(transpose(prev_h), i_delta))
            # and are summed after the loop in one product each (gated.summed_updates).
            Xs.append(X)
            prev_hs.append(prev_h)
            i_deltas.append(i_delta)
            f_deltas.append(f_delta)
            g_deltas.append(g_delta)
            o_deltas.append(o_delta)

            # What the position before receives: the part of the memory it
            # handed on, and its hidden state's share of all four gates.
            # dot(i_delta, transpose(self.synapse_h_i)) is inner(i_delta, self.synapse_h_i)
            # (numpy's np.inner), which needs no transpose.
            future_cell_delta = multiply(cell_delta, f)
            future_h_delta = add(add(add(inner(i_delta, self.synapse_h_i), inner(f_delta, self.synapse_h_f)),
                                     inner(g_delta, self.synapse_h_g)),
                                 inner(o_delta, self.synapse_h_o))

        synapse_0_i_update = summed_updates(Xs, i_deltas)
        synapse_h_i_update = summed_updates(prev_hs, i_deltas)
        synapse_0_f_update = summed_updates(Xs, f_deltas)
        synapse_h_f_update = summed_updates(prev_hs, f_deltas)
        synapse_0_g_update = summed_updates(Xs, g_deltas)
        synapse_h_g_update = summed_updates(prev_hs, g_deltas)
        synapse_0_o_update = summed_updates(Xs, o_deltas)
        synapse_h_o_update = summed_updates(prev_hs, o_deltas)

        updates = {
            "synapse_0_i": synapse_0_i_update, "synapse_h_i": synapse_h_i_update, "bias_i": bias_i_update,
            "synapse_0_f": synapse_0_f_update, "synapse_h_f": synapse_h_f_update, "bias_f": bias_f_update,
            "synapse_0_g": synapse_0_g_update, "synapse_h_g": synapse_h_g_update, "bias_g": bias_g_update,
            "synapse_0_o": synapse_0_o_update, "synapse_h_o": synapse_h_o_update, "bias_o": bias_o_update,
            "synapse_1": synapse_1_update,
        }
        return d, overallError, updates
