"""Hostile input to every command, as a user would give it (issue 9).

Each row of CASES runs ``python -m minirnn`` in a fresh folder holding a small
trained model (m.json) and whatever the row sets up (a named pipe, a
symbolic link, a socket, a model with enormous weights...), with standard
output and error redirected by a shell as the row says (a full device, a
closed descriptor, a pipe whose reader has gone).  Every row checks:

- the exit status (0 done, 1 could not finish, 2 bad input);
- standard error: the one line the row expects (a refusal, or the summary
  of what was written), or nothing; never a traceback;
- every file in the folder, before and after: only the files the row says
  are written change (and each is what it should be), links stay links,
  and no temporary file is left behind.

The expected messages are the documented ones (docs/cli.md); the expected
file states follow from the rules there, not from running the code.
"""

import contextlib
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings, strategies as st

import minirnn
from conftest import ROOT
from minirnn import model_file
from minirnn.cli import main
from minirnn.rnn import RNN


@pytest.fixture(scope="module")
def model_text():
    """The shared small model: 4-bit addition, 4 hidden units, 300 iterations (it is still wrong
    on most sums, which does not matter here)."""
    return model_file.dumps(minirnn.train(bits=4, hidden=4, iterations=300, print_every=None))


@pytest.fixture(scope="module")
def gated_texts():
    """The shared small gated models: an LSTM and a GRU as small as the RNN above, 30 iterations."""
    return dict((cell, model_file.dumps(minirnn.train(cell=cell, bits=4, hidden=4, iterations=30,
                                                      print_every=None)))
                for cell in ("lstm", "gru"))


def enormous_model_text(model_text):
    """The small model with weights near the largest float: its sums overflow to nan."""
    data = json.loads(model_text)
    data["synapse_h"] = [[1e308 if (i + j) % 2 else -1e308 for j in range(4)] for i in range(4)]
    data["h0"] = 1e308
    return json.dumps(data)


# Setting up the folder


def set_up(folder, model_text, steps, gated_texts=None):
    write(folder, "m.json", model_text)
    for step in steps:
        kind, name = step[0], step[1]
        path = os.path.join(folder, name)
        if kind == "gated":  # ("gated", name, cell, change): the cell's model, changed by hand
            data = json.loads(gated_texts[step[2]])
            if len(step) > 3:
                step[3](data)
            write(folder, name, json.dumps(data))
        elif kind == "text":
            write(folder, name, step[2])
        elif kind == "model":
            write(folder, name, model_text)
        elif kind == "enormous":
            write(folder, name, enormous_model_text(model_text))
        elif kind == "mode":
            write(folder, name, "the previous file")
            os.chmod(path, step[2])
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "link":
            os.symlink(step[2], path)
        elif kind == "dir":
            os.mkdir(path)
        elif kind == "socket":
            listener = socket.socket(socket.AF_UNIX)
            here = os.getcwd()
            os.chdir(folder)  # a socket's path is short, so bind it by its name alone
            try:
                listener.bind(name)
            finally:
                os.chdir(here)
                listener.close()
        else:
            raise ValueError(kind)


def write(folder, name, text):
    with open(os.path.join(os.fsencode(folder), os.fsencode(name)), "wb") as handle:
        handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))


def snapshot(folder):
    """Every entry of folder: what it is, and a file's bytes and permissions or a link's target."""
    state = {}
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            state[name] = ("link", os.readlink(path))
        elif stat.S_ISREG(mode):
            with open(path, "rb") as handle:
                state[name] = ("file", handle.read(), stat.S_IMODE(mode))
        elif stat.S_ISDIR(mode):
            state[name] = ("folder", snapshot(path))
        elif stat.S_ISFIFO(mode):
            state[name] = ("named pipe",)
        elif stat.S_ISSOCK(mode):
            state[name] = ("socket",)
        else:
            state[name] = ("other", mode)
    return state


# What a written file must be


def is_model(entry):
    return entry[0] == "file" and model_file.loads(entry[1]).hidden_dim == 4


def is_enormous_model(entry):
    return entry[0] == "file" and model_file.loads(entry[1]).h0 == 1e308


def is_svg(entry):
    if entry[0] != "file":
        return False
    check_svg(entry[1])
    return entry[1].startswith(b"<?xml")


COLOUR = re.compile(r"^(#[0-9a-f]{6}|#[0-9a-f]{3}|url\(#[\w-]+\)|none)$")
PLACES = ("x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "offset",
          "font-size", "stroke-width")


def check_svg(text):
    """Well-formed XML, every coordinate a finite number and every colour a colour: a nan
    or an infinity in a picture of a network whose sums overflow must not reach them."""
    root = ElementTree.fromstring(text)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in PLACES:
                assert float(value) - float(value) == 0, (element.tag, name, value)
            elif name in ("fill", "stroke", "stop-color"):
                assert COLOUR.match(value), (element.tag, name, value)
            elif name in ("points", "transform", "viewBox"):
                assert not re.search(r"nan|inf", value, re.I), (element.tag, name, value)


def is_cell_model(cell, task="add"):
    def check(entry):
        model = model_file.loads(entry[1])
        return entry[0] == "file" and model.cell_name == cell and model.settings["task"] == task
    return check


def is_model_with_mode(mode):
    return lambda entry: is_model(entry) and entry[2] == mode


# Running a case


STDOUT = {"pipe": "", "full": " >/dev/full", "closed": " >&-",
          # the reader takes one byte and goes: the next write is a broken pipe
          "broken": " | head -c 1 >/dev/null; exit ${PIPESTATUS[0]}"}
STDERR = {"pipe": "", "full": " 2>/dev/full", "closed": " 2>&-"}


