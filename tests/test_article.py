"""The article edition (minirnn/article.py) and the engine (minirnn/rnn.py) are one program.

The edition prints both published logs (tests/golden/), and for other
settings what numpy's version of the article's program prints (at the end
of this file); the engine prints the published logs too
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
import json

import pytest
from hypothesis import example, given, settings, strategies as st

import minirnn
from conftest import golden, run_cli
from minirnn import article, cli, matrix
from test_train_cli import API_REFUSALS, BAD_SETTINGS, first_checkpoints

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
def edition_subtraction_run(subtraction_edition_published):
    """(log, weights) of the article edition's full subtraction run: one of the session's
    shared runs (../conftest.py), ``python3 tests/edition_run.py subtraction WEIGHTS.json``."""
    run = subtraction_edition_published
    assert run.returncode == 0 and run.stderr == "", run.stderr
    with open(run.model_file) as handle:
        weights = json.load(handle)
    return run.stdout, (weights["synapse_0"], weights["synapse_1"], weights["synapse_h"])


@pytest.fixture(scope="session")
def edition_article_log(article_edition_published):
    """What ``python3 -m minirnn.article`` prints: the article's full run (a shared run)."""
    assert article_edition_published.args == ["-m", "minirnn.article"]
    assert article_edition_published.returncode == 0 and article_edition_published.stderr == ""
    return article_edition_published.stdout


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


def test_the_editions_defaults_are_the_articles_settings(monkeypatch):
    # run()'s docstring: "The defaults are the article's settings", spelled out from the
    # article's program in test_training_settings.ARTICLE, with its checkpoint every 1,000.
    # The settings run() checks are the ones it runs with; the check stops it there.
    from test_training_settings import ARTICLE
    checked = []

    class Stop(Exception):
        pass

    def check_settings(*settings):
        checked.append(settings)
        raise Stop

    monkeypatch.setattr(article, "check_settings", check_settings)
    with pytest.raises(Stop):
        article.run()
    names = ("task", "bits", "hidden", "alpha", "iterations", "seed", "init_scale", "h0")
    assert checked == [tuple(ARTICLE[name] for name in names) + (1000,)]


def test_the_sigmoids_are_the_engines():
    from minirnn import rnn
    for x in (-1000.0, -709.8, -745.2, -2.5, -0.0, 0.0, 1e-300, 0.3, 2.0, 36.8, 1000.0):
        assert article.sigmoid(x) == rnn.sigmoid(x), x
        s = rnn.sigmoid(x)
        assert article.sigmoid_output_to_derivative(s) == rnn.sigmoid_output_to_derivative(s)


def test_the_edition_refuses_bad_settings_like_train():
    # every setting train refuses, print_every included (the edition divides by it)
    for setting, value, _ in API_REFUSALS:
        with pytest.raises(ValueError) as by_train:
            minirnn.train(**dict({"print_every": None}, **{setting: value}))
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
        assert "argument --save: not a flag of the article command: it keeps no model" in err
        return
    assert cli.main(["train"] + flags) == 2
    assert capsys.readouterr() == ("", err)
    assert err.startswith("minirnn: error: argument %s: " % flag)


# numpy's own version of the article's program, for other settings than the
# published ones.  It is the article's script (benchmarks/article_numpy.py)
# with the settings as arguments and the subtraction variant's lines; the
# bits come from shifts instead of np.unpackbits, which stops at 8 bits.


