"""`python -m minirnn` and `python -m minirnn train`, run as a user runs them."""

import os
import subprocess
import sys

import pytest

import minirnn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")


def run(*args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "minirnn"] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def golden(name):
    with open(os.path.join(GOLDEN, name)) as handle:
        return handle.read()


def test_no_arguments_prints_the_articles_log():
    done = run()
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == golden("article_add.log")


def test_the_subtraction_preset_prints_its_published_log():
    done = run("train", "--preset", "subtraction")
    assert done.returncode == 0
    assert done.stdout == golden("subtraction.log")


def test_flags_override_the_preset():
    done = run("train", "--preset", "subtraction", "--iterations", "1")
    assert done.stdout == golden("subtraction.log").split("------------")[0] + "------------\n"
    done = run("train", "--iterations", "2001", "--print-every", "2000")
    assert done.stdout.count("------------") == 2  # iterations 0 and 2000


def test_flags_without_a_command_mean_train():
    assert run("--iterations", "1").stdout == run("train", "--iterations", "1").stdout


BAD_SETTINGS = [
    (["--bits", "0"], "--bits"),
    (["--hidden", "0"], "--hidden"),
    (["--iterations", "-1"], "--iterations"),
    (["--print-every", "0"], "--print-every"),
    (["--alpha", "nan"], "--alpha"),
    (["--alpha", "inf"], "--alpha"),
    (["--init-scale", "-inf"], "--init-scale"),
    (["--seed", "-1"], "--seed"),
    (["--seed", str(2 ** 32)], "--seed"),
    (["--task", "mul"], "--task"),
    (["--bits", "eight"], "--bits"),
    (["--h0", "zero"], "--h0"),
    (["--preset", "nope"], "--preset"),
]


@pytest.mark.parametrize("flags, flag", BAD_SETTINGS)
def test_bad_settings_exit_2_with_one_line_naming_the_flag(flags, flag):
    done = run("train", *flags)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and flag in lines[0] and "Traceback" not in done.stderr


def test_unknown_command_is_one_line():
    done = run("trian")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "trian" in done.stderr


@pytest.mark.parametrize("setting, value", [
    ("bits", 0), ("hidden", 0), ("iterations", -1), ("print_every", 0), ("alpha", float("nan")),
    ("seed", 2 ** 32), ("task", "mul"), ("bits", 8.0), ("seed", True), ("h0", "0"),
])
def test_the_api_raises_the_same_message(setting, value):
    settings = dict(iterations=1, print_every=1)
    settings[setting] = value
    with pytest.raises(ValueError) as raised:
        minirnn.train(**settings)
    message = str(raised.value)
    assert message.startswith(setting) and repr(value) in message
    if setting != "print_every":
        with pytest.raises(ValueError, match=message.split(",")[0]):
            minirnn.train_steps(**{setting: value})
    if isinstance(value, int) and not isinstance(value, bool):
        done = run("train", "--" + setting.replace("_", "-"), str(value))
        assert message in done.stderr


def test_help_and_version():
    assert run("--help").returncode == 0
    done = run("--version")
    assert done.returncode == 0 and minirnn.__version__ in done.stdout
