"""`python -m minirnn` and `python -m minirnn train`, run as a user runs them.

The two full published runs go through the command line once per session
(../conftest.py); every other command here trains for a handful of iterations.
"""

import io
import math

import pytest

import minirnn
from conftest import golden, run_cli
from minirnn import cli as cli_module


def first_checkpoints(log, count):
    return "".join(block + "------------\n" for block in log.split("------------\n")[:count])


def test_no_arguments_prints_the_articles_log(article_published):
    # the session's article run is ``python -m minirnn --save PATH``: no command, so train
    assert article_published.args == ["-m", "minirnn", "--save", article_published.model_file]
    assert article_published.returncode == 0
    # the log alone on stdout; the one-line summary on stderr (issue 9)
    assert article_published.stderr == "minirnn: saved the model to %s\n" % article_published.model_file
    assert article_published.stdout == golden("article_add.log")


def test_no_arguments_means_the_article_preset(monkeypatch, capsys):
    # The same through main() with no arguments at all, on a shortened copy of the
    # article's settings (the full run is the one above, shared by the session).  Since the cells,
    # no --preset means the rnn cell's defaults laid over the article preset: both shortened.
    monkeypatch.setitem(cli_module.PRESETS, "article", dict(minirnn.PRESETS["article"], iterations=1001))
    monkeypatch.setitem(cli_module.CELL_DEFAULTS, "rnn", dict(minirnn.CELL_DEFAULTS["rnn"], iterations=1001))
    assert cli_module.main([]) == 0
    assert capsys.readouterr().out == first_checkpoints(golden("article_add.log"), 2)


def test_the_subtraction_preset_prints_its_published_log(subtraction_published):
    assert subtraction_published.args == ["-m", "minirnn", "train", "--preset", "subtraction",
                                          "--save", subtraction_published.model_file]
    assert subtraction_published.returncode == 0
    assert subtraction_published.stderr == "minirnn: saved the model to %s\n" % subtraction_published.model_file
    assert subtraction_published.stdout == golden("subtraction.log")


@pytest.mark.parametrize("preset, log", [("article", "article_add.log"), ("subtraction", "subtraction.log")])
def test_train_prints_the_published_checkpoints(preset, log):
    # the API's train prints what the command line does (the full runs go through the CLI)
    settings = dict(minirnn.PRESETS[preset])
    settings["iterations"] = settings["print_every"] + 1
    out = io.StringIO()
    minirnn.train(out=out, **settings)
    assert out.getvalue() == first_checkpoints(golden(log), 2)


def test_flags_override_the_preset():
    done = run_cli("train", "--preset", "subtraction", "--iterations", "1")
    assert done.returncode == 0
    assert done.stdout == first_checkpoints(golden("subtraction.log"), 1)
    done = run_cli("train", "--preset", "article", "--iterations", "1")
    assert done.stdout == first_checkpoints(golden("article_add.log"), 1)


@pytest.mark.parametrize("flags, settings", [
    (["--iterations", "5", "--print-every", "2"], dict(iterations=5, print_every=2)),
    (["--task", "sub", "--bits", "5", "--hidden", "3", "--iterations", "4", "--print-every", "1",
      "--alpha", "0.5", "--seed", "7", "--init-scale", "0.2", "--h0", "0.1"],
     dict(task="sub", bits=5, hidden=3, iterations=4, print_every=1, alpha=0.5, seed=7,
          init_scale=0.2, h0=0.1)),
    (["--preset", "subtraction", "--iterations", "3", "--print-every", "1", "--alpha", "0.1"],
     dict(minirnn.PRESETS["subtraction"], iterations=3, print_every=1, alpha=0.1)),
])
def test_every_flag_reaches_training(flags, settings):
    out = io.StringIO()
    minirnn.train(out=out, **settings)
    done = run_cli("train", *flags)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == out.getvalue()
    assert done.stdout.count("------------") == len(range(0, settings["iterations"], settings["print_every"]))


def test_flags_without_a_command_mean_train():
    done = run_cli("--iterations", "1")
    assert done.returncode == 0
    assert done.stdout == first_checkpoints(golden("article_add.log"), 1)


BAD_SETTINGS = [
    (["--bits", "0"], "--bits"),
    (["--hidden", "0"], "--hidden"),
    (["--iterations", "-1"], "--iterations"),
    (["--print-every", "0"], "--print-every"),
    (["--alpha", "nan"], "--alpha"),
    (["--alpha", "inf"], "--alpha"),
    (["--init-scale=-inf"], "--init-scale"),
    (["--h0", "1e999"], "--h0"),
    (["--seed", "-1"], "--seed"),
    (["--seed", str(2 ** 32)], "--seed"),
    (["--task", "mul"], "--task"),
    (["--bits", "eight"], "--bits"),
    (["--bits", "1.5"], "--bits"),
    (["--alpha", "fast"], "--alpha"),
    (["--h0", "zero"], "--h0"),
    (["--preset", "nope"], "--preset"),
]


