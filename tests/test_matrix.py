"""Properties of the matrix module, and agreement with numpy where it is installed."""

import functools
import importlib.util
import math
import operator
import sys
import types

import pytest
from hypothesis import given, strategies as st

from minirnn import matrix
from minirnn.matrix import (add, add_scaled, apply, dot, inner, multiply, plain_add, plain_mul, plain_sub, scale,
                            shape, subtract, sumprod, sumprod_loop, sumprod_map, transpose, vstack,
                            zeros, zeros_like)

small = st.floats(-1e3, 1e3, allow_nan=False)
# Small integers keep every sum and product exact, so identities can be checked with ==.
exact = st.integers(-50, 50).map(float)
sizes = st.integers(1, 6)


def matrices(rows, columns, elements=exact):
    return st.lists(st.lists(elements, min_size=columns, max_size=columns),
                    min_size=rows, max_size=rows)


@st.composite
def chain(draw, elements=exact):
    """Matrices A (n x m), B and C (m x q): A.B and A.C exist, B and C share a shape."""
    n, m, q = draw(sizes), draw(sizes), draw(sizes)
    return draw(matrices(n, m, elements)), draw(matrices(m, q, elements)), draw(matrices(m, q, elements))


def plain_dot(A, B):
    """The textbook definition, one sum per element: the reference for dot."""
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))]
            for i in range(len(A))]


@given(chain())
def test_dot_is_the_matrix_product(abc):
    # dot has separate fast paths for B of one row, two rows and more: sizes 1..6 reach all three
    A, B, _ = abc
    assert dot(A, B) == plain_dot(A, B)


@given(chain())
def test_transpose_is_an_involution(abc):
    A = abc[0]
    assert transpose(transpose(A)) == A
    assert shape(transpose(A)) == shape(A)[::-1]
    assert all(transpose(A)[j][i] == A[i][j] for i in range(len(A)) for j in range(len(A[0])))


@given(chain())
def test_dot_distributes_over_add(abc):
    A, B, C = abc
    assert dot(A, add(B, C)) == add(dot(A, B), dot(A, C))


@given(chain())
def test_transpose_of_a_product(abc):
    A, B, _ = abc
    assert transpose(dot(A, B)) == dot(transpose(B), transpose(A))


@given(chain())
def test_inner_is_dot_with_the_transpose(abc):
    A, B, _ = abc
    assert inner(A, transpose(B)) == dot(A, B)


@given(chain())
def test_result_shapes(abc):
    A, B, C = abc
    assert shape(dot(A, B)) == (len(A), len(B[0]))
    assert shape(inner(B, C)) == (len(B), len(C))
    for op in (add, subtract, multiply):
        assert shape(op(B, C)) == shape(B)
    assert shape(scale(B, 2.0)) == shape(B) == shape(zeros_like(B)) == shape(apply(abs, B))
    assert shape(vstack([B, C])) == (2 * len(B), len(B[0]))


@given(chain())
def test_elementwise_operations(abc):
    _, B, C = abc
    assert subtract(add(B, C), C) == B
    assert multiply(B, C) == multiply(C, B)
    assert scale(B, 2.0) == add(B, B)
    assert add(B, zeros_like(B)) == B
    assert multiply(B, C) == [[x * y for x, y in zip(row_b, row_c)] for row_b, row_c in zip(B, C)]
    assert apply(lambda x: -x, B) == scale(B, -1.0)


def test_identity_and_examples():
    identity = [[1.0, 0.0], [0.0, 1.0]]
    A = [[1.0, 2.0], [3.0, 4.0]]
    assert dot(A, identity) == A == dot(identity, A)
    assert dot([[1.0], [2.0]], [[3.0, 4.0]]) == [[3.0, 4.0], [6.0, 8.0]]
    assert zeros(2, 3) == [[0.0] * 3] * 2
    assert vstack([[[1.0, 2.0]], [[3.0, 4.0]]]) == A


def test_operations_leave_their_arguments_alone():
    A = [[1.0, 2.0]]
    B = [[3.0], [4.0]]
    dot(A, B), inner(A, A), add(A, A), subtract(A, A), multiply(A, A)
    scale(A, 3.0), transpose(A), apply(abs, A), vstack([A, A])
    assert A == [[1.0, 2.0]] and B == [[3.0], [4.0]]


def test_results_are_fresh_lists():
    A = [[1.0, 2.0]]
    for result in (add(A, zeros_like(A)), scale(A, 1.0), transpose(transpose(A)), apply(float, A)):
        result[0][0] = 99.0
        assert A == [[1.0, 2.0]]