def numpy_article(np, task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every):
    """The log numpy's version of the article's program prints for these settings."""
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_output_to_derivative(output):
        return output * (1 - output)

    def int2binary(number):
        return np.array([(number >> shift) & 1 for shift in range(bits - 1, -1, -1)])

    np.random.seed(seed)
    largest_number = 2 ** bits
    synapse_0 = (2 * np.random.random((2, hidden)) - 1) * init_scale
    synapse_1 = (2 * np.random.random((hidden, 1)) - 1) * init_scale
    synapse_h = (2 * np.random.random((hidden, hidden)) - 1) * init_scale
    synapse_0_update, synapse_1_update = np.zeros_like(synapse_0), np.zeros_like(synapse_1)
    synapse_h_update = np.zeros_like(synapse_h)
    log = []
    for j in range(iterations):
        if task == "add":
            a_int = np.random.randint(largest_number // 2)
            b_int = np.random.randint(largest_number // 2)
            c_int = a_int + b_int
        else:
            a_int = np.random.randint(largest_number)
            b_int = np.random.randint(largest_number // 2)
            if a_int < b_int:
                a_int, b_int = b_int, a_int
            c_int = a_int - b_int
        a, b, c = int2binary(a_int), int2binary(b_int), int2binary(c_int)
        d = np.zeros_like(c)
        overallError = 0
        layer_2_deltas = []
        layer_1_values = [np.ones(hidden) * h0]
        for position in range(bits):
            X = np.array([[a[bits - position - 1], b[bits - position - 1]]])
            y = np.array([[c[bits - position - 1]]]).T
            layer_1 = sigmoid(np.dot(X, synapse_0) + np.dot(layer_1_values[-1], synapse_h))
            layer_2 = sigmoid(np.dot(layer_1, synapse_1))
            layer_2_error = y - layer_2
            layer_2_deltas.append(layer_2_error * sigmoid_output_to_derivative(layer_2))
            overallError += np.abs(layer_2_error[0])
            d[bits - position - 1] = np.round(layer_2[0][0])
            layer_1_values.append(layer_1.copy())
        future_layer_1_delta = np.zeros(hidden)
        for position in range(bits):
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
            out = 0
            for index, x in enumerate(reversed(d)):
                out += x * pow(2, index)
            log += ["Error:" + str(overallError), "Pred:" + str(d), "True:" + str(c),
                    "%d %s %d = %d" % (a_int, "+" if task == "add" else "-", b_int, out), "------------"]
    return "".join(line + "\n" for line in log)


# What numpy_article printed with numpy 2.4.6 on CPython 3.11 (recorded
# here, so that the check below runs without numpy too): 6-bit sums that the
# network learns within 3,000 iterations, and 16-bit subtraction with 24
# hidden units and the largest seed.
NUMPY_LOGS = [
    (dict(task="add", bits=6, hidden=8, alpha=0.5, iterations=3001, seed=2 ** 31 + 5, init_scale=1.0,
          h0=0.0, print_every=1000), """\
Error:[3.0815495]
Pred:[1 1 1 1 1 0]
True:[0 1 0 1 1 1]
10 + 13 = 62
------------
Error:[2.45923947]
Pred:[0 1 1 1 1 0]
True:[0 1 1 1 1 0]
21 + 9 = 30
------------
Error:[0.93002728]
Pred:[1 1 0 0 0 1]
True:[1 1 0 0 0 1]
25 + 24 = 49
------------
Error:[0.24430216]
Pred:[0 1 0 1 1 0]
True:[0 1 0 1 1 0]
2 + 20 = 22
------------
"""),
    (dict(task="sub", bits=16, hidden=24, alpha=0.9, iterations=3, seed=2 ** 32 - 1, init_scale=0.05,
          h0=0.1, print_every=1), """\
Error:[7.94311893]
Pred:[0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0]
True:[0 0 1 0 1 0 1 0 0 0 1 1 0 0 1 0]
30287 - 19485 = 0
------------
Error:[7.14960332]
Pred:[0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0]
True:[1 0 1 0 0 1 1 0 1 0 0 0 0 0 1 1]
58810 - 16183 = 0
------------
Error:[8.25029377]
Pred:[0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0]
True:[0 0 0 1 1 1 1 1 0 0 1 1 1 1 1 0]
8090 - 92 = 0
------------
"""),
]


@pytest.mark.parametrize("settings, log", NUMPY_LOGS, ids=["add-6-bits", "sub-16-bits"])
def test_the_edition_prints_what_numpy_printed(settings, log):
    assert edition(**settings)[0] == log


@pytest.mark.parametrize("settings, log", NUMPY_LOGS, ids=["add-6-bits", "sub-16-bits"])
def test_the_recorded_numpy_logs_are_numpys(np, settings, log):
    assert numpy_article(np, **settings) == log


@settings(max_examples=15)
@given(run_settings().filter(lambda settings: settings["iterations"] > 0))
def test_the_edition_prints_what_numpy_prints(np, settings):
    assert edition(**settings)[0] == numpy_article(np, **settings)
