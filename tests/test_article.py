"""The article edition (minirnn/article.py) and the engine (minirnn/rnn.py) are one program.

The edition prints both published logs (tests/golden/); the engine does too
(test_published_logs.py).  Over many other settings the two must print the
same log and reach the same weights.  Bit for bit where they add the same
numbers in the same order; that is everywhere when minirnn.matrix.sumprod
adds left to right (CPython before 3.12, PyPy, MicroPython).  On CPython
3.12 and later sumprod is math.sumprod, which rounds a whole sum of products
once; the engine sums each update over the positions with one sumprod
(rnn.transpose_dot) where the edition adds the positions one at a time as
the article does, so there the weights may differ in the last bits and are
compared within 1e-12 of the largest weight of their matrix (a relative
bound on each element would fail where an update cancels to almost zero,
as rounding errors scale with the terms summed, not with their sum).
"""

import io
import sys

import pytest
from hypothesis import example, given, settings, strategies as st

import minirnn
from conftest import golden, run_cli
from minirnn import article, cli, matrix
from minirnn.training import PRESETS
from test_train_cli import BAD_SETTINGS, first_checkpoints

# True where sumprod adds its products one by one, left to right, as the
# article's += does: then the engine's summed updates are bit-identical.
SUMS_IN_ORDER = getattr(matrix.sumprod, "__module__", None) != "math"
TOLERANCE = 1e-12


def edition(**settings):
    """(log, (synapse_0, synapse_1, synapse_h)) of the article edition."""
    out = io.StringIO()
    weights = article.run(out=out, **settings)
    return out.getvalue(), weights


def engine(**settings):
    """(log, (synapse_0, synapse_1, synapse_h)) of the engine, through minirnn.train."""
    out = io.StringIO()
    model = minirnn.train(out=out, **settings)
    return out.getvalue(), (model.synapse_0, model.synapse_1, model.synapse_h)


def assert_same_weights(ours, theirs):
    for name, A, B in zip(("synapse_0", "synapse_1", "synapse_h"), ours, theirs):
        assert matrix.shape(A) == matrix.shape(B), name
        if SUMS_IN_ORDER:
            assert A == B, name
        else:
            largest = max(abs(x) for row in A + B for x in row)
            for i, (row_a, row_b) in enumerate(zip(A, B)):
                for j, (x, y) in enumerate(zip(row_a, row_b)):
                    assert abs(x - y) <= TOLERANCE * largest, (name, i, j, x, y)


@pytest.fixture(scope="session")
def edition_subtraction_run():
    """(log, weights) of the article edition's full subtraction run (several s)."""
    return edition(**PRESETS["subtraction"])


@pytest.fixture(scope="session")
def edition_article_log():
    """What ``python3 -m minirnn.article`` prints: the article's full run (several s)."""
    done = run_module("minirnn.article")
    assert done.returncode == 0 and done.stderr == ""
    return done.stdout


def run_module(name, *args):
    import os
    import subprocess
    from conftest import ROOT
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", name] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def test_python_m_minirnn_article_prints_the_published_log(edition_article_log):
    assert edition_article_log == golden("article_add.log")


def test_the_subtraction_variant_prints_its_published_log(edition_subtraction_run):
    assert edition_subtraction_run[0] == golden("subtraction.log")


def test_the_subtraction_weights_are_the_engines(edition_subtraction_run, subtraction_run):
    # 10,000 iterations: the engine's and the edition's weights after the
    # whole published run (the printed weights are checked in test_published_logs.py)
    model = subtraction_run[1]
    assert_same_weights(edition_subtraction_run[1], (model.synapse_0, model.synapse_1, model.synapse_h))


@st.composite
def run_settings(draw):
    return dict(
        task=draw(st.sampled_from(["add", "sub"])),
        bits=draw(st.integers(1, 16)),
        hidden=draw(st.integers(1, 24)),
        alpha=draw(st.floats(0.0, 2.0)),
        iterations=draw(st.integers(0, 4)),
        seed=draw(st.integers(0, 2 ** 32 - 1)),
        init_scale=draw(st.floats(0.0, 2.0)),
        h0=draw(st.floats(-1.0, 1.0)),
        print_every=draw(st.integers(1, 3)),
    )


