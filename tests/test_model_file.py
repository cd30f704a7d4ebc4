"""Model files: what they hold, exact round trips, atomic saves, and loading that refuses bad files."""

import json
import math
import os
import struct

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

import minirnn
from minirnn import model_file
from minirnn.cli import main
from minirnn.model_file import FIELDS, ModelFileError, dumps, load, loads
from minirnn.rnn import RNN


@pytest.fixture(scope="module")
def small_model():
    return minirnn.train(iterations=50, print_every=None)


@pytest.fixture(scope="module")
def subtraction_model():
    settings = dict(minirnn.PRESETS["subtraction"], iterations=50)
    del settings["print_every"]
    return minirnn.train(print_every=None, **settings)


def same_bits(x, y):
    return struct.pack("<d", x) == struct.pack("<d", y)


def read_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


# What a file holds


def test_the_file_is_json_with_every_field(small_model, tmp_path):
    path = str(tmp_path / "m.json")
    small_model.save(path)
    with open(path) as handle:
        data = json.load(handle)
    assert list(data) == list(FIELDS)
    assert data["format"] == "minirnn-model" and data["version"] == 2 and data["cell"] == "rnn"
    assert (data["task"], data["bits"], data["hidden"], data["h0"]) == ("add", 8, 16, 0.0)
    assert data["training"] == {"alpha": 0.1, "iterations": 50, "seed": 0, "init_scale": 1.0}
    assert data["synapse_0"] == small_model.synapse_0
    assert data["synapse_1"] == small_model.synapse_1
    assert data["synapse_h"] == small_model.synapse_h


@pytest.mark.parametrize("fixture", ["small_model", "subtraction_model"])
def test_save_then_load_gives_the_same_network(fixture, request, tmp_path):
    model = request.getfixturevalue(fixture)
    path = str(tmp_path / "m.json")
    model.save(path)
    copy = minirnn.load(path)
    assert isinstance(copy, RNN)
    for name in ("synapse_0", "synapse_1", "synapse_h"):
        original, loaded = getattr(model, name), getattr(copy, name)
        assert [[struct.pack("<d", x) for x in row] for row in original] == \
               [[struct.pack("<d", x) for x in row] for row in loaded]
    assert copy.h0 == model.h0 and copy.settings == model.settings
    assert copy.predict(68, 57) == model.predict(68, 57)
    assert read_bytes(path).decode() == dumps(copy)  # saving the copy writes the same bytes


finite_floats = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 3), st.data())
def test_every_finite_float_comes_back_bit_for_bit(hidden, data):
    def matrix(rows, columns):
        return [[data.draw(finite_floats) for _ in range(columns)] for _ in range(rows)]

    model = RNN(matrix(2, hidden), matrix(hidden, 1), matrix(hidden, hidden), data.draw(finite_floats))
    copy = loads(dumps(model))
    pairs = [(model.h0, copy.h0)]
    for name in ("synapse_0", "synapse_1", "synapse_h"):
        for row, row_copy in zip(getattr(model, name), getattr(copy, name)):
            pairs.extend(zip(row, row_copy))
    assert all(same_bits(x, y) for x, y in pairs)  # -0.0, subnormals and 1e308 included


def test_a_network_built_by_hand_is_saved_as_the_articles_adder(tmp_path):
    model = RNN([[0.5], [-0.5]], [[2.0]], [[1.0]])
    path = str(tmp_path / "hand.json")
    model.save(path)
    copy = load(path)
    assert copy.settings == {"task": "add", "bits": 8, "hidden": 1, "h0": 0.0, "cell": "rnn"}
    assert copy.synapse_0 == [[0.5], [-0.5]]


def test_a_model_with_a_nan_weight_is_not_saved(small_model, tmp_path):
    broken = RNN(small_model.synapse_0, small_model.synapse_1,
                 [row[:] for row in small_model.synapse_h], settings=small_model.settings)
    broken.synapse_h[2][5] = float("nan")
    path = str(tmp_path / "m.json")
    with pytest.raises(ModelFileError, match=r"cannot save this model: synapse_h\[2\]\[5\].*nan"):
        broken.save(path)
    assert os.listdir(str(tmp_path)) == []