def test_the_issues_example_message():
    with pytest.raises(ValueError) as raised:
        dot([[0.0, 0.0]], zeros(16, 16))
    assert str(raised.value) == "dot: (1, 2) x (16, 16) do not align"


@st.composite
def mismatched(draw, same_shape):
    """Two shapes that an operation must refuse: inner sizes that differ for dot, or any difference."""
    n, m, p, q = draw(sizes), draw(sizes), draw(sizes), draw(sizes)
    if same_shape:
        if (n, m) == (p, q):
            q += 1
    elif m == p:
        p += 1
    return [[0.0] * m for _ in range(n)], [[0.0] * q for _ in range(p)]


@given(mismatched(same_shape=False))
def test_dot_names_both_shapes_when_they_do_not_align(AB):
    A, B = AB
    with pytest.raises(ValueError) as raised:
        dot(A, B)
    assert str(raised.value) == "dot: %r x %r do not align" % (shape(A), shape(B))


@given(mismatched(same_shape=True))
def test_elementwise_operations_name_both_shapes(AB):
    A, B = AB
    for name, op in (("add", add), ("subtract", subtract), ("multiply", multiply)):
        with pytest.raises(ValueError) as raised:
            op(A, B)
        message = str(raised.value)
        assert message.startswith(name + ":")
        assert repr(shape(A)) in message and repr(shape(B)) in message


def test_inner_and_vstack_refuse_mismatches():
    with pytest.raises(ValueError) as raised:
        inner([[0.0, 0.0]], [[0.0, 0.0, 0.0]])
    assert str(raised.value) == "inner: (1, 2) x (1, 3) do not align"
    with pytest.raises(ValueError, match="vstack"):
        vstack([[[0.0, 0.0]], [[0.0]]])


@given(chain(small))
def test_agrees_with_numpy(np, abc):
    A, B, C = abc
    # BLAS may add a dot product's terms in another order, so dot agrees to rounding
    for row_ours, row_theirs in zip(dot(A, B), np.dot(A, B).tolist()):
        assert row_ours == pytest.approx(row_theirs, rel=1e-12, abs=1e-9)
    for row_ours, row_theirs in zip(inner(B, C), np.inner(B, C).tolist()):
        assert row_ours == pytest.approx(row_theirs, rel=1e-12, abs=1e-9)
    # elementwise operations are single roundings, so they agree exactly
    assert add(B, C) == np.add(B, C).tolist()
    assert subtract(B, C) == np.subtract(B, C).tolist()
    assert multiply(B, C) == np.multiply(B, C).tolist()
    assert scale(B, 0.1) == (np.array(B) * 0.1).tolist()
    assert transpose(A) == np.array(A).T.tolist()
    assert vstack([B, C]) == np.vstack([B, C]).tolist()
    assert zeros_like(A) == np.zeros_like(np.array(A)).tolist()


# The paths only PyPy and MicroPython take, run here on CPython too


def dot_product_of_whole_numbers(p, q):
    """The exact dot product of whole-number floats, in integer arithmetic."""
    return float(sum(int(x) * int(y) for x, y in zip(p, q)))


def left_to_right(p, q):
    """p[0]*q[0] + p[1]*q[1] + ..., each addition rounded in turn, as sum() and the loop do."""
    return functools.reduce(lambda total, pair: total + pair[0] * pair[1], zip(p, q), 0.0)


@st.composite
def vector_pairs(draw, elements=exact):
    n = draw(st.integers(0, 9))
    return draw(st.lists(elements, min_size=n, max_size=n)), draw(st.lists(elements, min_size=n, max_size=n))


@given(vector_pairs())
def test_every_sumprod_is_the_dot_product(pq):
    p, q = pq
    for f in (sumprod, sumprod_loop, sumprod_map):
        assert f(p, q) == dot_product_of_whole_numbers(p, q), f.__name__


# From CPython 3.12, sum() adds floats with compensation (one rounding error
# carried along), so sum(map(mul, p, q)) is then no longer a left-to-right
# sum; there matrix.sumprod is math.sumprod and sumprod_map is never used.
SUM_ADDS_PLAINLY = sys.implementation.name != "cpython" or sys.version_info < (3, 12)


@given(vector_pairs(small))
def test_the_loop_and_map_add_the_products_left_to_right(pq):
    p, q = pq
    assert sumprod_loop(p, q) == left_to_right(p, q)
    if SUM_ADDS_PLAINLY:
        assert sumprod_map(p, q) == left_to_right(p, q)


def test_each_python_gets_its_sumprod():
    if hasattr(math, "sumprod"):
        assert matrix.sumprod is math.sumprod
    elif sys.implementation.name == "cpython":
        assert matrix.sumprod is sumprod_map
    else:
        assert matrix.sumprod is sumprod_loop


