"""Trained networks kept as JSON files: written atomically, read back with every field checked.

A model file holds the three weight matrices, h0, and how the network was
trained, as plain JSON a person can read (never pickle: loading a file must
not run code).  Floats are written with repr, so they come back bit for bit.

>>> import os, tempfile
>>> from minirnn import train
>>> model = train(iterations=100, print_every=None)
>>> path = os.path.join(tempfile.mkdtemp(), "adder.json")
>>> save(model, path)
>>> load(path).synapse_h == model.synapse_h
True
"""

import json
import os

from .rnn import RNN

FORMAT = "minirnn-model"
VERSION = 1
TASKS = ("add", "sub")


class ModelFileError(ValueError):
    """A model file that cannot be read or is not a valid minirnn model."""


def to_dict(model):
    """The model as the JSON-ready dictionary that a model file holds."""
    settings = model.settings
    return {
        "format": FORMAT,
        "version": VERSION,
        "task": settings.get("task", "add"),
        "bits": settings.get("bits", 8),
        "hidden": model.hidden_dim,
        "h0": model.h0,
        "synapse_0": model.synapse_0,
        "synapse_1": model.synapse_1,
        "synapse_h": model.synapse_h,
        "training": settings,
    }


def save(model, path):
    """Write the model to path as JSON, atomically: the file is whole or untouched."""
    write_atomically(path, json.dumps(to_dict(model), indent=1) + "\n")


def write_atomically(path, text):
    """Write text to path through a temporary file in the same folder, then rename.

    A crash or a full disk midway leaves any earlier file at path as it was.
    """
    folder = os.path.dirname(path) or "."
    temporary = os.path.join(folder, ".%s.%d.tmp" % (os.path.basename(path), os.getpid()))
    try:
        with open(temporary, "w") as handle:
            handle.write(text)
            handle.flush()
            if hasattr(os, "fsync"):
                os.fsync(handle.fileno())
        _replace(temporary, path)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise


def _replace(source, destination):
    if os.path.isdir(destination):
        raise IsADirectoryError("%s is a directory" % destination)
    if hasattr(os, "replace"):
        os.replace(source, destination)
    else:  # MicroPython: rename replaces on the filesystems it runs on
        os.rename(source, destination)


def load(path):
    """Read a model file written by save, checking every field.

    Raises ModelFileError, with one line saying what is wrong, for a file
    that is missing, unreadable, not JSON, of another format or version, or
    whose weights have the wrong shape or are not finite numbers.
    """
    try:
        with open(path) as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise ModelFileError("cannot read model file %s: %s" % (path, _reason(error)))
    try:
        data = json.loads(text)
    except ValueError:
        raise ModelFileError("%s is not a minirnn model file (not valid JSON)" % path)
    try:
        return from_dict(data)
    except ModelFileError as error:
        raise ModelFileError("%s: %s" % (path, error))


def from_dict(data):
    """Build an RNN from a model file's dictionary, checking every field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFileError("not a minirnn model file (no \"format\": %r)" % FORMAT)
    if data.get("version") != VERSION:
        raise ModelFileError("model file version %r is not supported (this minirnn reads version %d)"
                             % (data.get("version"), VERSION))
    task = data.get("task")
    if task not in TASKS:
        raise ModelFileError("\"task\" must be 'add' or 'sub', got %r" % (task,))
    hidden = _whole_number(data, "hidden")
    bits = _whole_number(data, "bits")
    h0 = _finite(data.get("h0"), "h0")
    synapse_0 = _matrix(data, "synapse_0", 2, hidden)
    synapse_1 = _matrix(data, "synapse_1", hidden, 1)
    synapse_h = _matrix(data, "synapse_h", hidden, hidden)
    training = data.get("training", {})
    if not isinstance(training, dict):
        raise ModelFileError("\"training\" must be an object")
    settings = dict(training)
    settings["task"], settings["bits"], settings["hidden"], settings["h0"] = task, bits, hidden, h0
    return RNN(synapse_0, synapse_1, synapse_h, h0, settings)


def _whole_number(data, name):
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ModelFileError("\"%s\" must be a whole number >= 1, got %r" % (name, value))
    return value


def _finite(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value - value != 0:
        raise ModelFileError("\"%s\" must be a finite number, got %r" % (name, value))
    return float(value)


def _matrix(data, name, rows, columns):
    matrix = data.get(name)
    if (not isinstance(matrix, list) or len(matrix) != rows
            or any(not isinstance(row, list) or len(row) != columns for row in matrix)):
        raise ModelFileError("\"%s\" must be a %d x %d matrix (list of rows)" % (name, rows, columns))
    return [[_finite(x, name) for x in row] for row in matrix]


def _reason(error):
    return getattr(error, "strerror", None) or str(error)
