"""The command line's exit status when something stops it: 130 for Ctrl-C, 1 for a failed write
even when another output succeeded, and never a traceback."""

import pytest

from minirnn import cli as cli_module
from minirnn import model_file
from minirnn.cli import main


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
