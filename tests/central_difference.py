"""The numerical side of every gradient check: central differences of a loss.

Shared by tests/test_gradient.py (the RNN) and tests/test_cells_gradient.py
(the LSTM and the GRU), which each bring their own plain forward pass.
"""

EPSILON = 1e-6
# With EPSILON 1e-6 the central difference is off by about 1e-12 (truncation)
# plus about 1e-10 (rounding in a loss of order 1): far inside the tolerance.
TOLERANCE = 1e-6
FLOOR = 1e-3  # gradients smaller than this are compared in absolute terms


def numerical_gradient(loss, matrix):
    """d loss / d matrix[i][j] for every element, as (loss(+e) - loss(-e)) / 2e.

    loss() takes no arguments and reads matrix, which is nudged in place one
    element at a time and put back exactly as it was.

    >>> weights = [[3.0, -1.0]]
    >>> gradient = numerical_gradient(lambda: weights[0][0] ** 2 + 5 * weights[0][1], weights)
    >>> [[round(g, 6) for g in row] for row in gradient], weights
    ([[6.0, 5.0]], [[3.0, -1.0]])
    """
    gradient = []
    for row in matrix:
        derivatives = []
        for j, original in enumerate(row):
            row[j] = original + EPSILON
            up = loss()
            row[j] = original - EPSILON
            down = loss()
            row[j] = original
            derivatives.append((up - down) / (2 * EPSILON))
        gradient.append(derivatives)
    return gradient


def relative_error(x, y):
    """|x - y| relative to their size, or absolute below FLOOR."""
    return abs(x - y) / max(abs(x) + abs(y), FLOOR)
