"""The LSTM and GRU against benchmarks/cells_numpy.py, an independent numpy implementation, live.

Skipped without numpy.  The golden logs in tests/test_cells.py record
what this checks at fixed settings, so a numpy-free run catches the same.
"""

import importlib.util
import io
import os

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT
from minirnn.data import int2binary
from minirnn.gru import GRU
from minirnn.lstm import LSTM
from minirnn.numpy_random import RandomState
from test_cells import assert_same_log, cell_log

CELLS = {"lstm": LSTM, "gru": GRU}
# minirnn's names for the reference's parameters
NAMES = {"W": "synapse_0_", "U": "synapse_h_", "b": "bias_"}


@pytest.fixture(scope="module")
def reference(np):
    spec = importlib.util.spec_from_file_location(
        "cells_numpy", os.path.join(ROOT, "benchmarks", "cells_numpy.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def minirnn_name(name):
    return "synapse_1" if name == "V" else NAMES[name[0]] + name[1]


@settings(max_examples=50, deadline=None)
@given(cell=st.sampled_from(sorted(CELLS)), task=st.sampled_from(["add", "sub"]),
       bits=st.integers(1, 8), hidden=st.integers(1, 6), alpha=st.floats(0.01, 1.0),
       iterations=st.integers(1, 40), seed=st.integers(0, 2 ** 32 - 1),
       init_scale=st.floats(0.01, 2.0), h0=st.floats(-1.0, 1.0), print_every=st.integers(1, 10))
def test_same_log_as_numpy(reference, cell, task, bits, hidden, alpha, iterations, seed, init_scale,
                           h0, print_every):
    out = io.StringIO()
    reference.run(cell, task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every, out)
    log = cell_log(cell, task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every)
    assert_same_log(log, out.getvalue())


@settings(max_examples=25, deadline=None)
@given(cell=st.sampled_from(sorted(CELLS)), hidden=st.integers(1, 6), bits=st.integers(1, 8),
       seed=st.integers(0, 2 ** 32 - 1), h0=st.floats(-1.0, 1.0), numbers=st.data())
def test_same_updates_as_numpys_gradients(np, reference, cell, hidden, bits, seed, h0, numbers):
    net = CELLS[cell].random(RandomState(seed), hidden, 1.5, h0)
    params = {}
    for name in (["W" + gate for gate in "ifgo"] if cell == "lstm" else ["W" + gate for gate in "rzn"]):
        for kind in "WUb":
            value = np.array(getattr(net, minirnn_name(kind + name[1])), dtype=float)
            params[kind + name[1]] = value[0] if kind == "b" else value
    params["V"] = np.array(net.synapse_1, dtype=float)
    a, b, c = (int2binary(numbers.draw(st.integers(0, 2 ** bits - 1)), bits) for _ in range(3))
    xs = [np.array([a[k], b[k]], dtype=float) for k in reversed(range(bits))]
    ys = [float(c[k]) for k in reversed(range(bits))]
    outputs, gradients = reference.GRADIENTS[cell](params, xs, ys, h0)
    _, _, updates = net.backpropagate(a, b, c)
    for name, gradient in gradients.items():
        expected = -np.atleast_2d(gradient)
        assert np.allclose(np.array(updates[minirnn_name(name)]), expected, rtol=1e-9, atol=1e-13), name
