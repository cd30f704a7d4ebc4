"""A tiny matrix library over lists of rows: just what the article's numpy lines need.

A matrix is a list of rows, each row a list of floats.  A row vector is a
matrix with one row, so ``[[1.0, 2.0]]`` has shape (1, 2), like the article's
``np.array([[a_bit, b_bit]])``.  Every operation returns new lists and leaves
its arguments alone, so nothing needs ``copy.deepcopy``.

>>> synapse = [[1.0, 2.0], [3.0, 4.0]]
>>> dot([[1.0, 1.0]], synapse)
[[4.0, 6.0]]
>>> transpose(synapse)
[[1.0, 3.0], [2.0, 4.0]]
>>> dot([[1.0, 2.0]], [[1.0], [2.0], [3.0]])
Traceback (most recent call last):
  ...
ValueError: dot: (1, 2) x (3, 1) do not align

These functions are also the training loop's hot path, so their inner loops
use ``map`` and ``zip``, which run in C on CPython, instead of index loops.
"""

# What operator.add, mul and sub do, as plain functions: MicroPython ships
# without the operator module and uses these instead (named here, not inside
# the except, so tests on CPython can run them too).
def plain_add(x, y):
    return x + y


def plain_mul(x, y):
    return x * y


def plain_sub(x, y):
    return x - y


try:
    from operator import add as _add, mul as _mul, sub as _sub
except ImportError:  # MicroPython ships without the operator module
    _add, _mul, _sub = plain_add, plain_mul, plain_sub


