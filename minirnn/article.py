"""The article's program, statement for statement, spelled with minirnn's matrix module.

Hold the article's numpy script beside this file: every statement of it
is here, in its order and under its name, from seeding the random stream
to printing a checkpoint.  Each numpy expression becomes the function of
minirnn.matrix named after it: ``np.dot(A, B)`` is ``dot(A, B)``, ``A.T``
is ``transpose(A)``, ``A + B`` is ``add(A, B)``, ``A - B`` is
``subtract(A, B)``, ``A * B`` is ``multiply(A, B)``, ``A * 0.1`` is
``scale(A, 0.1)`` and ``sigmoid(A)`` is ``apply(sigmoid, A)``.  Where
Python needs a line numpy did not, or numpy needed one Python does not, a
comment says so.

It is the slow, literal edition.  minirnn.rnn runs the same program
faster; tests/test_article.py checks that the two print the same log and
reach the same weights, and docs/walkthrough.md ("From the article edition
to the engine") lists what the engine changes.

Run it as ``python3 -m minirnn.article`` for the article's published log,
or call run() with other settings (``python3 -m minirnn article --help``):

>>> synapse_0, synapse_1, synapse_h = run(iterations=1)
Error:[3.45638663]
Pred:[0 0 0 0 0 0 0 1]
True:[0 1 0 0 0 1 0 1]
9 + 60 = 1
------------
>>> len(synapse_0), len(synapse_1), len(synapse_h)
(2, 16, 16)
"""

from math import exp

from .checkpoint import format_checkpoint_lines
from .data import OPERATORS, int2binary
from .matrix import add, apply, dot, multiply, scale, subtract, transpose, zeros, zeros_like
from .numpy_random import RandomState
from .training import check_settings


def sigmoid(x):
    """The article's sigmoid, for one number (apply() maps it over a matrix).

    >>> sigmoid(0.0), sigmoid(-1000.0)
    (0.5, 0.0)
    """
    try:
        output = 1 / (1 + exp(-x))
    except (OverflowError, ValueError):
        # numpy's exp overflows to inf and 1 / inf is 0; Python's exp raises
        # instead (OverflowError on CPython, ValueError on MicroPython).
        output = 0.0
    return output


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


