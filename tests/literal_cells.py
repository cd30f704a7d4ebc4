"""The gated cells spelled entirely with the matrix module: the first version of minirnn/lstm.py
and minirnn/gru.py, before the one-pass helpers of minirnn/gated.py.

tests/test_cells.py checks that the cells compute what these do.  Every
forward line here is an equation and every backward line a derivative,
written with matrix.py's numpy-named functions; each weight's update is
summed position by position inside the backward loop.
"""

from math import tanh

from minirnn.gated import tanh_output_to_derivative
from minirnn.gru import GRU, one_minus
from minirnn.lstm import LSTM
from minirnn.matrix import add, apply, dot, multiply, subtract, transpose, zeros, zeros_like
from minirnn.rnn import round_bit, sigmoid, sigmoid_output_to_derivative


class LiteralLSTM(LSTM):

    def step(self, X, prev_h, prev_cell):
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
        d, values = self.forward(a, b)
        return [("hidden state h", values["h"][1:]), ("cell state c", values["cell"][1:])]

    def backpropagate(self, a, b, c):
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


class LiteralGRU(GRU):

    def step(self, X, prev_h):
        r = apply(sigmoid, add(add(dot(X, self.synapse_0_r), dot(prev_h, self.synapse_h_r)), self.bias_r))
        z = apply(sigmoid, add(add(dot(X, self.synapse_0_z), dot(prev_h, self.synapse_h_z)), self.bias_z))
        reset_h = multiply(r, prev_h)
        n = apply(tanh, add(add(dot(X, self.synapse_0_n), dot(reset_h, self.synapse_h_n)), self.bias_n))
        # Keep z of the old state and take the rest from the candidate.
        h = add(multiply(z, prev_h), multiply(apply(one_minus, z), n))
        return r, z, reset_h, n, h

    def forward(self, a, b):
        binary_dim = len(a)
        d = [0] * binary_dim
        values = {"X": [], "r": [], "z": [], "reset_h": [], "n": [], "layer_2": [],
                  "h": [self.first_hidden_state()]}
        for position in range(binary_dim):
            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            r, z, reset_h, n, h = self.step(X, values["h"][-1])
            # The output: the network's belief that this bit of the answer is 1.
            layer_2 = apply(sigmoid, dot(h, self.synapse_1))
            d[binary_dim - position - 1] = round_bit(layer_2[0][0])
            for name, value in (("X", X), ("r", r), ("z", z), ("reset_h", reset_h), ("n", n),
                                ("h", h), ("layer_2", layer_2)):
                values[name].append(value)
        return d, values

    def states(self, a, b):
        d, values = self.forward(a, b)
        return [("hidden state h", values["h"][1:])]

    def backpropagate(self, a, b, c):
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

        synapse_0_r_update = zeros_like(self.synapse_0_r)
        synapse_h_r_update = zeros_like(self.synapse_h_r)
        bias_r_update = zeros_like(self.bias_r)
        synapse_0_z_update = zeros_like(self.synapse_0_z)
        synapse_h_z_update = zeros_like(self.synapse_h_z)
        bias_z_update = zeros_like(self.bias_z)
        synapse_0_n_update = zeros_like(self.synapse_0_n)
        synapse_h_n_update = zeros_like(self.synapse_h_n)
        bias_n_update = zeros_like(self.bias_n)
        synapse_1_update = zeros_like(self.synapse_1)
        # Nothing comes back from beyond the last position.
        future_h_delta = zeros(1, self.hidden_dim)

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
            z_delta = multiply(multiply(h_delta, subtract(prev_h, n)), apply(sigmoid_output_to_derivative, z))
            n_delta = multiply(multiply(h_delta, apply(one_minus, z)), apply(tanh_output_to_derivative, n))
            reset_h_delta = dot(n_delta, transpose(self.synapse_h_n))
            r_delta = multiply(multiply(reset_h_delta, prev_h), apply(sigmoid_output_to_derivative, r))

            synapse_0_r_update = add(synapse_0_r_update, dot(transpose(X), r_delta))
            synapse_h_r_update = add(synapse_h_r_update, dot(transpose(prev_h), r_delta))
            bias_r_update = add(bias_r_update, r_delta)
            synapse_0_z_update = add(synapse_0_z_update, dot(transpose(X), z_delta))
            synapse_h_z_update = add(synapse_h_z_update, dot(transpose(prev_h), z_delta))
            bias_z_update = add(bias_z_update, z_delta)
            synapse_0_n_update = add(synapse_0_n_update, dot(transpose(X), n_delta))
            synapse_h_n_update = add(synapse_h_n_update, dot(transpose(reset_h), n_delta))
            bias_n_update = add(bias_n_update, n_delta)
            synapse_1_update = add(synapse_1_update, dot(transpose(h), layer_2_delta))

            # What the position before receives: its hidden state's share of
            # this one, kept directly, through the reset gate's product, and
            # through the sums of the two gates.
            future_h_delta = add(add(add(multiply(h_delta, z), multiply(reset_h_delta, r)),
                                     dot(z_delta, transpose(self.synapse_h_z))),
                                 dot(r_delta, transpose(self.synapse_h_r)))

        updates = {
            "synapse_0_r": synapse_0_r_update, "synapse_h_r": synapse_h_r_update, "bias_r": bias_r_update,
            "synapse_0_z": synapse_0_z_update, "synapse_h_z": synapse_h_z_update, "bias_z": bias_z_update,
            "synapse_0_n": synapse_0_n_update, "synapse_h_n": synapse_h_n_update, "bias_n": bias_n_update,
            "synapse_1": synapse_1_update,
        }
        return d, overallError, updates