def run(folder, args, stdout="pipe", stderr="pipe", env=None, stdin=None):
    environment = dict(os.environ, PYTHONPATH=ROOT)
    environment.pop("PYTHONIOENCODING", None)
    environment.update(env or {})
    redirections = STDOUT[stdout] + STDERR[stderr]
    if stdout == "broken":  # the exit comes last, after the redirection of stderr
        redirections = " | head -c 1 >/dev/null" + STDERR[stderr] + "; exit ${PIPESTATUS[0]}"
    if stdin == "closed":
        redirections = " <&-" + redirections
    elif stdin is not None:  # through a pipe: cat FILE | minirnn ...
        redirections = " < <(cat %s)" % stdin + redirections
    command = ['"$@"' + redirections]
    return subprocess.run(["bash", "-c"] + command + ["bash", sys.executable, "-m", "minirnn"] +
                          [os.fsencode(arg) for arg in args],
                          cwd=folder, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def case(name, args, status, says=None, setup=(), writes=None, out=None, **how):
    """One row: args for minirnn; the exit status; the text of the one line on stderr (or a
    tuple of texts, one line each, or None for none; a text that starts "minirnn: " is the
    whole line, any other a part of it); the files set up first; the files
    written (name -> what it must be); a text stdout must hold; how the streams go."""
    return pytest.param(args, status, says, setup, writes or {}, out, how, id=name)


LONG = "a" * 246  # with ".json" a 251-byte name: legal, but not with the temporary suffix
SHORT_RUN = ["--iterations", "3", "--print-every", "1", "--bits", "4", "--hidden", "4"]

# Hand-made changes to a gated model file (the data of its JSON)


def overflowing(data):
    """Recurrent weights of +-1e308 and an h0 of 1e308: the first sums are inf - inf, nan."""
    for name in data:
        if name.startswith("synapse_h_"):
            data[name] = [[1e308 if (i + j) % 2 else -1e308 for j in range(len(row))]
                          for i, row in enumerate(data[name])]
    data["h0"] = 1e308


def saturated(data):
    """Every weight +-1e308 (h0 as trained): every gate is 0 or 1, every tanh -1 or 1."""
    for name in data:
        if name.startswith(("synapse_", "bias_")):
            data[name] = [[1e308 if (i + j) % 2 else -1e308 for j in range(len(row))]
                          for i, row in enumerate(data[name])]


def enormous_h0(data):
    """The largest float as h0: a GRU keeps part of it, so its states are near it too."""
    data["h0"] = 1.7976931348623157e308


CASES = [
    # 1. Output that cannot be written
    case("train to a full device", ["train"] + SHORT_RUN, 1,
         "cannot write to standard output: No space left on device", stdout="full"),
    case("no command to a full device", ["--iterations", "5"], 1, "No space left on device",
         stdout="full"),
    case("predict to a full device", ["predict", "--model", "m.json", "1", "2"], 1,
         "cannot write to standard output: No space left on device", stdout="full"),
    case("eval to a full device", ["eval", "--model", "m.json"], 1, "No space left on device",
         stdout="full"),
    case("show to a full device", ["show", "--model", "m.json", "1", "2"], 1,
         "No space left on device", stdout="full"),
    case("show --svg to a full device: the picture is drawn, the line is not",
         ["show", "--model", "m.json", "1", "2", "--svg", "h.svg"], 1, "No space left on device",
         stdout="full", writes={"h.svg": is_svg}),
    case("train --save to a full device stops at the first checkpoint, saving nothing",
         ["train", "--save", "new.json"], 1,
         "cannot write to standard output: No space left on device; the model was not saved",
         stdout="full"),
    case("help to a full device", ["--help"], 1, "No space left on device", stdout="full"),
    case("train with stdout closed", ["train"] + SHORT_RUN, 1,
         "cannot write to standard output: it is closed", stdout="closed"),
    case("no command with stdout closed", [], 1,
         "minirnn: error: cannot write to standard output: it is closed", stdout="closed"),
    case("predict with stdout closed", ["predict", "--model", "m.json", "1", "2"], 1,
         "it is closed", stdout="closed"),
    case("eval with stdout closed", ["eval", "--model", "m.json"], 1, "it is closed",
         stdout="closed"),
    case("show with stdout closed", ["show", "--model", "m.json", "1", "2"], 1, "it is closed",
         stdout="closed"),
    case("train --save --plot with stdout closed: refused before training",
         ["train", "--save", "new.json", "--plot", "new.svg"], 1,
         "cannot write to standard output: it is closed", stdout="closed"),
    case("a bad flag with stdout closed is still a usage error", ["train", "--bits", "x"], 2,
         "argument --bits: not a whole number: 'x'", stdout="closed"),
    case("train into a pipe whose reader left", ["train", "--iterations", "5000",
                                                  "--print-every", "1", "--save", "new.json"], 1,
         "cannot write to standard output: Broken pipe; the model was not saved", stdout="broken"),
    case("eval into a pipe whose reader left", ["eval", "--model", "m.json", "--bits",
                                                 ",".join(["2"] * 4000)], 1, "Broken pipe",
         stdout="broken"),
    case("a bad flag with stderr closed", ["train", "--bits", "x"], 2, stderr="closed"),
    case("a bad model with stderr closed", ["predict", "--model", "none.json", "1", "2"], 2,
         stderr="closed"),
    case("a bad flag with stderr full", ["eval", "--model", "m.json", "--samples", "0"], 2,
         stderr="full"),
    case("train --save with stderr closed still saves", ["train", "--save", "new.json"] + SHORT_RUN,
         0, stderr="closed", writes={"new.json": is_model}),
    case("a stdout failure with stderr closed", ["predict", "--model", "m.json", "1", "2"], 1,
         stdout="full", stderr="closed"),
    case("eval of a non-ASCII model name on an ASCII stream",
         ["eval", "--model", "\u00e9.json"], 0, setup=[("model", "\u00e9.json")],
         env={"PYTHONIOENCODING": "ascii"}, out=b"model \\xe9.json: addition"),
    case("show --svg with non-ASCII names on an ASCII stream",
         ["show", "--model", "\u00e9.json", "3", "4", "--svg", "\u00fc.svg"], 0,
         setup=[("model", "\u00e9.json")], env={"PYTHONIOENCODING": "ascii"},
         writes={"\u00fc.svg": is_svg}, out=b"drawn in \\xfc.svg"),
    case("train --save a non-ASCII name on an ASCII stream",
         ["train", "--save", "\u00e9\u00e9.json"] + SHORT_RUN, 0, "saved the model to \\xe9\\xe9.json",
         env={"PYTHONIOENCODING": "ascii"}, writes={"\u00e9\u00e9.json": is_model}),
    case("a missing non-ASCII model on an ASCII stream",
         ["predict", "--model", "\u00e9\u00e8.json", "1", "2"], 2, "\\xe9\\xe8.json",
         env={"PYTHONIOENCODING": "ascii"}),
    case("show --svg of a model whose name is not UTF-8",
         ["show", "--model", "\udcff.json", "1", "2", "--svg", "h.svg"], 0,
         setup=[("model", "\udcff.json")], writes={"h.svg": is_svg}),

    # 2. Numbers at the edges
    case("training whose error becomes nan stops, saving and drawing nothing",
         ["train", "--init-scale", "1e308", "--h0", "1e308", "--save", "x.json", "--plot", "x.svg"],
         1, "training broke down at iteration 0: overallError is nan"),
    case("training with the largest learning rate", ["train", "--alpha", "1e308", "--save",
                                                     "x.json"] + SHORT_RUN, 0,
         "saved the model to x.json", writes={"x.json": is_model}),
    case("training with a negative number after an equals sign",
         ["train", "--h0=-1e308", "--save", "x.json"] + SHORT_RUN, 0, "saved the model to x.json",
         writes={"x.json": is_model}),
    case("a negative number after a space", ["train", "--h0", "-1e308"], 2,
         "argument --h0: expected one argument (a negative number goes after an equals sign"),
    case("training with the smallest starting weights",
         ["train", "--init-scale", "1e-300", "--plot", "c.svg"] + SHORT_RUN, 0,
         "drew the error curve in c.svg", writes={"c.svg": is_svg}),
    case("predict with enormous weights", ["predict", "--model", "big.json", "5", "3"], 0,
         setup=[("enormous", "big.json")], out=b"5 + 3 = "),
    case("eval with enormous weights", ["eval", "--model", "big.json"], 0,
         setup=[("enormous", "big.json")], out=b"exact answers: "),
    case("show with enormous weights", ["show", "--model", "big.json", "5", "3"], 0,
         setup=[("enormous", "big.json")], out=b"not a number"),
    case("show --svg with enormous weights", ["show", "--model", "big.json", "5", "3", "--svg",
                                              "big.svg"], 0,
         setup=[("enormous", "big.json")], writes={"big.svg": is_svg}),
    case("infinity as a weight is refused", ["predict", "--model", "inf.json", "1", "2"], 2,
         "argument --model: model file 'inf.json': synapse_0[0][0]: must be a finite number",
         setup=[("text", "inf.json", '{"format": "minirnn-model", "version": 1, "task": "add", '
                 '"bits": 8, "hidden": 1, "h0": 0, "synapse_0": [[1e999], [0]], '
                 '"synapse_1": [[0]], "synapse_h": [[0]], "training": {}}')]),

    # 3. Files: only a regular file, or a link to one, is ever replaced
    case("--save onto a named pipe", ["train", "--save", "p.json"], 2,
         "minirnn: error: argument --save: cannot write 'p.json': it is a named pipe (FIFO), not a "
         "regular file", setup=[("fifo", "p.json")]),
    case("--plot onto a named pipe", ["train", "--plot", "p.svg"], 2, "named pipe",
         setup=[("fifo", "p.svg")]),
    case("show --svg onto a named pipe", ["show", "--model", "m.json", "1", "2", "--svg", "p.svg"],
         2, "argument --svg: cannot write 'p.svg': it is a named pipe", setup=[("fifo", "p.svg")]),
    case("--save onto /dev/null", ["train", "--save", "/dev/null"], 2,
         "argument --save: cannot write '/dev/null': it is a character device, not a regular file"),
    case("--save through a link to /dev/null", ["train", "--save", "null.json"], 2,
         "it is a character device", setup=[("link", "null.json", "/dev/null")]),
    case("--plot through a link to /dev/full", ["train", "--plot", "full.svg"], 2,
         "it is a character device", setup=[("link", "full.svg", "/dev/full")]),
    case("--save onto a socket", ["train", "--save", "s.json"], 2, "it is a socket",
         setup=[("socket", "s.json")]),
    case("--save onto a folder", ["train", "--save", "d.json"], 2, "'d.json' is a directory",
         setup=[("dir", "d.json")]),
    case("show --svg onto a folder", ["show", "--model", "m.json", "1", "2", "--svg", "d.svg"], 2,
         "argument --svg: 'd.svg' is a directory", setup=[("dir", "d.svg")]),
    case("--save through a link to a folder", ["train", "--save", "l.json"], 2, "is a directory",
         setup=[("dir", "d"), ("link", "l.json", "d")]),
    case("--save through a link to a named pipe", ["train", "--save", "l.json"], 2, "named pipe",
         setup=[("fifo", "p"), ("link", "l.json", "p")]),
    case("--save through a loop of links", ["train", "--save", "a.json"], 2,
         "Too many levels of symbolic links",
         setup=[("link", "a.json", "b.json"), ("link", "b.json", "a.json")]),
    case("--save through a link writes its target and keeps the link",
         ["train", "--save", "l.json"] + SHORT_RUN, 0, "saved the model to l.json",
         setup=[("text", "t.json", "old"), ("link", "l.json", "t.json")],
         writes={"t.json": is_model}),
    case("--plot through a link writes its target and keeps the link",
         ["train", "--plot", "l.svg"] + SHORT_RUN, 0, "drew the error curve in l.svg",
         setup=[("dir", "pictures"), ("link", "l.svg", "pictures/t.svg")],
         writes={"pictures": lambda entry: is_svg(entry[1]["t.svg"]) and len(entry[1]) == 1}),
    case("--save through a dangling link creates its target",
         ["train", "--save", "l.json"] + SHORT_RUN, 0, "saved the model to l.json",
         setup=[("link", "l.json", "t.json")], writes={"t.json": is_model}),
    case("--save through a link into a missing folder", ["train", "--save", "l.json"], 2,
         "no such folder", setup=[("link", "l.json", "no/t.json")]),
    case("--save over a file keeps its permissions",
         ["train", "--save", "old.json"] + SHORT_RUN, 0, "saved the model to old.json",
         setup=[("mode", "old.json", 0o640)], writes={"old.json": is_model_with_mode(0o640)}),
    case("show --svg onto the model it reads", ["show", "--model", "m.svg", "1", "2", "--svg",
                                                "m.svg"], 2,
         "argument --svg: the same file as --model; it would replace the model",
         setup=[("model", "m.svg")]),
    case("show --svg onto the model by another path",
         ["show", "--model", "m.svg", "1", "2", "--svg", "./sub/../m.svg"], 2,
         "the same file as --model", setup=[("model", "m.svg"), ("dir", "sub")]),
    case("show --svg onto a link to the model",
         ["show", "--model", "m.svg", "1", "2", "--svg", "l.svg"], 2, "the same file as --model",
         setup=[("model", "m.svg"), ("link", "l.svg", "m.svg")]),
    case("--plot onto --save", ["train", "--save", "x.svg", "--plot", "./x.svg"], 2,
         "minirnn: error: argument --plot: the same file as --save; it would replace the model"),
    case("--plot onto a link to --save", ["train", "--save", "x.svg", "--plot", "l.svg"], 2,
         "the same file as --save", setup=[("link", "l.svg", "x.svg")]),
    case("--save a model wider than a model file holds", ["train", "--bits", "4097", "--save",
                                                          "b.json"], 2,
         "minirnn: error: argument --bits: bits must be at most 4096 to --save the model (a model "
         "file holds at most 4096 bits), got 4097"),
    case("--save a model as wide as a model file holds",
         ["train", "--bits", "4096", "--iterations", "0", "--save", "w.json"], 0,
         "minirnn: saved the model to w.json", writes={"w.json": is_cell_model("rnn")}),
    case("--save a name too long with the temporary suffix", ["train", "--save", LONG + ".json"],
         2, "argument --save: the file name is too long: with the temporary suffix"),
    case("--plot a name too long with the temporary suffix", ["train", "--plot", LONG + ".svg"],
         2, "argument --plot: the file name is too long"),
    case("--save a name too long for any file", ["train", "--save", "a" * 300 + ".json"], 2,
         "argument --save: "),
    case("--save into a missing folder", ["train", "--save", "no/such/m.json"], 2,
         "minirnn: error: argument --save: no such folder: 'no/such'"),
    case("--save inside a file", ["train", "--save", "t.txt/m.json"], 2,
         "minirnn: error: argument --save: 't.txt' is not a folder", setup=[("text", "t.txt", "kept")]),
    case("--save an empty name", ["train", "--save", ""], 2, "argument --save: the file name is empty"),
    case("--plot a PNG", ["train", "--plot", "c.png"], 2, "must end in .svg"),
    case("--plot after 0 iterations", ["train", "--iterations", "0", "--plot", "c.svg"], 2,
         "argument --plot: nothing to plot after 0 iterations"),
    case("a model that is a folder", ["eval", "--model", "d"], 2,
         "argument --model: cannot read model file 'd'", setup=[("dir", "d")]),
    case("a model that is a device that never ends", ["predict", "--model", "/dev/zero", "1", "2"],
         2, "argument --model: cannot read model file '/dev/zero': it is a character device"),
    case("a model read from a pipe (cat m.json | minirnn predict --model /dev/stdin)", ["predict", "--model", "/dev/stdin", "1", "2"], 0,
         out=b"1 + 2 = ", stdin="m.json"),
    case("a model read from standard input when it is closed", ["predict", "--model", "/dev/stdin",
                                                                "1", "2"], 2,
         "minirnn: error: argument --model: cannot read model file '/dev/stdin': it is a character "
         "device, not a file", stdin="closed"),
    case("a model that is not JSON", ["show", "--model", "t.txt", "1", "2"], 2,
         "minirnn: error: argument --model: model file 't.txt': not a minirnn model file "
         "(not valid JSON)", setup=[("text", "t.txt", "kept")]),
    case("a model that is not UTF-8", ["predict", "--model", "u.txt", "1", "2"], 2,
         "minirnn: error: argument --model: model file 'u.txt': not a minirnn model file "
         "(not UTF-8 text)", setup=[("text", "u.txt", b"\xff\xfe kept")]),

    # 4. Saying what happened
    case("train --save --plot says what it wrote",
         ["train", "--save", "new.json", "--plot", "new.svg"] + SHORT_RUN, 0,
         ("saved the model to new.json", "drew the error curve in new.svg"),
         writes={"new.json": is_model, "new.svg": is_svg}),
    case("a run shorter than one checkpoint interval shows its last iteration",
         ["train", "--iterations", "30", "--bits", "4"], 0,
         "the run is shorter than --print-every 1000, so the last checkpoint printed is "
         "iteration 29's"),

    # 5. One voice
    case("an operand of too many digits", ["predict", "--model", "m.json", "9" * 5000, "1"], 2,
         "argument A: a is too large: numbers of at most 4096 bits are accepted, got one of 5000 digits"),
    case("an operand of too many bits", ["predict", "--model", "m.json", "1", str(2 ** 4096)], 2,
         "argument B: b is too large: numbers of at most 4096 bits are accepted, got one of 4097 bits"),
    case("a negative operand", ["predict", "--model", "m.json", "-5", "1"], 2,
         "argument A: a must not be negative, got -5"),
    case("an operand too wide to draw", ["show", "--model", "m.json", str(2 ** 128), "1"], 2,
         "argument A: a is too large to draw"),
    case("eval --samples 0", ["eval", "--model", "m.json", "--samples", "0"], 2,
         "argument --samples: samples must be a whole number >= 1, got 0"),
    case("eval --seed -1", ["eval", "--model", "m.json", "--seed=-1"], 2,
         "argument --seed: seed must be a whole number from 0 to 4294967295, got -1"),
    case("eval --bits 5000", ["eval", "--model", "m.json", "--bits", "8,5000"], 2,
         "argument --bits: bits must be a whole number from 1 to 4096, got 5000"),
    case("train --seed too large", ["train", "--seed", str(2 ** 32)], 2,
         "argument --seed: seed must be a whole number from 0 to 4294967295, got 4294967296"),
    case("a flag before the command", ["--print-every", "1", "--iterations", "2", "train"], 0,
         out=b"------------\nError:"),
    case("a flag before a command that lacks it", ["--bits", "4", "predict"], 2,
         "argument --bits: not a flag of the predict command"),
    case("flags with = before the command", ["--iterations=2", "--print-every=1", "train"], 0,
         out=b"------------\nError:"),
    case("a value with two = before the command", ["--seed=1=2", "train"], 2,
         "minirnn: error: argument --seed: not a whole number: '1=2'"),
    case("-h first is the commands' help", ["-h"], 0, out=b"usage: minirnn [-h] [--version] COMMAND"),
    case("-h before a command is its help", ["--bits", "4", "-h", "eval"], 0,
         out=b"usage: minirnn eval [-h] --model PATH"),
    case("-- before the command ends the flags", ["--iterations", "2", "--", "train"], 2,
         "minirnn: error: unrecognized arguments: -- train"),
    case("a long operand that is not a number", ["predict", "--model", "m.json", "X" + "9" * 1300,
                                                 "1"], 2,
         "minirnn: error: argument A: not a whole number: 'X9999999999999999999999999999...(1301 "
         "characters)"),
    case("an unknown command", ["trian"], 2, "unknown command 'trian'"),
    case("a flag the command lacks is named", ["eval", "--model", "m.json", "--svg", "e.svg"], 2,
         "argument --svg: not a flag of the eval command"),
    case("an operand too many, negative", ["predict", "--model", "m.json", "1", "2", "-3"], 2,
         "unrecognized arguments: -3"),
    case("a very long bad value is cut short", ["train", "--bits", "x" * 5000], 2,
         "argument --bits: not a whole number: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx...(5000 characters)"),
    case("eval of one pair says pair", ["eval", "--model", "m.json", "--bits", "1"], 0,
         out=b"all 1 pair of operands"),
    case("eval of one sample says pair", ["eval", "--model", "m.json", "--bits", "20", "--samples",
                                          "1"], 0, out=b": 1 random pair of operands"),

    # 6. The article command (the article edition, minirnn/article.py)
    case("article --alpha nan", ["article", "--alpha", "nan"], 2,
         "argument --alpha: alpha must be a finite number, got nan"),
    case("article --init-scale inf", ["article", "--init-scale", "inf"], 2,
         "argument --init-scale: init_scale must be a finite number, got inf"),
    case("article --h0=-inf", ["article", "--h0=-inf"], 2,
         "argument --h0: h0 must be a finite number, got -inf"),
    case("article --bits x", ["article", "--bits", "x"], 2, "argument --bits: not a whole number: 'x'"),
    case("article --iterations=-1", ["article", "--iterations=-1"], 2,
         "argument --iterations: iterations must be a whole number >= 0, got -1"),
    case("article --task mul", ["article", "--task", "mul"], 2,
         "argument --task: task must be 'add' or 'sub', got 'mul'"),
    case("article --seed too large", ["article", "--seed", str(2 ** 32)], 2,
         "argument --seed: seed must be a whole number from 0 to 4294967295, got 4294967296"),
    case("article --preset none", ["article", "--preset", "none"], 2,
         "argument --preset: invalid choice: 'none'"),
    case("article with flags before the command", ["--iterations", "2", "--print-every", "1",
                                                   "article"], 0,
         out=b"Error:[3.45638663]\nPred:[0 0 0 0 0 0 0 1]\nTrue:[0 1 0 0 0 1 0 1]\n9 + 60 = 1\n"),
    case("article with a flag before it that it lacks", ["--save", "x.json", "article"], 2,
         "argument --save: not a flag of the article command"),
    case("article --save is refused: it keeps no model", ["article", "--save", "x.json"], 2,
         "argument --save: not a flag of the article command: it keeps no model; train runs the "
         "same training faster and --save keeps it"),
    case("article --plot is refused: it draws nothing", ["article", "--plot=x.svg"], 2,
         "argument --plot: not a flag of the article command: it draws nothing"),
    case("article --save onto the model is refused without touching it",
         ["article", "--save", "m.json"], 2, "argument --save: not a flag of the article command"),
    case("article --cell lstm is refused: it is the article's network", ["article", "--cell", "lstm"],
         2, "argument --cell: not a flag of the article command: it is the article's network"),
    case("article to a full device", ["article"] + SHORT_RUN, 1,
         "cannot write to standard output: No space left on device", stdout="full"),
    case("article with stdout closed", ["article"] + SHORT_RUN, 1,
         "cannot write to standard output: it is closed", stdout="closed"),
    case("article into a pipe whose reader left", ["article", "--iterations", "5000",
                                                    "--print-every", "1", "--bits", "4",
                                                    "--hidden", "4"], 1,
         "cannot write to standard output: Broken pipe", stdout="broken"),
    case("article on an ASCII stream", ["article", "--preset", "subtraction", "--iterations", "1"],
         0, env={"PYTHONIOENCODING": "ascii"}, out=b"60 - 9 = 0\n------------\n"),
    case("article with a bad flag and stderr closed", ["article", "--bits", "0"], 2,
         stderr="closed"),
    case("article whose output becomes nan stops in one line, as train does",
         ["article", "--init-scale", "1e308", "--h0", "1e308"], 1,
         "training broke down at iteration 0: overallError is nan (the weighted sums overflowed)"),
    case("article with the largest learning rate runs to the end, as train does",
         ["article", "--alpha", "1e308"] + SHORT_RUN, 0, out=b"Error:["),

    # 7. The gated cells (train --cell lstm|gru, and their model files)
    case("train --cell lstm whose error becomes nan stops, saving and drawing nothing",
         ["train", "--cell", "lstm", "--init-scale", "1e308", "--h0", "1e308", "--save", "x.json",
          "--plot", "x.svg"], 1,
         "training broke down at iteration 0: overallError is nan (the weighted sums overflowed); "
         "the model was not saved; the error curve was not drawn"),
    case("train --cell gru whose error becomes nan stops, saving and drawing nothing",
         ["train", "--cell", "gru", "--init-scale", "1e308", "--h0=-1e308", "--save", "x.json"], 1,
         "training broke down at iteration 0: overallError is nan"),
    case("train --cell gru with the largest learning rate",
         ["train", "--cell", "gru", "--alpha", "1e308", "--save", "g.json"] + SHORT_RUN, 0,
         "saved the model to g.json", writes={"g.json": is_cell_model("gru")}),
    case("train --cell lstm with the smallest starting weights",
         ["train", "--cell", "lstm", "--init-scale", "1e-300", "--plot", "c.svg"] + SHORT_RUN, 0,
         "drew the error curve in c.svg", writes={"c.svg": is_svg}),
    case("train --cell lstm --preset subtraction", ["train", "--cell", "lstm", "--preset",
                                                    "subtraction", "--save", "s.json"] + SHORT_RUN,
         0, "saved the model to s.json", writes={"s.json": is_cell_model("lstm", "sub")}),
    case("train --cell ''", ["train", "--cell", "", "--save", "x.json"], 2,
         "argument --cell: cell must be 'rnn', 'lstm' or 'gru', got ''"),
    case("train --cell LSTM", ["train", "--cell", "LSTM"], 2,
         "argument --cell: cell must be 'rnn', 'lstm' or 'gru', got 'LSTM'"),
    case("train --cell with no value", ["train", "--cell"], 2, "argument --cell: expected one argument"),
    case("train --cell gru to a full device, saving nothing",
         ["train", "--cell", "gru", "--save", "new.json"] + SHORT_RUN, 1,
         "cannot write to standard output: No space left on device; the model was not saved",
         stdout="full"),
    case("train --cell lstm --save a model wider than a model file holds",
         ["train", "--cell", "lstm", "--bits", "5000", "--save", "b.json"], 2,
         "argument --bits: bits must be at most 4096 to --save the model"),
    case("train --cell gru --iterations 0 saves the untrained GRU",
         ["train", "--cell", "gru", "--iterations", "0", "--bits", "4", "--save", "u.json"], 0,
         "saved the model to u.json", writes={"u.json": is_cell_model("gru")}),
    case("train --cell lstm --save onto a named pipe", ["train", "--cell", "lstm", "--save", "p.json"],
         2, "argument --save: cannot write 'p.json': it is a named pipe", setup=[("fifo", "p.json")]),
    case("an LSTM file with a misshapen gate", ["predict", "--model", "l.json", "1", "2"], 2,
         "argument --model: model file 'l.json': synapse_h_f: must be 4 x 4 (hidden is 4), but it "
         "has 3 rows", setup=[("gated", "l.json", "lstm", lambda d: d["synapse_h_f"].pop())]),
    case("an LSTM file with a gate row too short", ["eval", "--model", "l.json"], 2,
         "synapse_0_g: must be 2 x 4 (hidden is 4), but row 1 has 3 numbers",
         setup=[("gated", "l.json", "lstm", lambda d: d["synapse_0_g"][1].pop())]),
    case("an LSTM file with a bias of two rows", ["show", "--model", "l.json", "1", "2"], 2,
         "bias_g: must be 1 x 4 (hidden is 4), but it has 2 rows",
         setup=[("gated", "l.json", "lstm", lambda d: d["bias_g"].append(d["bias_g"][0]))]),
    case("a GRU file missing a bias", ["eval", "--model", "g.json"], 2,
         "argument --model: model file 'g.json': missing field 'bias_z'",
         setup=[("gated", "g.json", "gru", lambda d: d.pop("bias_z"))]),
    case("an LSTM file whose cell says gru", ["show", "--model", "l.json", "1", "2", "--svg",
                                              "h.svg"], 2,
         "unknown field 'synapse_0_i': a weight of the lstm cell, but the file's \"cell\" says gru",
         setup=[("gated", "l.json", "lstm", lambda d: d.update(cell="gru"))]),
    case("a GRU file whose cell says rnn", ["predict", "--model", "g.json", "1", "2"], 2,
         "minirnn: error: argument --model: model file 'g.json': unknown field 'synapse_0_r': "
         "a weight of the gru cell, but the file's \"cell\" says rnn",
         setup=[("gated", "g.json", "gru", lambda d: d.update(cell="rnn"))]),
    case("a GRU file without its cell", ["predict", "--model", "g.json", "1", "2"], 2,
         "argument --model: model file 'g.json': missing field 'cell'",
         setup=[("gated", "g.json", "gru", lambda d: d.pop("cell"))]),
    case("an LSTM file with an unknown cell", ["eval", "--model", "l.json"], 2,
         "cell: must be 'rnn', 'lstm' or 'gru', not 'LSTM'",
         setup=[("gated", "l.json", "lstm", lambda d: d.update(cell="LSTM"))]),
    case("a version 1 file with a cell field", ["show", "--model", "l.json", "1", "2", "--svg",
                                                "h.svg"], 2,
         "unknown field 'cell': a version 1 file holds the article's network and names no cell",
         setup=[("gated", "l.json", "lstm", lambda d: d.update(version=1))]),
    case("a version 1 file with an LSTM's weights", ["predict", "--model", "l.json", "1", "2"], 2,
         "unknown field 'synapse_0_i': a weight of the lstm cell, but a version 1 file holds the "
         "article's rnn",
         setup=[("gated", "l.json", "lstm", lambda d: (d.update(version=1), d.pop("cell")))]),
    case("an LSTM file whose hidden is not its weights'", ["predict", "--model", "l.json", "1", "2"],
         2, "synapse_0_i: must be 2 x 5 (hidden is 5), but row 0 has 4 numbers",
         setup=[("gated", "l.json", "lstm", lambda d: d.update(hidden=5))]),
    case("a GRU file with an infinite bias", ["predict", "--model", "g.json", "1", "2"], 2,
         "bias_n[0][1]: must be a finite number",
         setup=[("gated", "g.json", "gru", lambda d: d["bias_n"][0].__setitem__(1, float("inf")))]),
    case("predict with an LSTM whose sums overflow", ["predict", "--model", "l.json", "5", "3"], 0,
         setup=[("gated", "l.json", "lstm", overflowing)], out=b"5 + 3 = "),
    case("eval with an LSTM whose sums overflow", ["eval", "--model", "l.json"], 0,
         setup=[("gated", "l.json", "lstm", overflowing)], out=b"exact answers: "),
    case("show with an LSTM whose sums overflow", ["show", "--model", "l.json", "5", "3"], 0,
         setup=[("gated", "l.json", "lstm", overflowing)], out=b"cell 4        ?? ?? ?? ??"),
    case("show --svg with an LSTM whose sums overflow",
         ["show", "--model", "l.json", "5", "3", "--svg", "l.svg"], 0,
         setup=[("gated", "l.json", "lstm", overflowing)], writes={"l.svg": is_svg}),
    case("show with a saturated LSTM", ["show", "--model", "l.json", "5", "3"], 0,
         setup=[("gated", "l.json", "lstm", saturated)], out=b"cell 1 "),
    case("show --svg with a saturated LSTM",
         ["show", "--model", "l.json", "6", "7", "--svg", "l.svg"], 0,
         setup=[("gated", "l.json", "lstm", saturated)], writes={"l.svg": is_svg}),
    case("eval --bits 128 of a saturated GRU", ["eval", "--model", "g.json", "--bits", "4,128",
                                                "--samples", "3"], 0,
         setup=[("gated", "g.json", "gru", saturated)], out=b"\n  128  3 random (seed 0)"),
    case("show with a GRU started near the largest float",
         ["show", "--model", "g.json", "5", "3"], 0, setup=[("gated", "g.json", "gru", enormous_h0)],
         # the shading bands' edges are 0.6 and 0.2 of the largest float, 1.7976931348623157e308,
         # to %g's 6 digits (and a lower-case e, as everywhere else in minirnn's output)
         out=b'hidden rows, from -1.79769e+308 to 1.79769e+308: "  " below -1.07862e+308, '
             b'"\xe2\x96\x91\xe2\x96\x91" -1.07862e+308 to -3.59539e+307,'),
    case("show --svg with a GRU started near the largest float",
         ["show", "--model", "g.json", "5", "3", "--svg", "g.svg"], 0,
         setup=[("gated", "g.json", "gru", enormous_h0)], writes={"g.svg": is_svg}),
    case("predict with a GRU started near the largest float",
         ["predict", "--model", "g.json", "5", "3"], 0,
         setup=[("gated", "g.json", "gru", enormous_h0)], out=b"5 + 3 = "),
    case("show --svg onto the LSTM model it reads",
         ["show", "--model", "l.svg", "1", "2", "--svg", "l.svg"], 2,
         "argument --svg: the same file as --model; it would replace the model",
         setup=[("gated", "l.svg", "lstm")]),
    case("show of an LSTM on an ASCII stream", ["show", "--model", "l.json", "5", "3"], 0,
         setup=[("gated", "l.json", "lstm")], env={"PYTHONIOENCODING": "ascii"},
         out=b"\ncell 1 "),
    case("predict with an LSTM to a full device", ["predict", "--model", "l.json", "1", "2"], 1,
         "cannot write to standard output: No space left on device",
         setup=[("gated", "l.json", "lstm")], stdout="full"),
    case("show of a GRU with stdout closed", ["show", "--model", "g.json", "1", "2"], 1,
         "cannot write to standard output: it is closed", setup=[("gated", "g.json", "gru")],
         stdout="closed"),
]


@pytest.mark.parametrize("args, status, says, setup, writes, out, how", CASES)
def test_hostile_input(tmp_path, model_text, gated_texts, args, status, says, setup, writes, out,
                       how):
    folder = str(tmp_path)
    set_up(folder, model_text, setup, gated_texts)
    before = snapshot(folder)
    devices = [os.stat(device).st_rdev for device in ("/dev/null", "/dev/full")]
    done = run(folder, args, **how)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == status, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    lines = stderr.splitlines()
    expected = () if says is None or how.get("stderr") in ("closed", "full") else (
        (says,) if isinstance(says, str) else says)
    assert len(lines) == len(expected), stderr
    for line, text in zip(lines, expected):
        # a text that starts "minirnn: " is the whole line, any other a part of it
        assert line.startswith("minirnn: ") and (line == text if text.startswith("minirnn: ")
                                                 else text in line), line
    if out is not None:
        assert out in done.stdout
    after = snapshot(folder)
    assert sorted(after) == sorted(set(before) | set(writes))  # nothing else, no temporary file
    for name in after:
        if name in writes:
            assert writes[name](after[name]), name
        else:
            assert after[name] == before[name], name
    assert [os.stat(device).st_rdev for device in ("/dev/null", "/dev/full")] == devices


def test_there_are_at_least_60_cases():
    assert len(CASES) >= 60


def test_there_are_at_least_30_cases_of_the_article_command_and_the_gated_cells():
    def newer(param):
        args, setup = param.values[0], param.values[3]
        return ("article" in args or "--cell" in args or
                any(step[0] == "gated" for step in setup))
    assert len([param for param in CASES if newer(param)]) >= 30


def test_a_plot_through_a_link_writes_the_target_in_its_folder(tmp_path, model_text):
    folder = str(tmp_path)
    set_up(folder, model_text, [("dir", "pictures"), ("link", "l.svg", "pictures/t.svg")])
    done = run(folder, ["train", "--plot", "l.svg"] + SHORT_RUN)
    assert done.returncode == 0
    assert os.readlink(os.path.join(folder, "l.svg")) == "pictures/t.svg"
    assert os.listdir(os.path.join(folder, "pictures")) == ["t.svg"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write in any folder")
def test_a_folder_that_cannot_be_written_is_refused_before_training(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = run(str(tmp_path), ["train", "--save", "locked/m.json"])
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr == b"minirnn: error: argument --save: cannot write in folder 'locked'\n"


def test_a_folder_that_cannot_be_written_is_refused_even_as_root(tmp_path, monkeypatch, capsys):
    # The test above needs a user other than root, for whom every folder is writable.  Here
    # os.access answers as for such a user: the folder is there (F_OK) but neither writable
    # nor searchable, so the refusal comes before training, as there.
    from minirnn import cli
    (tmp_path / "locked").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "access", lambda path, mode: mode == os.F_OK)
    assert cli.main(["train", "--save", "locked/m.json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "minirnn: error: argument --save: cannot write in folder 'locked'\n"


# Extreme numbers through every command, in-process (hypothesis)

EXTREMES = [0.0, 5e-324, 1e-300, 1e-10, 0.5, 1.0, 10.0, 1e10, 1e154, 1e300, 1e308,
            1.7976931348623157e308]
extreme = st.sampled_from(EXTREMES).flatmap(lambda x: st.sampled_from([x, -x]))


def run_main(*args):
    """(status, stdout, stderr) of minirnn.cli.main, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(arg) for arg in args])
    assert "Traceback" not in err.getvalue()
    return status, out.getvalue(), err.getvalue()


def every_command_copes(path, bits, task="add"):
    """predict, eval, show and show --svg on a model file: each runs and says one thing, and
    neither picture shows an infinity or a nan where a shade or a place belongs."""
    folder = os.path.dirname(path)
    sum_ = "5 %s 3 = " % ("+" if task == "add" else "-")
    status, out, err = run_main("predict", "--model", path, 5, 3)
    assert (status, err) == (0, "") and out.startswith(sum_)
    status, out, err = run_main("eval", "--model", path, "--bits", min(bits, 6))
    assert (status, err) == (0, "") and "exact answers: " in out
    status, out, err = run_main("show", "--model", path, 5, 3)
    assert (status, err) == (0, "") and out.startswith(sum_)
    assert "nan" not in out and "inf" not in out  # a nan is "??"; no scale reaches infinity
    # "??" only for a value that is nan, as the cell computes it (a shading that overflowed
    # to inf / inf would show a finite value as "??" too)
    model = model_file.load(path)
    width = max(bits, 4)  # 5 and 3 have 3 bits, plus one for the carry
    a, b = minirnn.data.int2binary(5, width), minirnn.data.int2binary(3, width)
    values = [x for row in model.feed(a, b)[2] for x in row[0]]
    values += [x for _, rows in model.states(a, b) for row in rows for x in row[0]]
    assert ("??" in out) == any(x != x for x in values)
    picture = os.path.join(folder, "h.svg")
    status, out, err = run_main("show", "--model", path, 5, 3, "--svg", picture)
    assert (status, err) == (0, "") and out.endswith("drawn in %s\n" % picture)
    with open(picture, "rb") as handle:
        check_svg(handle.read())


@settings(max_examples=90)
@given(cell=st.sampled_from(sorted(minirnn.CELLS)), hidden=st.integers(1, 3),
       bits=st.integers(1, 5), task=st.sampled_from(["add", "sub"]), data=st.data())
def test_any_finite_weights_load_and_every_command_copes(cell, hidden, bits, task, data):
    weights = {}
    for name, rows, columns in minirnn.CELLS[cell].weight_shapes(hidden):
        weights[name] = [[data.draw(extreme) for _ in range(columns)] for _ in range(rows)]
    model = minirnn.CELLS[cell].from_weights(weights, data.draw(extreme),
                                             settings={"task": task, "bits": bits})
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "m.json")
        model.save(path)  # finite weights are saved and loaded back, however large
        copy = model_file.load(path)
        assert type(copy) is type(model)
        assert [getattr(copy, name) for name in model.weight_names] == \
            [weights[name] for name in model.weight_names]
        every_command_copes(path, bits, task)


def test_the_extreme_weights_test_covers_every_cell():
    assert sorted(minirnn.CELLS) == ["gru", "lstm", "rnn"]  # a new cell joins the test above


@settings(max_examples=60)
@given(cell=st.sampled_from(sorted(minirnn.CELLS)), alpha=extreme, init_scale=extreme, h0=extreme,
       iterations=st.integers(1, 4), bits=st.integers(1, 4), hidden=st.integers(1, 3))
def test_training_at_the_edges_saves_a_usable_model_or_says_why_not(cell, alpha, init_scale, h0,
                                                                     iterations, bits, hidden):
    with tempfile.TemporaryDirectory() as folder:
        path, picture = os.path.join(folder, "m.json"), os.path.join(folder, "c.svg")
        status, out, err = run_main("train", "--cell", cell, "--alpha=%r" % alpha,
                                    "--init-scale=%r" % init_scale, "--h0=%r" % h0,
                                    "--iterations", iterations, "--bits", bits,
                                    "--hidden", hidden, "--print-every", 1, "--save", path,
                                    "--plot", picture)
        lines = err.splitlines()
        if status == 0:
            assert lines == ["minirnn: saved the model to %s" % path,
                             "minirnn: drew the error curve in %s" % picture]
            every_command_copes(path, bits)
        else:
            # nan part way (nothing written), or weights grown to inf (not saved)
            assert status == 1 and len(lines) == 1 and not os.path.exists(path)
            assert ("training broke down at iteration" in lines[0] or
                    "cannot save this model" in lines[0])
            assert os.path.exists(picture) == ("drew the error curve" in lines[0])


# The pieces behind the table: eval's progress, the progress line's width, pictures at the edges


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_measure_reports_each_problem_checked_out_of_the_total(model_text):
    model = model_file.loads(model_text)
    seen = []
    minirnn.evaluate.measure(model, bits=3, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 16) for k in range(1, 17)]  # 3-bit addition: 4 x 4 pairs
    seen = []
    minirnn.evaluate.measure(model, bits=20, samples=5, progress=lambda *pair: seen.append(pair))
    assert seen == [(k, 5) for k in range(1, 6)]


def test_a_quick_measurement_shows_no_line_and_a_slow_one_does():
    from minirnn.progress import Progress
    now = [0.0]
    screen = Terminal()
    progress = Progress(screen, total=100, clock=lambda: now[0], noun="pair", rate="pairs/s",
                        delay=1.0)
    for k in range(50):
        now[0] += 0.019
        progress.update(k)
    assert screen.getvalue() == ""  # under a second: nothing drawn
    now[0] += 0.1
    progress.update(50)
    assert screen.getvalue().startswith("\rpair 51/100  51% |#####-----|")
    assert "pairs/s" in screen.getvalue() and "mean error" not in screen.getvalue()


@pytest.mark.parametrize("width", [10, 25, 40, 80])
def test_the_line_and_an_echoed_ctrl_c_fit_the_terminal_as_it_is_now(width):
    from minirnn.progress import Progress
    columns = [200]
    screen = Terminal()
    progress = Progress(screen, total=10 ** 6, clock=iter(range(10 ** 6)).__next__,
                        width=lambda: columns[0])
    progress.update(0, 1.0)
    columns[0] = width  # the terminal was made narrower
    progress.update(500000, 1.0)
    drawn = screen.getvalue().split("\r")[-1]
    assert len(drawn) + 2 <= width - 1  # room for "^C" without reaching the last column
    progress.clear()
    blanks = screen.getvalue().split("\r")[-2]
    assert blanks.strip() == "" and len(blanks) >= min(len(drawn) + 2, width - 1)


def test_a_one_iteration_curve_shows_its_one_point():
    from minirnn.plots import error_curve_svg
    root = ElementTree.fromstring(error_curve_svg([2.5]))
    circles = [e for e in root.iter() if e.tag.endswith("circle")]
    assert len(circles) == 1


def test_nan_activations_are_hatched_and_marked():
    from minirnn.plots import hidden_heatmap_svg, hidden_heatmap_text, ASCII_SHADES
    # One hidden unit whose sum is 1e308 * h0 + (-1e308) * h0 with h0 = 1e308 ... an overflow
    # both ways, inf - inf = nan, at every bit; the output is nan too.
    model = RNN([[0.0], [0.0]], [[1.0]], [[1e308]], h0=-1e308)
    model.synapse_0 = [[float("inf")], [float("-inf")]]  # the bits 1 and 1 add inf and -inf
    text = hidden_heatmap_text(model, 1, 1, ASCII_SHADES)
    assert "hidden 1" in text and "??" in text and "not a number" in text.splitlines()[-1]
    svg = hidden_heatmap_svg(model, 1, 1)
    assert 'fill="url(#nan)"' in svg and '<pattern id="nan"' in svg


def ctrl_c_reaches_it():
    """For Popen's preexec_fn: the program gets Ctrl-C as at a terminal.

    A test session started in the background (a CI job, mutation testing) may
    run with SIGINT ignored, and a child inherits that: Python would then leave
    Ctrl-C ignored and the run would never stop.
    """
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_training_says_what_was_not_written(tmp_path):
    import signal
    environment = dict(os.environ, PYTHONPATH=ROOT)
    process = subprocess.Popen([sys.executable, "-m", "minirnn", "train", "--iterations", "1000000",
                                "--print-every", "1", "--save", "x.json", "--plot", "x.svg"],
                               cwd=str(tmp_path), env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=ctrl_c_reaches_it)
    assert process.stdout.readline().startswith(b"Error:[")  # training has started
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    assert process.returncode == 130
    assert err == b"minirnn: interrupted; the model was not saved; the error curve was not drawn\n"
    assert os.listdir(str(tmp_path)) == []


def test_ctrl_c_during_the_article_edition(tmp_path):
    import signal
    environment = dict(os.environ, PYTHONPATH=ROOT)
    process = subprocess.Popen([sys.executable, "-m", "minirnn", "article", "--iterations",
                                "1000000", "--print-every", "1", "--bits", "4", "--hidden", "4"],
                               cwd=str(tmp_path), env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=ctrl_c_reaches_it)
    assert process.stdout.readline().startswith(b"Error:[")  # the run has started
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    assert process.returncode == 130
    assert err == b"minirnn: interrupted\n"
    assert os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize("checkpoints, every, iterations, said", [
    (0, 1000, 10000, "at iteration 0"),          # iteration 0's checkpoint is always printed
    (3, 1, 10, "at iteration 3"),                # 0, 1, 2 printed: 3 stopped before its own
    (1, 1000, 10000, "between iterations 1 and 1000"),
    (10, 1000, 9500, "between iterations 9001 and 9499"),  # no iteration 9500 to reach
])
def test_where_an_article_run_stopped_is_told_from_the_checkpoints_it_printed(
        checkpoints, every, iterations, said):
    # The article edition stops at round(nan) before it prints that iteration's checkpoint,
    # so the checkpoints printed bound the iteration it stopped at.
    from minirnn.cli import _CheckpointOutput
    out = _CheckpointOutput()
    out.checkpoints = checkpoints
    assert out.breakdown_iterations({"print_every": every, "iterations": iterations}) == said


def test_the_article_editions_output_counts_the_checkpoints_it_writes(capsys):
    # The article's program writes each checkpoint to its out: after those of iterations 0, 1000
    # and 2000, a breakdown came after iteration 2000 and before 3000's checkpoint was written.
    from minirnn.cli import _CheckpointOutput
    out = _CheckpointOutput()
    for iteration in (0, 1000, 2000):
        out.write("checkpoint %d\n" % iteration)
    assert capsys.readouterr().out == "checkpoint 0\ncheckpoint 1000\ncheckpoint 2000\n"
    assert out.breakdown_iterations({"print_every": 1000, "iterations": 10000}) == \
        "between iterations 2001 and 3000"


def test_the_article_edition_stops_at_the_iteration_train_does(capsys):
    # The same settings whose first sums overflow, through both commands: train's message is
    # the reference (it watches every step's overallError).
    flags = ["--init-scale", "1e308", "--h0", "1e308", "--print-every", "1", "--bits", "4"]
    assert main(["train"] + flags) == 1
    trained = capsys.readouterr()
    assert main(["article"] + flags) == 1
    edition = capsys.readouterr()
    assert trained.out == edition.out == ""
    assert trained.err == edition.err == ("minirnn: error: training broke down at iteration 0: "
                                          "overallError is nan (the weighted sums overflowed)\n")