@given(small, small)
def test_the_plain_operators_are_operators(x, y):
    assert plain_add(x, y) == operator.add(x, y) == x + y
    assert plain_sub(x, y) == operator.sub(x, y) == x - y
    assert plain_mul(x, y) == operator.mul(x, y) == x * y


def implementation_named(name):
    """sys.implementation with another name (the rest kept: the import system reads it)."""
    return types.SimpleNamespace(**dict(vars(sys.implementation), name=name))


def load_as_micropython(monkeypatch):
    """minirnn/matrix.py imported afresh as MicroPython would: no operator module, no
    math.sumprod, and an implementation that is not CPython."""
    spec = importlib.util.spec_from_file_location("matrix_as_micropython", matrix.__file__)
    module = importlib.util.module_from_spec(spec)
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "operator", None)  # import operator raises ImportError
        patched.delattr(math, "sumprod", raising=False)
        patched.setattr(sys, "implementation", implementation_named("micropython"))
        spec.loader.exec_module(module)
    return module


def test_without_operator_and_sumprod_the_fallbacks_are_used_and_agree(monkeypatch):
    micro = load_as_micropython(monkeypatch)
    assert (micro._add, micro._sub, micro._mul) == (micro.plain_add, micro.plain_sub, micro.plain_mul)
    assert micro.sumprod is micro.sumprod_loop
    A, B = [[1.0, -2.0, 3.5], [0.25, 4.0, -1.0]], [[2.0, 0.5, -1.0], [3.0, -0.75, 8.0]]
    assert micro.add(A, B) == [[3.0, -1.5, 2.5], [3.25, 3.25, 7.0]]
    assert micro.subtract(A, B) == [[-1.0, -2.5, 4.5], [-2.75, 4.75, -9.0]]
    assert micro.multiply(A, B) == [[2.0, -1.0, -3.5], [0.75, -3.0, -8.0]]
    assert micro.inner(A, B) == [[-2.5, 32.5], [3.5, -10.25]]
    assert micro.dot(A, micro.transpose(B)) == [[-2.5, 32.5], [3.5, -10.25]]
    assert micro.sumprod_map([1.0, 2.0], [3.0, 4.0]) == 11.0


def test_before_3_12_cpython_sums_with_map(monkeypatch):
    spec = importlib.util.spec_from_file_location("matrix_as_old_cpython", matrix.__file__)
    module = importlib.util.module_from_spec(spec)
    with monkeypatch.context() as patched:
        patched.delattr(math, "sumprod", raising=False)
        patched.setattr(sys, "implementation", implementation_named("cpython"))
        spec.loader.exec_module(module)
    assert module.sumprod is module.sumprod_map and module._mul is operator.mul


def test_add_scaled_names_both_shapes():
    with pytest.raises(ValueError) as raised:
        add_scaled([[1.0, 2.0]], [[1.0, 2.0, 3.0]], 0.5)
    assert str(raised.value) == "add_scaled: shapes (1, 2) and (1, 3) differ"
    with pytest.raises(ValueError) as raised:
        add_scaled([[1.0], [2.0]], [[1.0]], 0.5)
    assert str(raised.value) == "add_scaled: shapes (2, 1) and (1, 1) differ"


def test_the_shape_of_an_empty_matrix_and_vstacks_message():
    assert shape([]) == (0, 0) and shape([[]]) == (1, 0) and shape([[1.0], [2.0]]) == (2, 1)
    with pytest.raises(ValueError) as raised:
        vstack([[[0.0, 0.0]], [[0.0]], [[0.0, 0.0, 0.0]]])
    assert str(raised.value) == "vstack: rows of different lengths [1, 2, 3]"


@pytest.mark.parametrize("value, message", [
    ("xy", "bias_i must be a list of rows, got 'str'"),
    (None, "bias_i must be a list of rows, got 'NoneType'"),
    ([1.0, 2.0], "bias_i must be a list of rows, got 'list'"),  # a flat list: its items are not rows
    ([[1.0], (2.0,)], "bias_i must be a list of rows, got 'list'"),
    ([[1.0, 2.0], [3.0]], "bias_i must have shape (1, 2), got rows of lengths [1, 2]"),
    ([[1.0, 2.0], [3.0, 4.0]], "bias_i must have shape (1, 2), got (2, 2)"),
    ([], "bias_i must have shape (1, 2), got (0, 0)"),
])
def test_check_shape_names_the_weight_and_what_is_wrong(value, message):
    matrix.check_shape("bias_i", [[0.5, 0.25]], 1, 2)  # the right shape passes
    with pytest.raises(ValueError) as raised:
        matrix.check_shape("bias_i", value, 1, 2)
    assert str(raised.value) == message
