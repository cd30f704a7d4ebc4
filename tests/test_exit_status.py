"""The command line's exit status when something stops it: 130 for Ctrl-C, 1 for a failed write
even when another output succeeded, and never a traceback."""

import io
import sys

import pytest

from minirnn import cli as cli_module
from minirnn import model_file
from minirnn.cli import main
from minirnn.rnn import RNN


def interrupted(**settings):
    yield from ()
    raise KeyboardInterrupt


def test_ctrl_c_exits_130_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(cli_module, "train_steps", lambda **settings: interrupted(**settings))
    assert main(["train", "--iterations", "5"]) == 130
    captured = capsys.readouterr()
    assert captured.err == "minirnn: interrupted\n" and captured.out == ""


def test_a_failed_save_exits_1_even_when_the_plot_is_written(tmp_path, monkeypatch, capsys):
    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_file, "write_atomically", full_disk)
    model, curve = str(tmp_path / "m.json"), str(tmp_path / "c.svg")
    assert main(["train", "--iterations", "3", "--save", model, "--plot", curve]) == 1
    captured = capsys.readouterr()
    # one line: the failure, then what was written after all (the merged hardening of issue 9)
    assert captured.err == ("minirnn: error: cannot write model file '%s': No space left on device; "
                            "drew the error curve in %s\n" % (model, curve))
    assert (tmp_path / "c.svg").read_text().startswith("<?xml")


@pytest.mark.parametrize("fails", ["save", "plot"])
def test_one_failure_of_two_outputs_is_exit_1(fails, tmp_path, monkeypatch, capsys):
    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_file if fails == "save" else cli_module, "write_atomically", full_disk)
    status = main(["train", "--iterations", "3", "--save", str(tmp_path / "m.json"),
                   "--plot", str(tmp_path / "c.svg")])
    assert status == 1 and len(capsys.readouterr().err.splitlines()) == 1


@pytest.mark.parametrize("error, reason", [
    (OSError(28, "No space left on device"), "No space left on device"),
    # an OSError made with a message alone has no strerror: the message is the reason
    (OSError("the folder went away"), "the folder went away"),
])
def test_a_picture_that_cannot_be_written_exits_1_and_keeps_the_old_file(error, reason, tmp_path, monkeypatch,
                                                                         capsys):
    def full_disk(path, text):
        raise error

    model, picture = str(tmp_path / "m.json"), tmp_path / "old.svg"
    RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]]).save(model)
    picture.write_text("the old picture")
    monkeypatch.setattr(cli_module, "write_atomically", full_disk)  # the disk fills after the checks
    assert main(["show", "--model", model, "3", "4", "--svg", str(picture)]) == 1
    assert capsys.readouterr() == ("", "minirnn: error: cannot write picture '%s': %s\n" % (picture, reason))
    assert picture.read_text() == "the old picture"


class FailingTerminal(io.StringIO):
    """A terminal that goes away (EIO) when the progress line is drawn; checkpoints still print."""

    def isatty(self):
        return True

    def write(self, text):
        if "\r" in text:
            raise OSError(5, "Input/output error")
        return io.StringIO.write(self, text)


def test_a_progress_line_that_cannot_be_drawn_exits_1_with_one_line(monkeypatch, capsys):
    terminal = FailingTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["train", "--iterations", "3"]) == 1
    assert capsys.readouterr().err == "minirnn: error: cannot write to standard output: Input/output error\n"
    assert terminal.getvalue().startswith("Error:[")  # iteration 0's checkpoint came first


class NoStream:
    """What sys.stdout may be in an embedding program: an object that cannot be written."""


@pytest.mark.parametrize("stdout", [NoStream(), "closed"], ids=["not a stream", "closed"])
def test_standard_output_that_cannot_be_written_is_said_to_be_closed(stdout, monkeypatch, capsys):
    if stdout == "closed":
        stdout = io.StringIO()
        stdout.close()  # writing to it raises ValueError
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["--version"]) == 1
    assert capsys.readouterr().err == "minirnn: error: cannot write to standard output: it is closed\n"


class FlushRecorder(io.StringIO):
    """Standard output that keeps what had been written at each flush."""

    def __init__(self):
        io.StringIO.__init__(self)
        self.flushed = []

    def flush(self):
        self.flushed.append(self.getvalue())


def test_each_checkpoint_is_flushed_as_it_is_printed(monkeypatch):
    # so that a full disk or a closed pipe stops training at the first checkpoint it cannot print
    out = FlushRecorder()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["train", "--iterations", "201", "--print-every", "100"]) == 0
    lines = out.getvalue().splitlines(True)
    assert len(lines) == 15  # checkpoints at 0, 100 and 200, five lines each
    assert out.flushed[:3] == ["".join(lines[:5]), "".join(lines[:10]), "".join(lines[:15])]


def test_each_row_of_evals_table_is_flushed_as_it_is_measured(tmp_path, monkeypatch):
    # a wide row can take a while: the rows before it are shown meanwhile
    model = str(tmp_path / "m.json")
    RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]]).save(model)
    out = FlushRecorder()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["eval", "--model", model, "--bits", "4,5"]) == 0
    lines = out.getvalue().splitlines(True)
    assert len(lines) == 4  # the model, the table's header and a row for each width
    assert "".join(lines[:3]) in out.flushed and "".join(lines[:4]) in out.flushed


class FullDisk(io.StringIO):
    """Standard output on a full disk: writes are buffered, and the flush fails."""

    def flush(self):
        raise OSError(28, "No space left on device")


def test_output_that_fails_only_at_the_last_flush_exits_1_with_one_line(tmp_path, monkeypatch, capsys):
    model = str(tmp_path / "m.json")
    RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]]).save(model)
    monkeypatch.setattr(sys, "stdout", FullDisk())
    assert main(["predict", "--model", model, "3", "4"]) == 1
    assert capsys.readouterr().err == "minirnn: error: cannot write to standard output: No space left on device\n"