@pytest.mark.parametrize("flags, flag", BAD_SETTINGS)
def test_bad_settings_exit_2_with_one_line_naming_the_flag(flags, flag):
    done = run_cli("train", *flags)
    assert done.returncode == 2
    assert done.stdout == ""  # refused before any training
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and done.stderr.endswith("\n")
    assert lines[0].startswith("minirnn: error: argument %s: " % flag)
    assert "Traceback" not in done.stderr


def test_unknown_command_is_one_line():
    done = run_cli("trian")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "trian" in done.stderr and "Traceback" not in done.stderr


def short_run(setting, value):
    """Settings of a one-iteration run with one setting replaced."""
    settings = dict(iterations=1, print_every=1, out=io.StringIO())
    settings[setting] = value
    return settings


# The API refuses the same settings with the same words (the CLI adds "argument --flag: ").
API_REFUSALS = [
    ("bits", 0, "0"), ("hidden", 0, "0"), ("iterations", -1, "-1"), ("print_every", 0, "0"),
    ("alpha", float("nan"), "nan"), ("alpha", float("inf"), "inf"), ("init_scale", float("-inf"), "-inf"),
    ("h0", float("inf"), "inf"), ("seed", -1, "-1"), ("seed", 2 ** 32, str(2 ** 32)),
    ("task", "mul", "mul"),
]


@pytest.mark.parametrize("setting, value, text", API_REFUSALS)
def test_the_api_raises_the_same_message(setting, value, text):
    with pytest.raises(ValueError) as raised:
        minirnn.train(**short_run(setting, value))
    message = str(raised.value)
    assert message.startswith(setting + " ") and "\n" not in message
    if setting != "print_every":  # train_steps prints nothing, so has no print_every
        with pytest.raises(ValueError) as raised_by_steps:
            minirnn.train_steps(**{setting: value})
        assert str(raised_by_steps.value) == message
    flag = "--" + setting.replace("_", "-")
    done = run_cli("train", "%s=%s" % (flag, text))
    assert done.returncode == 2
    assert done.stderr == "minirnn: error: argument %s: %s\n" % (flag, message)


@pytest.mark.parametrize("setting, value", [
    ("bits", 8.0), ("bits", "8"), ("seed", True), ("seed", 1.5), ("h0", "0"), ("alpha", "0.1"),
    ("task", None), ("hidden", -3), ("cell", 1),
])
def test_the_api_refuses_wrong_types_by_name(setting, value):
    # values only the API can be given: a float or string where a number of the
    # right kind belongs must be refused with a message, not a TypeError later
    with pytest.raises(ValueError) as raised:
        minirnn.train(**short_run(setting, value))
    assert str(raised.value).startswith(setting + " ") and repr(value) in str(raised.value)


def test_nothing_is_printed_before_a_refusal():
    out = io.StringIO()
    with pytest.raises(ValueError):
        minirnn.train(alpha=math.nan, out=out)
    assert out.getvalue() == ""


def test_help_and_version():
    done = run_cli("--help")
    assert done.returncode == 0 and "train" in done.stdout
    done = run_cli("train", "--help")
    assert done.returncode == 0
    for flag in ("--task", "--bits", "--hidden", "--alpha", "--iterations", "--seed", "--init-scale",
                 "--h0", "--print-every", "--preset"):
        assert flag in done.stdout
    done = run_cli("--version")
    assert done.returncode == 0 and minirnn.__version__ in done.stdout


def test_a_run_of_one_interval_prints_its_last_iteration_too(capsys):
    # 1,001 iterations with a checkpoint every 1,001: iteration 0's, and then the last one's,
    # iteration 1,000, which the published log printed as its second checkpoint
    assert cli_module.main(["train", "--iterations", "1001", "--print-every", "1001"]) == 0
    captured = capsys.readouterr()
    assert captured.out == first_checkpoints(golden("article_add.log"), 2)
    assert captured.err == ("minirnn: the run is shorter than --print-every 1001, so the last "
                            "checkpoint printed is iteration 1000's\n")


@pytest.mark.parametrize("iterations, checkpoints, note", [
    (1, 1, ""),  # iteration 0 is the last: nothing more to say
    (2, 2, "minirnn: the run is shorter than --print-every 1000, so the last checkpoint printed "
           "is iteration 1's\n"),
])
def test_the_shortest_runs_say_which_checkpoint_is_last(iterations, checkpoints, note, capsys):
    assert cli_module.main(["train", "--iterations", str(iterations), "--bits", "4"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("------------") == checkpoints and captured.err == note


def test_a_run_is_trained_once(monkeypatch, capsys):
    # the model saved is the last step's; only a run of 0 iterations asks train() for one
    def train_again(**settings):
        raise AssertionError("trained a second time")
    monkeypatch.setattr(cli_module, "train", train_again)
    assert cli_module.main(["train", "--iterations", "3", "--print-every", "1", "--bits", "4"]) == 0
    assert capsys.readouterr().out.count("------------") == 3