# Atomic writes: a failed save leaves the old file as it was


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(small_model, tmp_path, monkeypatch):
    path = str(tmp_path / "m.json")
    with open(path, "wb") as handle:
        handle.write(b"the previous model")

    def broken_replace(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_file.os, "replace", broken_replace)
    with pytest.raises(ModelFileError, match="No space left on device"):
        small_model.save(path)
    assert read_bytes(path) == b"the previous model"
    assert os.listdir(str(tmp_path)) == ["m.json"]


@pytest.mark.parametrize("error", [OSError(5, "Input/output error"), KeyboardInterrupt()])
def test_a_write_cut_short_leaves_the_old_file(small_model, tmp_path, monkeypatch, error):
    path = str(tmp_path / "m.json")
    small_model.save(path)
    before = read_bytes(path)
    written = []

    def interrupted_fsync(handle):  # the temporary file has been written, not yet renamed
        written.append(read_bytes(handle.name))
        raise error

    monkeypatch.setattr(model_file, "_fsync", interrupted_fsync)
    with pytest.raises(ModelFileError if isinstance(error, OSError) else KeyboardInterrupt):
        RNN.random(minirnn.numpy_random.RandomState(1)).save(path)
    assert written and written[0] != before
    assert read_bytes(path) == before and os.listdir(str(tmp_path)) == ["m.json"]


@pytest.mark.skipif(os.name != "posix", reason="a folder is synced on POSIX only")
@pytest.mark.parametrize("where", ["bare name", "in a folder"])
def test_the_rename_is_made_durable_by_syncing_the_files_folder(where, tmp_path, monkeypatch):
    # after the rename, the folder holding the file is synced (else a power cut may undo the
    # rename): identified by its device and inode, from a working folder elsewhere for "in a folder"
    folder = tmp_path / "models"
    folder.mkdir()
    if where == "bare name":
        monkeypatch.chdir(str(folder))
        path = "m.json"
    else:
        monkeypatch.chdir(str(tmp_path))
        path = os.path.join("models", "m.json")
    synced, fsync = [], os.fsync

    def recording_fsync(fd):
        status = os.fstat(fd)
        synced.append((status.st_dev, status.st_ino))
        fsync(fd)

    monkeypatch.setattr(model_file.os, "fsync", recording_fsync)
    model_file.write_atomically(path, "text")
    status = os.stat(str(folder))
    assert (status.st_dev, status.st_ino) in synced
    assert (folder / "m.json").read_text() == "text"


def test_saving_into_a_missing_folder_or_onto_a_directory_fails_cleanly(small_model, tmp_path):
    with pytest.raises(ModelFileError, match="cannot write model file .*No such file"):
        small_model.save(str(tmp_path / "no" / "such" / "m.json"))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept")
    with pytest.raises(ModelFileError, match="cannot write model file"):
        small_model.save(str(folder))
    assert (folder / "inside.txt").read_text() == "kept"
    assert sorted(os.listdir(str(tmp_path))) == ["folder"]


def test_saving_over_a_model_replaces_it_whole(small_model, subtraction_model, tmp_path):
    path = str(tmp_path / "m.json")
    subtraction_model.save(path)
    small_model.save(path)
    assert load(path).settings == small_model.settings
    assert os.listdir(str(tmp_path)) == ["m.json"]


# Loading refuses bad files with one line naming the problem


@pytest.fixture(scope="module")
def valid(small_model):
    return json.loads(dumps(small_model))


def mutated(data, path, value):
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(data)


DELETE = object()

