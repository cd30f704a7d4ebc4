"""Trained networks kept as JSON files: written atomically, read back with every field checked.

A model file is plain JSON that a person can read: the format's name and
version, which network it is (``cell``: rnn, lstm or gru), what the network
does (``task``) and at what width it trained (``bits``), its size
(``hidden``), the starting hidden state ``h0``, the cell's weight matrices
under their names (the article's three for the rnn; for a gated cell, each
gate's synapse_0_<gate>, synapse_h_<gate> and bias_<gate>, then synapse_1),
and the rest of the training settings (alpha, iterations, seed, init_scale).  Loading never runs
code (no pickle, no eval): it parses JSON and checks each field, so a file
that is damaged or not a model is refused with one line saying what is wrong.

Floats are written by ``json``, which uses repr on CPython, so every weight
comes back bit for bit:

>>> import os, tempfile
>>> from minirnn import train
>>> model = train(iterations=100, print_every=None)
>>> path = os.path.join(tempfile.mkdtemp(), "adder.json")
>>> save(model, path)
>>> copy = load(path)
>>> copy.synapse_h == model.synapse_h and copy.settings == model.settings
True
>>> loads('{"format": "minirnn-model", "version": 3}')
Traceback (most recent call last):
  ...
minirnn.model_file.ModelFileError: version: this minirnn reads version 1 and 2 files, not 3

Version 2 added the ``cell`` field, and with it the gated cells' weights.
A version 1 file has no ``cell`` field and holds the article's network; it
still loads.  Files are always written as version 2, so an older minirnn
(which reads only version 1) refuses them with a message about the version.

The module also runs on MicroPython, whose ``os`` may lack ``replace``,
``fsync`` and ``getpid``; it uses each only where it exists.
"""

import json
import os

from .cells import CELLS, cell_class, describe_choices
from .data import PROBLEMS

FORMAT = "minirnn-model"
VERSION = 2  # the version written; every version in VERSIONS is read
VERSIONS = (1, 2)
MAX_BITS = 4096  # widest numbers minirnn asks a network about (see minirnn.evaluate)

# The fields of a version 1 file (the article's network, no cell field).
FIELDS_V1 = ("format", "version", "task", "bits", "hidden", "h0",
             "synapse_0", "synapse_1", "synapse_h", "training")


def fields(cell):
    """The fields of a version 2 file of a cell (its class), in the order they are written."""
    return ("format", "version", "cell", "task", "bits", "hidden", "h0") + \
        tuple(cell.weight_names) + ("training",)


# The fields of a version 2 file of the article's network.
FIELDS = fields(CELLS["rnn"])
# Training settings kept under "training"; any of them may be absent (a
# network built by hand was never trained).
TRAINING_FIELDS = ("alpha", "iterations", "seed", "init_scale")


class ModelFileError(ValueError):
    """A model file that cannot be read or written, or is not a valid minirnn model."""


# Writing


def to_dict(model):
    """The model as the dictionary a model file holds, checked as load would check it.

    A model with no recorded task or bits (built by hand rather than
    trained) counts as the article's: 8-bit addition.
    """
    settings = model.settings
    training = {}
    for name in TRAINING_FIELDS:
        if name in settings:
            training[name] = settings[name]
    data = {
        "format": FORMAT, "version": VERSION, "cell": model.cell_name,
        "task": settings.get("task", "add"), "bits": settings.get("bits", 8),
        "hidden": model.hidden_dim, "h0": model.h0,
        "training": training,
    }
    for name in model.weight_names:
        data[name] = getattr(model, name)
    try:
        from_dict(data)
    except ModelFileError as error:
        raise ModelFileError("cannot save this model: %s" % error)
    return data


def dumps(model):
    """The text of the model's file: one field per line, one matrix row per line.

    (Written out here because MicroPython's json.dumps has no indent.)
    """
    data = to_dict(model)
    lines = []
    for name in fields(type(model)):
        value = data[name]
        if name in model.weight_names:
            text = "[\n    " + ",\n    ".join(json.dumps(row) for row in value) + "\n  ]"
        else:
            text = json.dumps(value)
        lines.append("  %s: %s" % (json.dumps(name), text))
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save(model, path):
    """Write the model to path, atomically: afterwards path holds the whole new file or
    whatever it held before, never a part of one.

    Raises ModelFileError if the model cannot be saved (say, a weight is
    nan) or the file cannot be written (no such folder, a directory, no
    permission); an existing file at path is then left as it was.
    """
    text = dumps(model)
    try:
        write_atomically(path, text)
    except OSError as error:
        raise ModelFileError("cannot write model file '%s': %s" % (path, _reason(error)))