@settings(max_examples=60)
@given(run_settings())
@example(dict(task="add", bits=8, hidden=16, alpha=0.1, iterations=3, seed=2 ** 31, init_scale=1.0,
              h0=0.0, print_every=1))
@example(dict(task="sub", bits=16, hidden=24, alpha=0.9, iterations=2, seed=2 ** 32 - 1,
              init_scale=0.05, h0=0.1, print_every=1))
@example(dict(task="add", bits=1, hidden=1, alpha=2.0, iterations=4, seed=7, init_scale=2.0,
              h0=-1.0, print_every=1))
@example(dict(task="sub", bits=3, hidden=2, alpha=0.5, iterations=4, seed=3, init_scale=0.0,
              h0=0.0, print_every=2))
def test_the_edition_and_the_engine_print_the_same_log_and_weights(settings):
    log, weights = edition(**settings)
    engine_log, engine_weights = engine(**settings)
    assert log == engine_log
    assert log.count("------------") == len(range(0, settings["iterations"], settings["print_every"]))
    assert_same_weights(weights, engine_weights)


def test_the_sigmoids_are_the_engines():
    from minirnn import rnn
    for x in (-1000.0, -709.8, -745.2, -2.5, -0.0, 0.0, 1e-300, 0.3, 2.0, 36.8, 1000.0):
        assert article.sigmoid(x) == rnn.sigmoid(x), x
        s = rnn.sigmoid(x)
        assert article.sigmoid_output_to_derivative(s) == rnn.sigmoid_output_to_derivative(s)


def test_the_edition_refuses_bad_settings_like_train():
    for setting, value in (("bits", 0), ("seed", 2 ** 32), ("alpha", float("nan")), ("task", "mul")):
        with pytest.raises(ValueError) as by_train:
            minirnn.train(print_every=None, **{setting: value})
        with pytest.raises(ValueError) as by_edition:
            article.run(out=io.StringIO(), **{setting: value})
        assert str(by_edition.value) == str(by_train.value)


# The command line: python3 -m minirnn article


@pytest.mark.parametrize("preset, every", [("article", 1000), ("subtraction", 800)])
def test_the_article_command_prints_the_published_checkpoints(preset, every):
    # 2 checkpoints of each preset here; the whole runs are checked above, through the API
    done = run_cli("article", "--preset", preset, "--iterations", every + 1)
    assert done.returncode == 0 and done.stderr == ""
    name = "article_add.log" if preset == "article" else "subtraction.log"
    assert done.stdout == first_checkpoints(golden(name), 2)


def test_every_flag_reaches_the_edition(capsys):
    flags = ["--task", "sub", "--bits", "5", "--hidden", "3", "--iterations", "4", "--print-every", "1",
             "--alpha", "0.5", "--seed", "4294967295", "--init-scale", "0.2", "--h0", "0.1"]
    expected, _ = edition(task="sub", bits=5, hidden=3, iterations=4, print_every=1, alpha=0.5,
                          seed=2 ** 32 - 1, init_scale=0.2, h0=0.1)
    assert expected.count("------------") == 4
    assert cli.main(["article"] + flags) == 0
    assert capsys.readouterr() == (expected, "")
    assert cli.main(["train"] + flags) == 0  # and train prints the same
    assert capsys.readouterr() == (expected, "")


@pytest.mark.parametrize("flags, flag", BAD_SETTINGS + [(["--save", "x.json"], "unrecognized")])
def test_the_article_command_refuses_bad_flags_as_train_does(capsys, flags, flag):
    assert cli.main(["article"] + flags) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    if flag == "unrecognized":  # train takes --save; the article edition keeps no model
        assert "unrecognized arguments: --save x.json" in err
        return
    assert cli.main(["train"] + flags) == 2
    assert capsys.readouterr() == ("", err)
    assert err.startswith("minirnn: error: argument %s: " % flag)