BAD_FIELDS = [
    (("format",), "minirnn-modell", "format"),
    (("format",), DELETE, "format"),
    (("version",), 3, "version"),
    (("version",), 1, "unknown field 'cell'"),
    (("version",), "1", "version"),
    (("version",), 1.0, "version"),
    (("version",), True, "version"),
    (("version",), DELETE, "version"),
    (("task",), "mul", "task"),
    (("task",), None, "task"),
    (("task",), DELETE, "task"),
    (("bits",), 0, "bits"),
    (("bits",), 4097, "bits"),
    (("bits",), 8.0, "bits"),
    (("bits",), True, "bits"),
    (("bits",), "8", "bits"),
    (("hidden",), 15, "synapse_0"),
    (("hidden",), 0, "hidden"),
    (("hidden",), -16, "hidden"),
    (("h0",), float("nan"), "h0"),
    (("h0",), float("inf"), "h0"),
    (("h0",), "0", "h0"),
    (("h0",), DELETE, "h0"),
    (("synapse_0",), DELETE, "synapse_0"),
    (("synapse_0",), [], "synapse_0"),
    (("synapse_0",), {"0": 1}, "synapse_0"),
    (("synapse_1", 3), [0.5, 0.5], "synapse_1"),
    (("synapse_1", 3), 0.5, "synapse_1"),
    (("synapse_h", 15), [0.0] * 15, "synapse_h"),
    (("synapse_h",), [[0.0] * 16] * 17, "synapse_h: must be 16 x 16 .* 17 rows"),
    (("synapse_h", 4, 7), None, r"synapse_h\[4\]\[7\]"),
    (("synapse_h", 4, 7), True, r"synapse_h\[4\]\[7\]"),
    (("synapse_h", 4, 7), "0.5", r"synapse_h\[4\]\[7\]"),
    (("synapse_h", 4, 7), [0.5], r"synapse_h\[4\]\[7\]"),
    (("synapse_h", 4, 7), float("-inf"), r"synapse_h\[4\]\[7\]"),
    (("synapse_0", 1, 0), 10 ** 400, r"synapse_0\[1\]\[0\]"),
    (("training",), [], "training"),
    (("training",), DELETE, "training"),
    (("training", "seed"), -1, "training.seed"),
    (("training", "seed"), 2 ** 32, "training.seed"),
    (("training", "iterations"), 1.5, "training.iterations"),
    (("training", "alpha"), float("nan"), "training.alpha"),
    (("training", "alpha"), "0.1", "training.alpha"),
    (("training", "momentum"), 0.9, "unknown field .training.momentum."),
    (("extra",), 1, "extra"),
]


@pytest.mark.parametrize("path, value, named", BAD_FIELDS)
def test_a_bad_field_is_named(valid, path, value, named, tmp_path):
    text = mutated(valid, path, value)
    with pytest.raises(ModelFileError, match=named) as raised:
        loads(text)
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 200
    file = tmp_path / "bad.json"
    file.write_text(text)
    with pytest.raises(ModelFileError) as raised_by_load:
        load(str(file))
    assert str(raised_by_load.value) == "model file '%s': %s" % (file, raised.value)


def test_the_json_literals_nan_and_infinity_are_refused(valid):
    text = json.dumps(valid).replace(repr(valid["synapse_1"][0][0]), "NaN", 1)
    with pytest.raises(ModelFileError, match=r"synapse_1\[0\]\[0\].*nan"):
        loads(text)
    with pytest.raises(ModelFileError, match="h0.*inf"):
        loads(json.dumps(valid).replace('"h0": 0.0', '"h0": 1e999'))


@pytest.mark.parametrize("content, says", [
    (b"", "not valid JSON"),
    (b"{", "not valid JSON"),
    (b"model", "not valid JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "not valid JSON"),
    (b"[]", "no \"format\""),
    (b"null", "no \"format\""),
    (b'{"format": "minirnn-model", "version": 3}', "version 1 and 2 files, not 3"),
])
def test_files_that_are_not_models_are_refused(content, says, tmp_path):
    path = tmp_path / "m.json"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=says):
        load(str(path))


def test_a_byte_order_mark_is_allowed(small_model, tmp_path):
    path = tmp_path / "m.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(small_model).encode())
    assert load(str(path)).synapse_h == small_model.synapse_h


