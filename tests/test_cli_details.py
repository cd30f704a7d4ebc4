"""Details of the command line checked in-process: the words of its messages, the flag an error
is about, the shading a terminal can show, and what a model file is described as."""

import io
import os
import sys

import pytest

import minirnn
from minirnn import cli as cli_module
from minirnn.cli import build_parser, describe_model, main
from minirnn.plots import ASCII_SHADES, SHADES
from minirnn.rnn import RNN
from test_docs_examples import examples

# The reference section of docs/cli.md ("Help for every command"): each command's --help.
HELP_EXAMPLES = [example for example in examples(os.path.join("docs", "cli.md"))
                 if example.command.endswith("--help")]


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_an_unknown_command_lists_the_commands(capsys):
    assert run(capsys, "trian") == (2, "", "minirnn: error: unknown command 'trian' "
                                          "(choose from train, article, predict, eval, show)\n")


def test_version_and_help_exit_0(capsys):
    # main() returns the exit status (argparse's SystemExit is caught, so a failed write of the
    # help can still exit 1): 0 here
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == "minirnn %s\n" % minirnn.__version__
    for command in (["--help"], ["train", "--help"], ["article", "--help"], ["predict", "--help"],
                    ["eval", "--help"], ["show", "--help"]):
        assert main(command) == 0, command
        assert capsys.readouterr().out.startswith("usage: minirnn")


def test_train_help_states_the_articles_settings(capsys):
    # each flag's help ends with the article's value: compared with the preset itself
    assert main(["train", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    article = minirnn.PRESETS["article"]
    for flag, dest, _, _ in cli_module.TRAIN_FLAGS:
        if dest == "task":
            continue
        value = article[dest]
        shown = "%g" % value if isinstance(value, float) else str(value)
        assert "%s " % flag in text and "(article: %s)" % shown in text, flag


@pytest.mark.parametrize("message, flag", [
    ("bits must be a whole number >= 1, got 0", "--bits"),
    ("init_scale must be a finite number, got inf", "--init-scale"),
    ("print_every must be a whole number >= 1, got 0", "--print-every"),
])
def test_a_settings_error_names_its_flag(message, flag):
    assert cli_module._flag_for(message) == flag


class Stream:
    def __init__(self, encoding):
        self.encoding = encoding


@pytest.mark.parametrize("encoding, shades", [
    ("utf-8", SHADES), ("UTF-8", SHADES), ("ascii", ASCII_SHADES), ("latin-1", ASCII_SHADES),
    (None, ASCII_SHADES), ("no-such-encoding", ASCII_SHADES),
])
def test_terminals_get_block_characters_only_when_they_can_show_them(encoding, shades):
    assert cli_module._shades_for(Stream(encoding)) == shades
    assert cli_module._shades_for(io.BytesIO()) == ASCII_SHADES  # no encoding at all


@pytest.mark.parametrize("encoding, shades", [("ascii", ASCII_SHADES), ("utf-8", SHADES)])
def test_show_shades_with_what_standard_output_can_write(encoding, shades, weak_model_file,
                                                         monkeypatch):
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["show", "--model", weak_model_file, "91", "39"]) == 0
    out.flush()
    text = out.buffer.getvalue().decode(encoding)
    legend = 'shading: "%s" below 0.2, "%s" 0.2-0.4, "%s" 0.4-0.6, "%s" 0.6-0.8, "%s" 0.8 and above'
    assert text.splitlines()[-1] == legend % tuple(shades)


def test_a_hand_built_model_is_described_without_training():
    model = RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]])
    assert describe_model("m.json", model) == \
        "model m.json: addition, trained on 8-bit answers, rnn cell, 2 hidden units"
    model.settings = {"task": "sub", "bits": 5, "iterations": 40, "seed": 9}
    assert describe_model("x/m.json", model) == ("model x/m.json: subtraction, trained on 5-bit answers, "
                                                 "rnn cell, 2 hidden units, 40 iterations with seed 9")
    model.settings = {"task": "sub", "bits": 5, "iterations": 40}  # no seed: no training clause
    assert describe_model("m.json", model).endswith("2 hidden units")


