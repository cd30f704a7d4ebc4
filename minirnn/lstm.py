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

from .gated import GatedCell, tanh_output_to_derivative
from .matrix import add, apply, dot, multiply, subtract, transpose, zeros, zeros_like
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

    def step(self, X, prev_h, prev_cell):
        """One position: the gates, the new cell state and the new hidden state.

        Each line is one of the module docstring's equations.
        """
        i = apply(sigmoid, add(add(dot(X, self.synapse_0_i), dot(prev_h, self.synapse_h_i)), self.bias_i))
        f = apply(sigmoid, add(add(dot(X, self.synapse_0_f), dot(prev_h, self.synapse_h_f)), self.bias_f))
        g = apply(tanh, add(add(dot(X, self.synapse_0_g), dot(prev_h, self.synapse_h_g)), self.bias_g))
        o = apply(sigmoid, add(add(dot(X, self.synapse_0_o), dot(prev_h, self.synapse_h_o)), self.bias_o))
        # Keep part of the old memory (f) and write part of the candidate (i * g).
        cell = add(multiply(f, prev_cell), multiply(i, g))
        # Show part of the memory, squashed into (-1, 1).
        h = multiply(o, apply(tanh, cell))
        return i, f, g, o, cell, h

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
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            i, f, g, o, cell, h = self.step(X, values["h"][-1], values["cell"][-1])
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

        # How far each output was from the true bit, as the article computes it.
        overallError = 0.0
        layer_2_deltas = []
        for position in range(binary_dim):
            y = [[c[binary_dim - position - 1]]]
            layer_2 = values["layer_2"][position]
            layer_2_error = subtract(y, layer_2)
            layer_2_deltas.append(multiply(layer_2_error, apply(sigmoid_output_to_derivative, layer_2)))
            overallError += abs(layer_2_error[0][0])

        synapse_0_i_update = zeros_like(self.synapse_0_i)
        synapse_h_i_update = zeros_like(self.synapse_h_i)
        bias_i_update = zeros_like(self.bias_i)
        synapse_0_f_update = zeros_like(self.synapse_0_f)
        synapse_h_f_update = zeros_like(self.synapse_h_f)
        bias_f_update = zeros_like(self.bias_f)
        synapse_0_g_update = zeros_like(self.synapse_0_g)
        synapse_h_g_update = zeros_like(self.synapse_h_g)
        bias_g_update = zeros_like(self.bias_g)
        synapse_0_o_update = zeros_like(self.synapse_0_o)
        synapse_h_o_update = zeros_like(self.synapse_h_o)
        bias_o_update = zeros_like(self.bias_o)
        synapse_1_update = zeros_like(self.synapse_1)
        # Nothing comes back from beyond the last position.
        future_h_delta = zeros(1, self.hidden_dim)
        future_cell_delta = zeros(1, self.hidden_dim)

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
            o_delta = multiply(multiply(h_delta, tanh_cell), apply(sigmoid_output_to_derivative, o))
            cell_delta = add(multiply(multiply(h_delta, o), apply(tanh_output_to_derivative, tanh_cell)),
                             future_cell_delta)
            i_delta = multiply(multiply(cell_delta, g), apply(sigmoid_output_to_derivative, i))
            f_delta = multiply(multiply(cell_delta, prev_cell), apply(sigmoid_output_to_derivative, f))
            g_delta = multiply(multiply(cell_delta, i), apply(tanh_output_to_derivative, g))

            synapse_0_i_update = add(synapse_0_i_update, dot(transpose(X), i_delta))
            synapse_h_i_update = add(synapse_h_i_update, dot(transpose(prev_h), i_delta))
            bias_i_update = add(bias_i_update, i_delta)
            synapse_0_f_update = add(synapse_0_f_update, dot(transpose(X), f_delta))
            synapse_h_f_update = add(synapse_h_f_update, dot(transpose(prev_h), f_delta))
            bias_f_update = add(bias_f_update, f_delta)
            synapse_0_g_update = add(synapse_0_g_update, dot(transpose(X), g_delta))
            synapse_h_g_update = add(synapse_h_g_update, dot(transpose(prev_h), g_delta))
            bias_g_update = add(bias_g_update, g_delta)
            synapse_0_o_update = add(synapse_0_o_update, dot(transpose(X), o_delta))
            synapse_h_o_update = add(synapse_h_o_update, dot(transpose(prev_h), o_delta))
            bias_o_update = add(bias_o_update, o_delta)
            synapse_1_update = add(synapse_1_update, dot(transpose(h), layer_2_delta))

            # What the position before receives: the part of the memory it
            # handed on, and its hidden state's share of all four gates.
            future_cell_delta = multiply(cell_delta, f)
            future_h_delta = add(add(add(dot(i_delta, transpose(self.synapse_h_i)),
                                         dot(f_delta, transpose(self.synapse_h_f))),
                                     dot(g_delta, transpose(self.synapse_h_g))),
                                 dot(o_delta, transpose(self.synapse_h_o)))

        updates = {
            "synapse_0_i": synapse_0_i_update, "synapse_h_i": synapse_h_i_update, "bias_i": bias_i_update,
            "synapse_0_f": synapse_0_f_update, "synapse_h_f": synapse_h_f_update, "bias_f": bias_f_update,
            "synapse_0_g": synapse_0_g_update, "synapse_h_g": synapse_h_g_update, "bias_g": bias_g_update,
            "synapse_0_o": synapse_0_o_update, "synapse_h_o": synapse_h_o_update, "bias_o": bias_o_update,
            "synapse_1": synapse_1_update,
        }
        return d, overallError, updates