def test_missing_files_and_directories_are_refused(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read model file .*No such file"):
        load(str(tmp_path / "missing.json"))
    with pytest.raises(ModelFileError, match="cannot read model file .*directory"):
        load(str(tmp_path))


def test_a_truncated_file_is_refused_at_every_length(small_model):
    text = dumps(small_model)
    for end in range(0, len(text) - 2, 97):  # the whole text but its closing "}\n"
        with pytest.raises(ModelFileError):
            loads(text[:end])


# Property tests: whatever the bytes, loading gives a valid model or a ModelFileError


def loads_or_refuses(content):
    try:
        model = loads(content)
    except ModelFileError as error:
        assert str(error) and "\n" not in str(error)
        return None
    # Whatever loads is a whole, usable network.
    assert model.settings["task"] in ("add", "sub")
    assert len(model.synapse_0) == 2 and len(model.synapse_h) == model.hidden_dim
    assert all(math.isfinite(x) for row in model.synapse_h for x in row)
    return model


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(content):
    loads_or_refuses(content)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                        max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_never_crashes_the_loader(value):
    assert loads_or_refuses(json.dumps(value)) is None


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_valid_file_with_one_field_mutated_loads_or_is_refused(valid, data):
    path = [data.draw(st.sampled_from(FIELDS + ("extra",)))]
    target = valid.get(path[0])
    while isinstance(target, (list, dict)) and target and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(range(len(target)) if isinstance(target, list) else sorted(target)))
        path.append(key)
        target = target[key]
    value = data.draw(json_values | st.just(DELETE))
    assume(len(path) > 1 or path[0] in valid or value is not DELETE)
    loads_or_refuses(mutated(valid, path, value))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_valid_file_with_bytes_changed_or_cut_loads_or_is_refused(small_model, data):
    content = bytearray(dumps(small_model).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    end = data.draw(st.integers(0, len(content)))
    loads_or_refuses(bytes(content[:end]))


# The command line: train --save, and bad model files for predict and eval


def test_train_save_writes_the_trained_model_and_prints_the_same_log(cli, tmp_path):
    path = str(tmp_path / "m.json")
    done = cli("train", "--iterations", "50", "--print-every", "25", "--save", path)
    assert done.returncode == 0 and done.stderr == "minirnn: saved the model to %s\n" % path
    assert done.stdout == cli("train", "--iterations", "50", "--print-every", "25").stdout
    assert load(path).synapse_h == minirnn.train(iterations=50, print_every=None).synapse_h


@pytest.mark.parametrize("where, says", [
    ("{tmp}", "is a directory"),
    ("{tmp}/no/such/m.json", "no such folder"),
    ("{tmp}/file.txt/m.json", "is not a folder"),
    ("", "empty"),
])
def test_an_unusable_save_path_is_refused_before_training(cli, tmp_path, where, says):
    (tmp_path / "file.txt").write_text("kept")
    done = cli("train", "--save", where.format(tmp=tmp_path))
    assert done.returncode == 2 and done.stdout == ""  # refused at once: nothing was trained
    assert len(done.stderr.splitlines()) == 1 and says in done.stderr
    assert "argument --save" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "file.txt").read_text() == "kept"


def test_a_save_that_fails_after_training_exits_1_and_keeps_the_old_file(tmp_path, monkeypatch,
                                                                        capsys):
    path = str(tmp_path / "m.json")
    with open(path, "w") as handle:
        handle.write("previous")

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_file, "write_atomically", full_disk)
    assert main(["train", "--iterations", "3", "--save", path]) == 1
    captured = capsys.readouterr()
    assert captured.err == "minirnn: error: cannot write model file '%s': No space left on device\n" % path
    # the log was printed (iteration 0, and the last of a run shorter than --print-every),
    # then the save failed
    assert captured.out.count("------------") == 2
    with open(path) as handle:
        assert handle.read() == "previous"


@pytest.mark.parametrize("command", [["predict", "1", "2"], ["eval"]])
@pytest.mark.parametrize("content, says", [
    (None, "cannot read model file"),
    (b"", "not valid JSON"),
    (b'{"format": "minirnn-model", "version": 7}', "version"),
    (b'{"format": "minirnn-model", "version": 1}', "missing field 'task'"),
    (b"\x00\x01", "not valid JSON"),
])
def test_predict_and_eval_refuse_a_bad_model_file_in_one_line(cli, tmp_path, command, content, says):
    path = tmp_path / "m.json"
    if content is not None:
        path.write_bytes(content)
    done = cli(command[0], "--model", path, *command[1:])
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("minirnn: error: ") and says in done.stderr
    assert len(done.stderr.splitlines()) == 1 and str(path) in done.stderr