@pytest.mark.parametrize("args, says", [
    (["train", "--save", ""], "argument --save: the file name is empty"),
    (["train", "--plot", "x.png"], "argument --plot: the picture is SVG, so the file name must end in "
                                   ".svg: 'x.png'"),
    (["train", "--plot", "X.SVG", "--iterations", "0"], "argument --plot: nothing to plot after 0 iterations"),
    (["train", "--bits", "x"], "argument --bits: not a whole number: 'x'"),
    (["train", "--alpha", "x"], "argument --alpha: not a number: 'x'"),
    (["eval", "--model", "m.json", "--bits", "0"], "argument --bits: bits must be a whole number from 1 to 4096, got 0"),
    (["eval", "--model", "m.json", "--samples", "0"], "argument --samples: samples must be a whole number >= 1, got 0"),
    (["eval", "--model", "m.json", "--seed", "4294967296"],
     "argument --seed: seed must be a whole number from 0 to 4294967295, got 4294967296"),
    (["predict", "--model", "m.json", "1", "9" * 5000], "argument B: b is too large: numbers of at most 4096 "
                                                        "bits are accepted, got one of 5000 digits"),
    # a sign is not a digit: 1,235 nines are more digits than 2**4096 has (1,234), sign or not
    (["predict", "--model", "m.json", "+" + "9" * 1235, "1"],
     "argument A: a is too large: numbers of at most 4096 bits are accepted, got one of 1235 digits"),
    (["eval", "--model", "m.json", "--bits", "8,x"],
     "argument --bits: not a bit width or a comma-separated list of them: '8,x'"),
    (["--samples", "5", "train"], "argument --samples: not a flag of the train command"),
])
def test_usage_errors_word_for_word(args, says, capsys):
    assert run(capsys, *args) == (2, "", "minirnn: error: %s\n" % says)


@pytest.mark.parametrize("value, shown", [
    # a value the user gave is quoted whole up to 42 characters (quotes included), else cut to 30
    ("x" * 40, "'" + "x" * 40 + "'"),
    ("x" * 41, "'" + "x" * 29 + "...(41 characters)"),
])
def test_a_long_value_is_cut_short_in_a_message(value, shown, capsys):
    assert run(capsys, "train", "--bits", value) == (2, "", "minirnn: error: argument --bits: "
                                                            "not a whole number: %s\n" % shown)


@pytest.mark.parametrize("args, says", [
    (["train", "foo", "bar"], "unrecognized arguments: foo bar"),
    (["train", "-"], "unrecognized arguments: -"),
    (["train", "--", "x"], "unrecognized arguments: -- x"),
    (["train", "y" * 42], "unrecognized arguments: " + "y" * 42),
    (["train", "y" * 43], "unrecognized arguments: " + "y" * 30 + "...(43 characters)"),
    (["train", "--foo=a=b"], "argument --foo: not a flag of the train command"),
    # only the article edition explains its missing flags
    (["eval", "--model", "m.json", "--save", "x.json"], "argument --save: not a flag of the eval command"),
    (["article", "--save", "x.json"], "argument --save: not a flag of the article command: it keeps no "
                                      "model; train runs the same training faster and --save keeps it"),
])
def test_words_no_flag_or_operand_took_are_refused_word_for_word(args, says, capsys):
    assert run(capsys, *args) == (2, "", "minirnn: error: %s\n" % says)


@pytest.fixture
def tiny_model_file(tmp_path):
    path = str(tmp_path / "tiny.json")
    RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]]).save(path)
    return path


@pytest.mark.parametrize("a, b, says", [
    (2 ** 129, 1, "argument A: a is too large to draw: numbers of at most 128 bits are drawn, "
                  "got one of 130 bits"),
    (1, 2 ** 128, "argument B: b is too large to draw: numbers of at most 128 bits are drawn, "
                  "got one of 129 bits"),
])
def test_show_names_the_operand_too_large_to_draw(a, b, says, tiny_model_file, capsys):
    assert run(capsys, "show", "--model", tiny_model_file, str(a), str(b)) == \
        (2, "", "minirnn: error: %s\n" % says)


def test_help_can_be_printed_to_any_stream(capsys):
    # argparse's print_help(file) and print_usage(file): the parser's own writer must honour file
    stream = io.StringIO()
    build_parser().print_help(stream)
    build_parser().print_usage(stream)
    assert stream.getvalue().startswith("usage: minirnn") and stream.getvalue().count("usage:") == 2
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("argv, status, err", [
    (["minirnn", "trian"], 2, "minirnn: error: unknown command 'trian' "
                              "(choose from train, article, predict, eval, show)\n"),
    (["minirnn", "--version"], 0, ""),
])
def test_the_installed_command_exits_with_mains_status(argv, status, err, monkeypatch, capsys):
    # the `minirnn` script that pip installs calls main_exit, which reads sys.argv
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as done:
        cli_module.main_exit()
    assert done.value.code == status and capsys.readouterr().err == err


def test_the_docs_show_every_commands_help():
    commands = ["python3 -m minirnn %s--help" % (name + " " if name else "")
                for name in ["", "train", "article", "predict", "eval", "show"]]
    assert [example.command for example in HELP_EXAMPLES] == commands


@pytest.mark.parametrize("example", HELP_EXAMPLES, ids=lambda example: example.command)
def test_each_commands_help_is_as_the_docs_show_it(example, monkeypatch, capsys):
    # tests/test_docs_examples.py runs these examples as a user would; here they run in-process,
    # fast and where mutation testing sees each help text.  argparse wraps to COLUMNS (the page
    # shows 80) and heads the flags "optional arguments:" before Python 3.10, "options:" after.
    monkeypatch.setenv("COLUMNS", "80")
    assert main(example.command.split()[3:]) == 0
    out = capsys.readouterr().out.replace("\noptional arguments:\n", "\noptions:\n")
    shown = list(example.expected)
    while shown and not shown[-1].strip():
        shown.pop()
    assert out.split("\n") == shown + [""]