def write_atomically(path, text):
    """Write text to path through a temporary file in the same folder, then rename it.

    The rename replaces path in one step, so a crash, a full disk or an
    error midway leaves any earlier file at path as it was.  Only a regular
    file is ever replaced: a symbolic link is followed and its target
    written (the link stays a link), and a directory, named pipe, device or
    socket at path is refused before anything is written.  The text is
    written as UTF-8.  Raises OSError.
    """
    target, mode = writable_target(path)
    # Appending to the name keeps the temporary file in the target's own
    # folder, so the rename never crosses filesystems.
    temporary = "%s.%d.tmp" % (target, _process_id())
    try:
        with open(temporary, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            _fsync(handle)  # the bytes are on disk before the name points at them
        if mode is not None:
            _chmod(temporary, mode)  # the new file keeps the old one's permissions
        _replace(temporary, target)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise
    _fsync_folder(target)


# The kinds of file in a stat mode (the stat module is missing on MicroPython).
_FILE_KINDS = {0o040000: "a directory", 0o010000: "a named pipe (FIFO)",
               0o020000: "a character device", 0o060000: "a block device", 0o140000: "a socket"}
_REGULAR = 0o100000


def writable_target(path):
    """(target, mode): the file a write to path replaces, and its permission bits.

    target is path with symbolic links followed; mode is None when no file is
    there yet.  Raises OSError when something other than a regular file is
    there, since renaming over it would replace a directory, a named pipe or
    a device (as root, even /dev/null) with a regular file.
    """
    target = _real_path(path)
    try:
        mode = os.stat(target)[0]
    except OSError as error:
        if error.args and error.args[0] in (2, 20):  # ENOENT, ENOTDIR: nothing there yet
            return target, None  # (and the write will say why it cannot be made)
        raise
    kind = mode & 0o170000
    if kind != _REGULAR:
        raise OSError(21 if kind == 0o040000 else 22,
                      "it is %s, not a regular file" % _FILE_KINDS.get(kind, "something else"))
    return target, mode & 0o7777


def _real_path(path):
    try:
        from os.path import realpath
    except ImportError:  # MicroPython: no os.path, and no links to follow
        return path
    if os.path.islink(path):
        return realpath(path)
    return path


def _chmod(path, mode):
    try:
        os.chmod(path, mode)
    except (AttributeError, OSError):  # MicroPython has no chmod; some filesystems refuse it
        pass


def _process_id():
    try:
        return os.getpid()
    except AttributeError:  # MicroPython
        return 0


def _fsync(handle):
    try:
        os.fsync(handle.fileno())
    except AttributeError:  # MicroPython: no fsync
        pass


def _replace(source, destination):
    try:
        replace = os.replace
    except AttributeError:  # MicroPython: its rename replaces an existing file
        replace = os.rename
    replace(source, destination)


def _fsync_folder(path):
    # Make the rename itself durable.  POSIX only: elsewhere a folder cannot
    # be opened this way, and there is nothing more to do.
    try:
        folder = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
    except (AttributeError, OSError):
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


# Reading


def load(path):
    """Read the model file at path, checking every field; returns the network, an
    instance of the class its cell names (minirnn.cells.CELLS).

    Raises ModelFileError, whose message names the file and what is wrong,
    for a file that is missing or unreadable, not JSON, of another format or
    version, or whose fields have the wrong type or shape or hold numbers
    that are not finite.  A device or socket is refused unread (/dev/zero
    would never end); a named pipe is read, as from ``<(...)`` in a shell.
    """
    try:
        _check_readable(path)
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ModelFileError("cannot read model file '%s': %s" % (path, _reason(error)))
    try:
        return loads(raw)
    except ModelFileError as error:
        raise ModelFileError("model file '%s': %s" % (path, error))


def _check_readable(path):
    try:
        kind = os.stat(path)[0] & 0o170000
    except OSError:
        return  # open says why
    if kind in (0o020000, 0o060000, 0o140000):
        raise OSError(22, "it is %s, not a file" % _FILE_KINDS[kind])


def loads(text):
    """The network a model file's text (str or bytes) describes, every field checked."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except (UnicodeError, ValueError):
            raise ModelFileError("not a minirnn model file (not UTF-8 text)")
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark, as some Windows editors write
    try:
        data = json.loads(text)
    except (ValueError, RuntimeError):
        # RuntimeError: nesting too deep for the parser (RecursionError).
        raise ModelFileError("not a minirnn model file (not valid JSON)")
    return from_dict(data)


def from_dict(data):
    """Build the network a model file's dictionary describes, checking every field."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelFileError("not a minirnn model file (no \"format\": \"%s\")" % FORMAT)
    version = data.get("version")
    if version not in VERSIONS or not _is_int(version):
        raise ModelFileError("version: this minirnn reads version %s files, not %s"
                             % (" and ".join(str(v) for v in VERSIONS), _show(version)))
    if version == 1:
        cell = CELLS["rnn"]  # before cells had names: the article's network
        if "cell" in data:
            raise ModelFileError("unknown field 'cell': a version 1 file holds the article's "
                                 "network and names no cell (version 2 added the field)")
        _other_cells_weights(data, cell, "a version 1 file holds the article's rnn")
        _known_fields(data, FIELDS_V1, "")
    else:
        cell = _cell(_field(data, "cell"))
        _other_cells_weights(data, cell, "the file's \"cell\" says %s" % cell.cell_name)
        _known_fields(data, fields(cell), "")
    task = _field(data, "task")
    if not isinstance(task, str) or task not in PROBLEMS:
        raise ModelFileError("task: must be 'add' or 'sub', not %s" % _show(task))
    bits = _whole(data, "bits", 1, MAX_BITS)
    hidden = _whole(data, "hidden", 1, None)
    h0 = _finite(_field(data, "h0"), "h0")
    weights = {}
    for name, rows, columns in cell.weight_shapes(hidden):
        weights[name] = _matrix(data, name, rows, columns)
    settings = {"task": task, "bits": bits, "hidden": hidden}
    settings.update(_training(_field(data, "training")))
    settings["h0"] = h0
    settings["cell"] = cell.cell_name
    try:
        return cell.from_weights(weights, h0, settings)
    except ValueError as error:  # every shape was checked above: this is a bug
        raise ModelFileError("the %s cell refused its weights: %s" % (cell.cell_name, error))


def _cell(name):
    try:
        return cell_class(name)
    except ValueError:
        raise ModelFileError("cell: must be %s, not %s" % (describe_choices(), _show(name)))


def _other_cells_weights(data, cell, but):
    """Refuse a weight of another cell, saying whose it is: a file whose cell field was
    edited, or a gated cell's weights in a version 1 file."""
    for name in data:
        if name not in cell.weight_names:
            for other in CELLS.values():
                if name in other.weight_names:
                    raise ModelFileError("unknown field '%s': a weight of the %s cell, but %s"
                                         % (_name(name), other.cell_name, but))


def _training(training):
    if not isinstance(training, dict):
        raise ModelFileError("training: must be an object, not %s" % _show(training))
    _known_fields(training, TRAINING_FIELDS, "training.")
    settings = {}
    if "alpha" in training:
        settings["alpha"] = _finite(training["alpha"], "training.alpha", keep_int=True)
    if "iterations" in training:
        settings["iterations"] = _whole(training, "iterations", 0, None, "training.")
    if "seed" in training:
        settings["seed"] = _whole(training, "seed", 0, 2 ** 32 - 1, "training.")
    if "init_scale" in training:
        settings["init_scale"] = _finite(training["init_scale"], "training.init_scale", keep_int=True)
    return settings


def _known_fields(data, names, prefix):
    for name in data:
        if name not in names:
            raise ModelFileError("unknown field '%s%s'" % (prefix, _name(name)))


def _name(name):
    """A field's name as an error message shows it: on one line (control characters
    escaped, as a JSON string would write them) and never more than 40 characters."""
    shown = "".join(c if c >= " " and c != "\x7f" else "\\u%04x" % ord(c) for c in name)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _field(data, name):
    if name not in data:
        raise ModelFileError("missing field '%s'" % name)
    return data[name]


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(data, name, low, high, prefix=""):
    value = _field(data, name)
    if not _is_int(value) or value < low or (high is not None and value > high):
        allowed = ">= %d" % low if high is None else "from %d to %d" % (low, high)
        raise ModelFileError("%s%s: must be a whole number %s, not %s"
                             % (prefix, name, allowed, _show(value)))
    return value


def _finite(value, name, keep_int=False):
    """value as a float (ints may stay ints when keep_int), refusing nan, inf and non-numbers."""
    if _is_int(value):
        try:
            number = float(value)
        except OverflowError:  # an integer too large to be a float
            number = float("inf")
        if number - number == 0:
            return value if keep_int else number
    elif isinstance(value, float) and value - value == 0:
        return value
    raise ModelFileError("%s: must be a finite number, not %s" % (name, _show(value)))


def _matrix(data, name, rows, columns):
    matrix = _field(data, name)
    shape = "%s: must be %d x %d (hidden is %d), but " % (name, rows, columns, data["hidden"])
    if not isinstance(matrix, list):
        raise ModelFileError(shape + "it is %s" % _show(matrix))
    if len(matrix) != rows:
        raise ModelFileError(shape + "it has %d rows" % len(matrix))
    result = []
    for i, row in enumerate(matrix):
        if not isinstance(row, list):
            raise ModelFileError(shape + "row %d is %s" % (i, _show(row)))
        if len(row) != columns:
            raise ModelFileError(shape + "row %d has %d numbers" % (i, len(row)))
        result.append([_finite(x, "%s[%d][%d]" % (name, i, j)) for j, x in enumerate(row)])
    return result


def _show(value):
    """A short description of a bad value for an error message (never a whole matrix)."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print (CPython 3.11+)
        return "a very large number"
    if len(text) > 40:
        text = text[:37] + "..."
    return text


def _reason(error):
    """What went wrong in an OSError, in words where the platform has them."""
    if getattr(error, "strerror", None):
        return error.strerror
    try:  # MicroPython's OSError holds just the number: name it (ENOENT, ...)
        import errno
        return errno.errorcode[error.args[0]]
    except (ImportError, LookupError, TypeError):
        return "OSError %s" % (error.args[0] if error.args else "")