def test_a_directory_as_model_is_refused(cli, tmp_path):
    done = cli("eval", "--model", tmp_path)
    assert done.returncode == 2 and "directory" in done.stderr.lower()
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.skipif(not os.path.exists("/dev/null") or not hasattr(__import__("socket"), "AF_UNIX"),
                    reason="needs /dev/null and Unix sockets")
def test_a_device_or_a_socket_is_refused_unread(tmp_path):
    # /dev/zero would never end: a device is refused before it is read, and so is a socket
    import socket
    with pytest.raises(ModelFileError) as raised:
        load("/dev/null")
    assert str(raised.value) == "cannot read model file '/dev/null': it is a character device, not a file"
    path = str(tmp_path / "s")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(path)
        with pytest.raises(ModelFileError) as raised:
            load(path)
        assert str(raised.value) == "cannot read model file '%s': it is a socket, not a file" % path
    finally:
        server.close()


def test_an_unknown_field_of_a_version_1_file_is_named():
    data = json.loads(dumps(RNN([[0.0], [0.0]], [[0.0]], [[0.0]])))
    data["version"] = 1
    del data["cell"]
    data["colour"] = "blue"
    with pytest.raises(ModelFileError) as raised:
        loads(json.dumps(data))
    assert str(raised.value) == "unknown field 'colour'"


def a_block_device():
    import stat
    try:
        names = sorted(os.listdir("/dev"))
    except OSError:
        return None
    for name in names:
        try:
            if stat.S_ISBLK(os.stat(os.path.join("/dev", name)).st_mode):
                return os.path.join("/dev", name)
        except OSError:
            pass
    return None


@pytest.mark.skipif(a_block_device() is None, reason="no block device in /dev")
def test_a_block_device_is_refused_unread():
    path = a_block_device()  # only its kind is looked at (it may not even be readable)
    with pytest.raises(ModelFileError) as raised:
        load(path)
    assert str(raised.value) == "cannot read model file '%s': it is a block device, not a file" % path


def test_saving_works_without_what_micropython_lacks(monkeypatch, tmp_path, small_model):
    # MicroPython's os has no getpid, replace, fsync or open (its rename replaces an existing
    # file): the file is still written whole, over the old one, with no temporary file left
    path = str(tmp_path / "m.json")
    with open(path, "w") as handle:
        handle.write("previous")
    for name in ("getpid", "replace", "fsync", "open"):
        monkeypatch.delattr(os, name)
    small_model.save(path)
    monkeypatch.undo()
    assert os.listdir(str(tmp_path)) == ["m.json"]
    assert load(path).synapse_h == small_model.synapse_h


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_writable_target_says_what_is_there_instead_of_a_file(tmp_path):
    # errno EISDIR for a folder (the command line says "is a directory"), EINVAL for the rest
    import errno
    os.mkdir(str(tmp_path / "d"))
    os.mkfifo(str(tmp_path / "p"))
    for name, number, text in (("d", errno.EISDIR, "it is a directory, not a regular file"),
                               ("p", errno.EINVAL, "it is a named pipe (FIFO), not a regular file")):
        with pytest.raises(OSError) as error:
            model_file.writable_target(str(tmp_path / name))
        assert (error.value.errno, error.value.strerror) == (number, text)
    (tmp_path / "f").write_text("x")
    os.chmod(str(tmp_path / "f"), 0o640)
    assert model_file.writable_target(str(tmp_path / "f")) == (str(tmp_path / "f"), 0o640)
    assert model_file.writable_target(str(tmp_path / "new")) == (str(tmp_path / "new"), None)



def test_writable_target_names_a_kind_of_file_it_does_not_know(monkeypatch):
    # none on Linux; BSD's whiteouts (S_IFWHT, 0o160000) are one: os.stat answers as it would
    import errno
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        return (0o160000 | 0o644,) if path == "w" else real_stat(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(OSError) as error:
        model_file.writable_target("w")
    assert (error.value.errno, error.value.strerror) == (errno.EINVAL, "it is something else, not a regular file")