def run(task="add", bits=8, hidden=16, alpha=0.1, iterations=10000, seed=0, init_scale=1.0,
        h0=0.0, print_every=1000, out=None):
    """Train as the article's program does, printing a checkpoint every print_every iterations.

    The defaults are the article's settings.  task="sub" with alpha=0.9,
    init_scale=0.05, h0=0.1 and print_every=800 is the published subtraction
    variant, whose different lines are taken here when task is "sub".
    Checkpoints go to out (sys.stdout when None).  Returns the trained
    (synapse_0, synapse_1, synapse_h).
    """
    check_settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every)
    if out is None:
        import sys
        out = sys.stdout

    # np.random.seed(0): this generator gives numpy's legacy stream.
    np_random = RandomState(seed)

    # The article builds the table int2binary of all 2**8 numbers' bits;
    # int2binary(number, binary_dim) works the bits out when asked, so
    # binary_dim can be 64 without a table of 2**64 rows.
    binary_dim = bits
    largest_number = pow(2, binary_dim)

    # alpha, the learning rate, is an argument
    input_dim = 2
    hidden_dim = hidden
    output_dim = 1

    # The article draws 2*r - 1 for each element; the subtraction variant
    # scales that by 0.05 (init_scale), and the article's 1.0 changes nothing.
    synapse_0 = scale(apply(lambda r: 2 * r - 1, np_random.random((input_dim, hidden_dim))), init_scale)
    synapse_1 = scale(apply(lambda r: 2 * r - 1, np_random.random((hidden_dim, output_dim))), init_scale)
    synapse_h = scale(apply(lambda r: 2 * r - 1, np_random.random((hidden_dim, hidden_dim))), init_scale)

    synapse_0_update = zeros_like(synapse_0)
    synapse_1_update = zeros_like(synapse_1)
    synapse_h_update = zeros_like(synapse_h)

    for j in range(iterations):

        if task == "add":
            # The article's largest_number / 2 is Python 2's whole-number division.
            a_int = np_random.randint(largest_number // 2)
            a = int2binary(a_int, binary_dim)

            b_int = np_random.randint(largest_number // 2)
            b = int2binary(b_int, binary_dim)

            c_int = a_int + b_int
        else:
            # the subtraction variant: a from [0, 256), b from [0, 128), in
            # that order, swapped when a < b so the answer is not negative
            a_int = np_random.randint(largest_number)
            b_int = np_random.randint(largest_number // 2)
            if a_int < b_int:
                a_int, b_int = b_int, a_int

            a = int2binary(a_int, binary_dim)
            b = int2binary(b_int, binary_dim)
            c_int = a_int - b_int
        c = int2binary(c_int, binary_dim)

        # np.zeros_like(c): c is a plain list of bits here, not a matrix.
        d = [0] * len(c)

        overallError = 0

        layer_2_deltas = list()
        layer_1_values = list()
        # np.zeros(hidden_dim) in the article, np.ones(hidden_dim) * 0.1 in
        # the subtraction variant: numpy keeps it one-dimensional, here it is
        # a 1 x hidden_dim row like every later hidden layer.
        layer_1_values.append([[h0] * hidden_dim])

        for position in range(binary_dim):

            X = [[a[binary_dim - position - 1], b[binary_dim - position - 1]]]
            y = transpose([[c[binary_dim - position - 1]]])

            layer_1 = apply(sigmoid, add(dot(X, synapse_0), dot(layer_1_values[-1], synapse_h)))

            layer_2 = apply(sigmoid, dot(layer_1, synapse_1))

            layer_2_error = subtract(y, layer_2)
            layer_2_deltas.append(multiply(layer_2_error, apply(sigmoid_output_to_derivative, layer_2)))
            # np.abs(layer_2_error[0]) is a one-element array; here the number itself.
            overallError += abs(layer_2_error[0][0])

            # Python's round, like np.round, sends a tie to the even number: 0.5 to 0.
            d[binary_dim - position - 1] = round(layer_2[0][0])

            # No copy.deepcopy: the matrix functions build new lists and
            # never change their arguments, so layer_1 is never written to.
            layer_1_values.append(layer_1)

        # np.zeros(hidden_dim), as a 1 x hidden_dim row
        future_layer_1_delta = zeros(1, hidden_dim)

        for position in range(binary_dim):

            X = [[a[position], b[position]]]
            layer_1 = layer_1_values[-position - 1]
            prev_layer_1 = layer_1_values[-position - 2]

            layer_2_delta = layer_2_deltas[-position - 1]
            layer_1_delta = multiply(add(dot(future_layer_1_delta, transpose(synapse_h)),
                                         dot(layer_2_delta, transpose(synapse_1))),
                                     apply(sigmoid_output_to_derivative, layer_1))

            # The article writes np.atleast_2d(layer_1).T because its first
            # hidden layer is one-dimensional; here every layer is already a
            # 1 x hidden_dim row, so transpose alone makes the column.
            synapse_1_update = add(synapse_1_update, dot(transpose(layer_1), layer_2_delta))
            synapse_h_update = add(synapse_h_update, dot(transpose(prev_layer_1), layer_1_delta))
            synapse_0_update = add(synapse_0_update, dot(transpose(X), layer_1_delta))

            future_layer_1_delta = layer_1_delta

        synapse_0 = add(synapse_0, scale(synapse_0_update, alpha))
        synapse_1 = add(synapse_1, scale(synapse_1_update, alpha))
        synapse_h = add(synapse_h, scale(synapse_h_update, alpha))

        # The article empties its update arrays in place (*= 0) so the next
        # iteration can += into them; fresh zeros do the same here.
        synapse_0_update = zeros_like(synapse_0_update)
        synapse_1_update = zeros_like(synapse_1_update)
        synapse_h_update = zeros_like(synapse_h_update)

        # The article's five print lines, with numpy's way of printing an
        # array rebuilt in minirnn.checkpoint (which also decodes d to an
        # integer as the article's "out" loop does).
        if j % print_every == 0:
            out.write(format_checkpoint_lines(overallError, d, c, a_int, b_int, OPERATORS[task]) + "\n")

    return synapse_0, synapse_1, synapse_h


if __name__ == "__main__":
    run()
