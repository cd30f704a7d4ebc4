"""Both sides of every bound: the largest or smallest value accepted, and the next one refused,
through the API and the command line.

The refusals' wording is tested where each command is (test_train_cli.py,
test_evaluate.py, test_predict.py, test_plots.py, test_model_file.py); here
each bound is pinned from both sides, so moving it either way fails a test.
The command line runs in-process (minirnn.cli.main), which is what
``python -m minirnn`` calls.
"""

import io
import json

import pytest

import minirnn
from minirnn.cli import main
from minirnn.evaluate import measure
from minirnn.model_file import ModelFileError, loads
from minirnn.numpy_random import RandomState
from minirnn.plots import hidden_heatmap_text
from minirnn.rnn import RNN

LARGEST_SEED = 2 ** 32 - 1
WIDEST = 4096  # bits of the largest operand or width accepted


def tiny():
    """A one-unit network: quick to run at any width (its answers do not matter here)."""
    return RNN([[0.5], [0.5]], [[1.0]], [[0.25]])


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("bounds") / "tiny.json")
    tiny().save(path)
    return path


def run(capsys, *args):
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


# Training settings: (setting, last value accepted, first value refused)
TRAIN_BOUNDS = [
    ("bits", 1, 0),
    ("hidden", 1, 0),
    ("iterations", 0, -1),
    ("print_every", 1, 0),
    ("seed", 0, -1),
    ("seed", LARGEST_SEED, LARGEST_SEED + 1),
]


@pytest.mark.parametrize("setting, accepted, refused", TRAIN_BOUNDS)
def test_train_accepts_the_bound_and_refuses_the_next(setting, accepted, refused, capsys):
    settings = dict(iterations=2, print_every=1, out=io.StringIO())
    settings[setting] = accepted
    model = minirnn.train(**settings)
    assert model.settings.get(setting, accepted) == accepted
    assert settings["out"].getvalue().count("------------") == (0 if setting == "iterations" else 2)
    with pytest.raises(ValueError, match="^%s " % setting):
        minirnn.train(**dict(settings, **{setting: refused}))
    flag = "--" + setting.replace("_", "-")
    flags = ["train", "--iterations", 2, "--print-every", 1]
    status, out, err = run(capsys, *(flags + [flag, accepted]))
    assert (status, err) == (0, "")
    assert out == settings["out"].getvalue()  # the same run as the API's
    status, out, err = run(capsys, *(flags + ["%s=%s" % (flag, refused)]))
    assert status == 2 and out == "" and err.startswith("minirnn: error: argument %s: " % flag)


def test_the_largest_seed_draws_numpys_stream():
    # the accepted end of the seed's range gives a stream, not just no error (numpy's first double)
    from numpy_values import SEEDS
    assert RandomState(LARGEST_SEED).random() == SEEDS[LARGEST_SEED][0][0]
    with pytest.raises(ValueError):
        RandomState(LARGEST_SEED + 1)


# Measuring: bits from 1 to 4096, samples from 1, seed from 0 to 2**32 - 1

MEASURE_BOUNDS = [
    ("bits", 1, 0),
    ("bits", WIDEST, WIDEST + 1),
    ("samples", 1, 0),
    ("seed", 0, -1),
    ("seed", LARGEST_SEED, LARGEST_SEED + 1),
]


@pytest.mark.parametrize("name, accepted, refused", MEASURE_BOUNDS)
def test_measure_accepts_the_bound_and_refuses_the_next(name, accepted, refused):
    arguments = dict(bits=40, samples=2, seed=0)
    arguments[name] = accepted
    result = measure(tiny(), **arguments)
    assert result.checked == (1 if arguments["bits"] == 1 else arguments["samples"])
    assert result.bits == arguments["bits"]
    with pytest.raises(ValueError, match="^%s must be" % name):
        measure(tiny(), **dict(arguments, **{name: refused}))


@pytest.mark.parametrize("name, accepted, refused", MEASURE_BOUNDS)
def test_eval_accepts_the_bound_and_refuses_the_next(name, accepted, refused, tiny_file, capsys):
    flags = {"bits": "40", "samples": "2", "seed": "0"}
    flags[name] = str(accepted)
    args = ["eval", "--model", tiny_file] + [x for key in sorted(flags) for x in ("--" + key, flags[key])]
    status, out, err = run(capsys, *args)
    assert (status, err) == (0, "")
    assert ("exact answers: " in out) and (str(flags["bits"]) + "-bit addition") in out
    flags[name] = str(refused)
    args = ["eval", "--model", tiny_file] + [x for key in sorted(flags) for x in ("--" + key, flags[key])]
    status, out, err = run(capsys, *args)
    assert status == 2 and out == "" and err.startswith("minirnn: error: argument --%s: " % name)


def test_eval_samples_the_seed_it_is_given(tiny_file, capsys):
    status, out, _ = run(capsys, "eval", "--model", tiny_file, "--bits", "16", "--seed", "5")
    assert status == 0 and "1000 random pairs" in out and "(seed 5)" in out


# Operands: up to 4096 bits for predict, 128 for show

@pytest.mark.parametrize("a, b", [(2 ** WIDEST - 1, 0), (0, 2 ** WIDEST - 1)])
def test_predict_accepts_4096_bit_operands_and_refuses_4097(a, b, tiny_file, capsys):
    assert tiny().predict(a, b) >= 0
    status, out, err = run(capsys, "predict", "--model", tiny_file, a, b)
    assert status == 0 and err == "" and out.startswith("%d + %d = " % (a, b))
    bigger = (a + 1, b) if a else (a, b + 1)
    with pytest.raises(ValueError, match="too large"):
        tiny().predict(*bigger)
    status, out, err = run(capsys, "predict", "--model", tiny_file, *bigger)
    assert status == 2 and out == "" and "too large" in err


def test_show_accepts_128_bit_operands_and_refuses_129(tiny_file, capsys):
    largest = 2 ** 128 - 1
    assert hidden_heatmap_text(tiny(), largest, largest).startswith("%d + %d = " % (largest, largest))
    status, out, err = run(capsys, "show", "--model", tiny_file, largest, largest)
    assert status == 0 and err == ""
    status, out, err = run(capsys, "show", "--model", tiny_file, largest + 1, 1)
    assert status == 2 and out == "" and "too large to draw" in err


# Model files: bits from 1 to 4096, hidden from 1, seed from 0 to 2**32 - 1, iterations from 0

def model_text(**changes):
    data = json.loads(minirnn.model_file.dumps(tiny()))
    for name, value in changes.items():
        if name in ("seed", "iterations"):
            data["training"][name] = value
        else:
            data[name] = value
    return json.dumps(data)


@pytest.mark.parametrize("name, accepted, refused", [
    ("bits", 1, 0), ("bits", WIDEST, WIDEST + 1), ("seed", 0, -1), ("seed", LARGEST_SEED, LARGEST_SEED + 1),
    ("iterations", 0, -1),
])
def test_model_files_accept_the_bound_and_refuse_the_next(name, accepted, refused):
    assert loads(model_text(**{name: accepted})).settings[name] == accepted
    with pytest.raises(ModelFileError, match=name):
        loads(model_text(**{name: refused}))


def test_a_one_unit_model_file_loads_and_zero_units_is_refused():
    assert loads(model_text()).hidden_dim == 1
    with pytest.raises(ModelFileError, match="hidden"):
        loads(model_text(hidden=0))
