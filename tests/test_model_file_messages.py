"""Model files: each refusal's words, exactly, and the text a saved file holds."""

import json

import pytest

from minirnn import model_file
from minirnn.model_file import ModelFileError, dumps, from_dict, loads, to_dict
from minirnn.rnn import RNN


def tiny(**settings):
    return RNN([[0.5, -1.0], [0.25, 2.0]], [[1.5], [-0.5]], [[0.0, 1.0], [-1.0, 0.125]], settings=settings)


def valid():
    return json.loads(dumps(tiny()))


def change(path, value):
    data = valid()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(data)


def test_a_file_as_written():
    assert dumps(tiny(task="sub", bits=5, alpha=0.5, iterations=7, seed=3, init_scale=0.05)) == (
        '{\n'
        '  "format": "minirnn-model",\n'
        '  "version": 2,\n'
        '  "cell": "rnn",\n'
        '  "task": "sub",\n'
        '  "bits": 5,\n'
        '  "hidden": 2,\n'
        '  "h0": 0.0,\n'
        '  "synapse_0": [\n    [0.5, -1.0],\n    [0.25, 2.0]\n  ],\n'
        '  "synapse_1": [\n    [1.5],\n    [-0.5]\n  ],\n'
        '  "synapse_h": [\n    [0.0, 1.0],\n    [-1.0, 0.125]\n  ],\n'
        '  "training": {"alpha": 0.5, "iterations": 7, "seed": 3, "init_scale": 0.05}\n'
        '}\n')


@pytest.mark.parametrize("path, value, message", [
    (("format",), "x", 'not a minirnn model file (no "format": "minirnn-model")'),
    (("version",), 3, "version: this minirnn reads version 1 and 2 files, not 3"),
    (("version",), True, "version: this minirnn reads version 1 and 2 files, not true"),
    (("version",), "1", "version: this minirnn reads version 1 and 2 files, not '1'"),
    (("cell",), "tree", "cell: must be 'rnn', 'lstm' or 'gru', not 'tree'"),
    (("task",), "mul", "task: must be 'add' or 'sub', not 'mul'"),
    (("task",), ["add"], "task: must be 'add' or 'sub', not a list"),
    # a value is shown whole up to 40 characters, else its first 37 and "..."
    (("task",), "x" * 38, "task: must be 'add' or 'sub', not '" + "x" * 38 + "'"),
    (("task",), "x" * 39, "task: must be 'add' or 'sub', not '" + "x" * 36 + "..."),
    (("bits",), 0, "bits: must be a whole number from 1 to 4096, not 0"),
    (("bits",), None, "bits: must be a whole number from 1 to 4096, not null"),
    (("hidden",), 0, "hidden: must be a whole number >= 1, not 0"),
    (("hidden",), {"a": 1}, "hidden: must be a whole number >= 1, not an object"),
    (("h0",), "0", "h0: must be a finite number, not '0'"),
    (("h0",), 10 ** 400, "h0: must be a finite number, not 1" + "0" * 36 + "..."),
    (("synapse_0",), 5, "synapse_0: must be 2 x 2 (hidden is 2), but it is 5"),
    (("synapse_0",), [[0.0, 0.0]], "synapse_0: must be 2 x 2 (hidden is 2), but it has 1 rows"),
    (("synapse_1", 1), 0.5, "synapse_1: must be 2 x 1 (hidden is 2), but row 1 is 0.5"),
    (("synapse_h", 0), [0.0], "synapse_h: must be 2 x 2 (hidden is 2), but row 0 has 1 numbers"),
    (("synapse_h", 1, 0), "x" * 50, "synapse_h[1][0]: must be a finite number, not '" + "x" * 36 + "..."),
    (("training",), 3, "training: must be an object, not 3"),
    (("training", "alpha"), None, "training.alpha: must be a finite number, not null"),
    (("training", "iterations"), -1, "training.iterations: must be a whole number >= 0, not -1"),
    (("training", "seed"), 2 ** 32, "training.seed: must be a whole number from 0 to 4294967295, not 4294967296"),
    (("training", "init_scale"), "big", "training.init_scale: must be a finite number, not 'big'"),
    (("training", "momentum"), 0.9, "unknown field 'training.momentum'"),
    (("colour",), "blue", "unknown field 'colour'"),
    # a name is shown on one line, control characters escaped, and cut to 40 characters
    pytest.param(("training", "ra\nte"), 0.1, "unknown field 'training.ra\\u000ate'",
                 id="unknown-with-newline"),
    pytest.param(("a\tb\x7f",), 1, "unknown field 'a\\u0009b\\u007f'", id="unknown-with-tab"),
    pytest.param(("w" * 41,), 1, "unknown field '" + "w" * 37 + "...'", id="unknown-long"),
], ids=lambda x: None if isinstance(x, str) and len(x) > 30 else ".".join(map(str, x)) if isinstance(x, tuple) else None)
def test_each_refusal_word_for_word(path, value, message):
    with pytest.raises(ModelFileError) as raised:
        loads(change(path, value))
    assert str(raised.value) == message