def test_a_folders_own_limits_on_names_and_paths_are_used(tmp_path, monkeypatch, capsys):
    # os.pathconf tells a folder's limits (a FUSE or network filesystem may allow fewer bytes);
    # here a name may have 20 bytes and a path (with its NUL) 24 more than the test's folder
    path_max = len(os.fsencode(str(tmp_path))) + 24

    def pathconf(folder, name):
        assert os.path.samefile(folder, str(tmp_path)) or os.path.samefile(folder, str(tmp_path / "sub"))
        if name not in ("PC_NAME_MAX", "PC_PATH_MAX"):
            raise ValueError("unrecognized configuration name")  # as os.pathconf says
        return 20 if name == "PC_NAME_MAX" else path_max

    monkeypatch.setattr(cli_module.os, "pathconf", pathconf)
    suffix = ".%d.tmp" % os.getpid()
    fits = "m" * (20 - len(suffix))  # its temporary name has 20 bytes
    assert run(capsys, "train", "--iterations", "1", "--save", str(tmp_path / (fits + "x"))) == \
        (2, "", "minirnn: error: argument --save: the file name is too long: with the temporary suffix "
                "it has 21 bytes, and the folder allows 20\n")
    (tmp_path / "sub").mkdir()
    longer = str(tmp_path / "sub" / fits)  # its temporary file's path has 25 bytes more
    assert run(capsys, "train", "--iterations", "1", "--save", longer) == \
        (2, "", "minirnn: error: argument --save: the path is too long: with the temporary suffix it "
                "has %d bytes, and the system allows %d\n" % (path_max + 1, path_max - 1))
    status, out, err = run(capsys, "train", "--iterations", "1", "--save", str(tmp_path / fits))
    assert (status, err) == (0, "minirnn: saved the model to %s\n" % (tmp_path / fits))


@pytest.mark.parametrize("name_bytes, path_bytes", [(256, None), (None, 4096)])
def test_without_pathconf_the_usual_limits_apply(name_bytes, path_bytes, tmp_path, monkeypatch, capsys):
    # where os.pathconf cannot tell (not POSIX), the usual limits apply: 255 bytes in a name,
    # and 4096 in a path with the terminating NUL, so a path of 4096 bytes is one too many
    def no_pathconf(folder, name):
        raise OSError(22, "Invalid argument")

    suffix = len(".%d.tmp" % os.getpid())
    folder = str(tmp_path)
    if path_bytes:
        while path_bytes - len(folder) - 1 - suffix > 250:
            folder = os.path.join(folder, "d" * 200)
        os.makedirs(folder)
        path = os.path.join(folder, "m" * (path_bytes - len(folder) - 1 - suffix))
        says = "the path is too long: with the temporary suffix it has 4096 bytes, and the system allows 4095"
    else:
        path = os.path.join(folder, "m" * (name_bytes - suffix))
        says = "the file name is too long: with the temporary suffix it has 256 bytes, and the folder allows 255"
    monkeypatch.setattr(cli_module.os, "pathconf", no_pathconf)
    assert run(capsys, "train", "--iterations", "1", "--save", path) == (2, "", "minirnn: error: argument --save: %s\n" % says)


def test_a_folder_given_as_a_file_is_refused_word_for_word(tmp_path, capsys):
    folder = str(tmp_path)
    assert run(capsys, "train", "--save", folder) == \
        (2, "", "minirnn: error: argument --save: %r is a directory\n" % folder)
    (tmp_path / "curve.svg").mkdir()
    assert run(capsys, "train", "--plot", str(tmp_path / "curve.svg")) == \
        (2, "", "minirnn: error: argument --plot: %r is a directory\n" % str(tmp_path / "curve.svg"))


def test_show_says_where_it_drew_the_picture(tiny_model_file, tmp_path, capsys):
    svg = str(tmp_path / "sum.svg")
    status, out, err = run(capsys, "show", "--model", tiny_model_file, "3", "4", "--svg", svg)
    assert (status, err) == (0, "") and out.startswith("3 + 4 = ") and out.endswith("; drawn in %s\n" % svg)
    assert open(svg).read().startswith("<?xml")


def test_flags_before_the_command_give_the_same_run_as_after_it(capsys):
    after = run(capsys, "train", "--bits", "3", "--iterations", "2", "--print-every", "1")
    assert after[0] == 0 and after[1].count("Error:[") == 2
    assert run(capsys, "--bits", "3", "train", "--iterations", "2", "--print-every", "1") == after
    assert run(capsys, "--bits", "3", "--iterations", "2", "train", "--print-every", "1") == after
