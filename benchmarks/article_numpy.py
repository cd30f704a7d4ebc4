"""The article's numpy program, rewritten as a timing reference for minirnn.

It performs the same numpy calls, in the same order, as the article's
script (seed 0, 8-bit addition, 16 hidden units, alpha 0.1, 10,000
iterations, a checkpoint every 1,000), and prints the same log, so the
benchmark can check that both programs did the same work before it
compares their times.  Run it directly:  python3 benchmarks/article_numpy.py
"""

import copy
import sys

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


def run(iterations=10000, print_every=1000, out=sys.stdout):
    np.random.seed(0)
    binary_dim = 8
    largest_number = 2 ** binary_dim
    table = np.unpackbits(np.array([range(largest_number)], dtype=np.uint8).T, axis=1)
    int2binary = {i: table[i] for i in range(largest_number)}
    alpha, input_dim, hidden_dim, output_dim = 0.1, 2, 16, 1

    synapse_0 = 2 * np.random.random((input_dim, hidden_dim)) - 1
    synapse_1 = 2 * np.random.random((hidden_dim, output_dim)) - 1
    synapse_h = 2 * np.random.random((hidden_dim, hidden_dim)) - 1
    synapse_0_update = np.zeros_like(synapse_0)
    synapse_1_update = np.zeros_like(synapse_1)
    synapse_h_update = np.zeros_like(synapse_h)

    for j in range(iterations):
        a_int = np.random.randint(largest_number // 2)
        b_int = np.random.randint(largest_number // 2)
        a, b = int2binary[a_int], int2binary[b_int]
        c_int = a_int + b_int
        c = int2binary[c_int]
        d = np.zeros_like(c)
        overallError = 0
        layer_2_deltas = []
        layer_1_values = [np.zeros(hidden_dim)]

        for position in range(binary_dim):
            bit = binary_dim - position - 1
            X = np.array([[a[bit], b[bit]]])
            y = np.array([[c[bit]]]).T
            layer_1 = sigmoid(np.dot(X, synapse_0) + np.dot(layer_1_values[-1], synapse_h))
            layer_2 = sigmoid(np.dot(layer_1, synapse_1))
            layer_2_error = y - layer_2
            layer_2_deltas.append(layer_2_error * sigmoid_output_to_derivative(layer_2))
            overallError += np.abs(layer_2_error[0])
            d[bit] = np.round(layer_2[0][0])
            layer_1_values.append(copy.deepcopy(layer_1))

        future_layer_1_delta = np.zeros(hidden_dim)
        for position in range(binary_dim):
            X = np.array([[a[position], b[position]]])
            layer_1 = layer_1_values[-position - 1]
            prev_layer_1 = layer_1_values[-position - 2]
            layer_2_delta = layer_2_deltas[-position - 1]
            layer_1_delta = (future_layer_1_delta.dot(synapse_h.T)
                             + layer_2_delta.dot(synapse_1.T)) * sigmoid_output_to_derivative(layer_1)
            synapse_1_update += np.atleast_2d(layer_1).T.dot(layer_2_delta)
            synapse_h_update += np.atleast_2d(prev_layer_1).T.dot(layer_1_delta)
            synapse_0_update += X.T.dot(layer_1_delta)
            future_layer_1_delta = layer_1_delta

        synapse_0 += synapse_0_update * alpha
        synapse_1 += synapse_1_update * alpha
        synapse_h += synapse_h_update * alpha
        synapse_0_update *= 0
        synapse_1_update *= 0
        synapse_h_update *= 0

        if j % print_every == 0:
            out_int = 0
            for index, x in enumerate(reversed(d)):
                out_int += x * pow(2, index)
            out.write("Error:" + str(overallError) + "\n")
            out.write("Pred:" + str(d) + "\n")
            out.write("True:" + str(c) + "\n")
            out.write(str(a_int) + " + " + str(b_int) + " = " + str(out_int) + "\n")
            out.write("------------\n")


if __name__ == "__main__":
    run()