def test_missing_fields_are_named():
    for name in ("cell", "task", "bits", "hidden", "h0", "synapse_0", "synapse_1", "synapse_h", "training"):
        data = valid()
        del data[name]
        with pytest.raises(ModelFileError) as raised:
            loads(json.dumps(data))
        assert str(raised.value) == "missing field '%s'" % name


def test_training_fields_may_be_absent_and_ints_stay_ints():
    data = valid()
    data["training"] = {"alpha": 1, "init_scale": 2}
    model = loads(json.dumps(data))
    assert model.settings == {"cell": "rnn", "task": "add", "bits": 8, "hidden": 2, "alpha": 1, "init_scale": 2,
                              "h0": 0.0}
    assert type(model.settings["alpha"]) is int and type(model.settings["init_scale"]) is int
    assert type(model.h0) is float
    data["h0"] = 1
    assert type(loads(json.dumps(data)).h0) is float


def test_a_version_1_file_names_no_cell_and_still_loads():
    # files written before the cells (version 1) hold the article's network
    data = valid()
    data["version"] = 1
    with pytest.raises(ModelFileError) as raised:
        loads(json.dumps(data))
    assert str(raised.value).startswith("unknown field 'cell'")
    del data["cell"]
    model = loads(json.dumps(data))
    assert model.cell_name == "rnn" and model.synapse_h == [[0.0, 1.0], [-1.0, 0.125]]


def test_saving_checks_the_model_as_loading_would():
    with pytest.raises(ModelFileError) as raised:
        to_dict(tiny(task="mul"))
    assert str(raised.value) == "cannot save this model: task: must be 'add' or 'sub', not 'mul'"
    assert to_dict(tiny())["training"] == {}


def test_an_integer_too_long_to_print_is_described_not_shown():
    # CPython 3.11 on refuses to turn an integer of more than 4,300 digits into text (json.loads
    # then refuses such a file, but from_dict takes a dictionary built in Python)
    data = valid()
    data["h0"] = 10 ** 5000
    try:
        shown = repr(10 ** 5000)[:37] + "..."
    except ValueError:
        shown = "a very large number"
    with pytest.raises(ModelFileError) as raised:
        from_dict(data)
    assert str(raised.value) == "h0: must be a finite number, not %s" % shown


class MicroPythonOSError(Exception):
    """An OSError as MicroPython raises it: no strerror, only the error number in args."""


@pytest.mark.parametrize("error, reason", [
    (OSError(28, "No space left on device"), "No space left on device"),
    (MicroPythonOSError(2), "ENOENT"),  # errno 2 is ENOENT on every system
    (OSError(2), "ENOENT"),  # CPython's, made without a message: strerror is None
    (MicroPythonOSError(99999), "OSError 99999"),  # a number with no name
])
def test_a_file_error_is_put_in_words_where_the_platform_has_them(error, reason):
    assert model_file._reason(error) == reason


def test_a_file_error_with_no_number_is_still_named():
    assert model_file._reason(MicroPythonOSError()).rstrip() == "OSError"


@pytest.mark.parametrize("name", ["Learning Rate 2", "w" * 40])
def test_an_unknown_fields_printable_name_is_shown_as_it_is_up_to_40_characters(name):
    # spaces, capitals and digits are not escaped, and a 40-character name is not cut
    with pytest.raises(ModelFileError) as raised:
        loads(change((name,), 1))
    assert str(raised.value) == "unknown field '%s'" % name


def test_a_cell_that_refuses_weights_the_file_checks_passed_is_one_message(monkeypatch):
    # Every shape is checked before the cell sees the weights, so a refusal
    # there is a bug; it still reaches the user as a model file error.
    def refuse(cls, weights, h0=0.0, settings=None):
        raise ValueError("synapse_h is odd")
    text = dumps(tiny())
    monkeypatch.setattr(RNN, "from_weights", classmethod(refuse))
    with pytest.raises(ModelFileError) as raised:
        loads(text)
    assert str(raised.value) == "the rnn cell refused its weights: synapse_h is odd"
