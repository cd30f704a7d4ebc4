"""Properties of the matrix module, and agreement with numpy where it is installed."""

import pytest
from hypothesis import given, strategies as st

from minirnn.matrix import (add, apply, dot, inner, multiply, scale, shape, subtract,
                            transpose, vstack, zeros, zeros_like)

small = st.floats(-1e3, 1e3, allow_nan=False)
# Integers keep sums exact, so algebraic identities can be checked with ==.
exact = st.integers(-50, 50).map(float)


def matrices(rows, columns, elements=exact):
    return st.lists(st.lists(elements, min_size=columns, max_size=columns),
                    min_size=rows, max_size=rows)


sizes = st.integers(1, 6)


@st.composite
def chain(draw, elements=exact):
    """Matrices A (n x m), B and C (m x q) that can be multiplied."""
    n, m, q = draw(sizes), draw(sizes), draw(sizes)
    return draw(matrices(n, m, elements)), draw(matrices(m, q, elements)), draw(matrices(m, q, elements))


@given(chain())
def test_transpose_is_an_involution(abc):
    A = abc[0]
    assert transpose(transpose(A)) == A
    assert shape(transpose(A)) == shape(A)[::-1]


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
    for op in (add, subtract, multiply):
        assert shape(op(B, C)) == shape(B)
    assert shape(scale(B, 2.0)) == shape(B) == shape(zeros_like(B)) == shape(apply(abs, B))


@given(chain())
def test_elementwise_operations(abc):
    _, B, C = abc
    assert subtract(add(B, C), C) == B
    assert multiply(B, C) == multiply(C, B)
    assert scale(B, 2.0) == add(B, B)
    assert add(B, zeros_like(B)) == B


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
    dot(A, B), add(A, A), scale(A, 3.0), transpose(A), apply(abs, A)
    assert A == [[1.0, 2.0]] and B == [[3.0], [4.0]]


def test_shape_errors_name_both_shapes():
    with pytest.raises(ValueError, match=r"dot: \(1, 2\) x \(16, 16\) do not align"):
        dot([[0.0, 0.0]], zeros(16, 16))
    with pytest.raises(ValueError, match=r"inner: \(1, 2\) x \(1, 3\) do not align"):
        inner([[0.0, 0.0]], [[0.0, 0.0, 0.0]])
    for op in (add, subtract, multiply):
        with pytest.raises(ValueError, match=r"\(1, 2\) and \(2, 1\)"):
            op([[0.0, 0.0]], [[0.0], [0.0]])
        with pytest.raises(ValueError, match=r"\(1, 2\) and \(1, 3\)"):
            op([[0.0, 0.0]], [[0.0, 0.0, 0.0]])
    with pytest.raises(ValueError, match="vstack"):
        vstack([[[0.0, 0.0]], [[0.0]]])


@given(chain(small))
def test_agrees_with_numpy(abc):
    np = pytest.importorskip("numpy")
    A, B, C = abc
    ours, theirs = dot(A, B), np.dot(A, B).tolist()
    for row_ours, row_theirs in zip(ours, theirs):
        assert row_ours == pytest.approx(row_theirs, rel=1e-12, abs=1e-9)
    assert add(B, C) == np.add(B, C).tolist()
    assert multiply(B, C) == np.multiply(B, C).tolist()
    assert transpose(A) == np.array(A).T.tolist()