def sumprod_map(p, q):
    """The dot product of two lists of numbers of the same length, with map and sum.

    Before 3.12, map and sum keep the loop in C on CPython.

    >>> sumprod_map([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    return sum(map(_mul, p, q))


def sumprod_loop(p, q):
    """The dot product of two lists of numbers of the same length, as a plain loop.

    PyPy compiles a plain loop to machine code, and MicroPython runs it
    faster than map, which calls _mul for every pair there.

    >>> sumprod_loop([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    32.0
    """
    total = 0.0
    for i in range(len(p)):
        total += p[i] * q[i]
    return total


try:
    from math import sumprod  # Python 3.12+: the dot product of two vectors, in C
except ImportError:
    import sys
    if sys.implementation.name == "cpython":
        sumprod = sumprod_map
    else:
        sumprod = sumprod_loop


def shape(A):
    """(rows, columns) of A.

    >>> shape([[0.0, 0.0, 0.0]])
    (1, 3)
    """
    return (len(A), len(A[0]) if A else 0)


def zeros(rows, columns):
    """A rows x columns matrix of 0.0 (numpy's zeros((rows, columns))).

    >>> zeros(2, 3)
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    return [[0.0] * columns for _ in range(rows)]


def zeros_like(A):
    """A matrix of 0.0 with A's shape."""
    rows, columns = shape(A)
    return zeros(rows, columns)


def transpose(A):
    """Rows become columns (numpy's A.T).

    >>> transpose([[1.0, 2.0, 3.0]])
    [[1.0], [2.0], [3.0]]
    """
    return list(map(list, zip(*A)))


def dot(A, B):
    """The matrix product A . B (numpy's np.dot for 2-D arrays).

    >>> dot([[1.0], [2.0]], [[3.0, 4.0]])
    [[3.0, 4.0], [6.0, 8.0]]
    """
    if len(A[0]) != len(B):
        raise ValueError("dot: %r x %r do not align" % (shape(A), shape(B)))
    # When B has one or two rows (an outer product, or the input bits times
    # synapse_0), each row of the result is B's rows scaled and added:
    # much quicker than a separate sum of one or two terms per element.
    if len(B) == 1:
        row_b = B[0]
        return [[x * y for y in row_b] for (x,) in A]
    if len(B) == 2:
        row_b, row_c = B
        return [[x * y + z * w for y, w in zip(row_b, row_c)] for x, z in A]
    return _inner(A, list(zip(*B)))


def inner(A, B):
    """A . B-transposed, each row of A against each row of B (numpy's np.inner).

    The backward pass needs ``future_layer_1_delta.dot(synapse_h.T)``; this
    gives it without building the transpose.

    >>> inner([[1.0, 2.0]], [[3.0, 4.0], [5.0, 6.0]])
    [[11.0, 17.0]]
    """
    if len(A[0]) != len(B[0]):
        raise ValueError("inner: %r x %r do not align" % (shape(A), shape(B)))
    return _inner(A, B)


def _inner(A, B):
    return [[sumprod(row_a, row_b) for row_b in B] for row_a in A]


def _check_same_shape(name, A, B):
    if len(A) != len(B) or (A and len(A[0]) != len(B[0])):
        raise ValueError("%s: shapes %r and %r differ" % (name, shape(A), shape(B)))


def add(A, B):
    """Elementwise A + B.

    >>> add([[1.0, 2.0]], [[0.5, 0.5]])
    [[1.5, 2.5]]
    """
    _check_same_shape("add", A, B)
    return [list(map(_add, row_a, row_b)) for row_a, row_b in zip(A, B)]


def subtract(A, B):
    """Elementwise A - B.

    >>> subtract([[1.0, 2.0]], [[0.5, 0.5]])
    [[0.5, 1.5]]
    """
    _check_same_shape("subtract", A, B)
    return [list(map(_sub, row_a, row_b)) for row_a, row_b in zip(A, B)]


def multiply(A, B):
    """Elementwise A * B (numpy's ``*`` on equal shapes, not the matrix product).

    >>> multiply([[1.0, 2.0]], [[3.0, 4.0]])
    [[3.0, 8.0]]
    """
    _check_same_shape("multiply", A, B)
    return [list(map(_mul, row_a, row_b)) for row_a, row_b in zip(A, B)]


def scale(A, s):
    """Every element times the number s (numpy's A * s).

    >>> scale([[1.0, -2.0]], 0.5)
    [[0.5, -1.0]]
    """
    return [[x * s for x in row] for row in A]


def add_scaled(A, B, s):
    """A + B * s, elementwise, in one pass (numpy's A += B * s, without the temporary).

    >>> add_scaled([[1.0, 2.0]], [[10.0, 20.0]], 0.5)
    [[6.0, 12.0]]
    """
    _check_same_shape("add_scaled", A, B)
    return [[x + y * s for x, y in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]


def apply(f, A):
    """f applied to every element (what numpy does for a ufunc like np.exp).

    >>> apply(abs, [[-1.0, 2.0]])
    [[1.0, 2.0]]
    """
    return [[f(x) for x in row] for row in A]


def vstack(matrices):
    """The rows of several matrices, one under another (numpy's np.vstack).

    >>> vstack([[[1.0, 2.0]], [[3.0, 4.0]]])
    [[1.0, 2.0], [3.0, 4.0]]
    """
    rows = [row for matrix in matrices for row in matrix]
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("vstack: rows of different lengths %r" % (sorted(set(len(row) for row in rows)),))
    return rows


def check_shape(name, A, rows, columns):
    """Raise ValueError naming A unless it is a list of `rows` rows of `columns` entries each.

    >>> check_shape("synapse_1", [[0.5], [0.25]], 2, 1)
    >>> check_shape("bias_i", [[0.5, 0.25]], 1, 3)
    Traceback (most recent call last):
      ...
    ValueError: bias_i must have shape (1, 3), got (1, 2)
    """
    if not isinstance(A, list) or not all(isinstance(row, list) for row in A):
        raise ValueError("%s must be a list of rows, got %r" % (name, type(A).__name__))
    lengths = sorted(set(len(row) for row in A))
    if len(lengths) > 1:
        raise ValueError("%s must have shape (%d, %d), got rows of lengths %r" % (name, rows, columns, lengths))
    if shape(A) != (rows, columns):
        raise ValueError("%s must have shape (%d, %d), got %r" % (name, rows, columns, shape(A)))
