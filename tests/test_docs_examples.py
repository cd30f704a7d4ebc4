"""Every shell example in README.md and docs/cli.md, run as written, its output compared with the
page's, so the docs cannot drift from the program.

What counts as an example (any new one is picked up):

- a ``console`` block: each ``$ COMMAND`` line is run, and the lines after it, up to
  the next ``$``, are its expected output (standard output and error together);
- a ``sh`` (or ``bash``, ``shell``) block: each line that is not blank or a comment
  is a command, expected to exit 0.  If the next fenced block of the page has no
  language, it is the expected output of the block's last command (the README's
  quick start shows its output that way).

Output is compared as doctest does with ELLIPSIS: a line ``...`` stands for any
number of lines, ``...`` inside a line for any text; trailing blanks are ignored.
A command whose shown output has ``minirnn: error:`` must exit non-zero, every
other one 0.  Each page's commands run in order in one empty folder of their
own (so ``article.json`` saved by one example is there for the next), with
``python3`` being the Python that runs the tests and minirnn this checkout.
So with pytest-xdist the file must run in one process: ``--dist loadfile``,
as in the README's test command (plain ``-n 2`` would split the pages).

An example the suite cannot run is marked on the page by a line
``<!-- example: skip REASON -->`` just before its block, and is reported as
skipped with that reason.  Commands that would take too long are run in a
declared shorter form, listed in SHORTER below with how each is still checked;
where the shorter form prints other numbers, SHORTER gives the shape (with
``...``) that both its output and the page's must have.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

PAGES = ["README.md", os.path.join("docs", "cli.md")]
SHELLS = ("sh", "bash", "shell")
SKIP_MARK = re.compile(r"<!--\s*example:\s*skip\s*(.*?)\s*-->")

# Commands run in another form, each with why and how it is still checked.
# {article_log}, {subtraction_log} and {article_model} are the session's own published
# runs (../conftest.py): ``python -m minirnn [train --preset subtraction] --save PATH``;
# {article_edition_log} is its ``python -m minirnn.article``, {lstm_log} and {lstm_model}
# its ``python -m minirnn train --cell lstm --save PATH``.
SHORTER = {
    "python3 -m minirnn": (
        "cat {article_log}",
        "the article's 10,000 iterations: the output of the session's one run of "
        "'python -m minirnn --save PATH' is compared instead"),
    "python3 -m minirnn train --preset subtraction": (
        "cat {subtraction_log}",
        "10,000 iterations: the session's run of 'python -m minirnn train --preset subtraction "
        "--save PATH' is compared instead"),
    "python3 -m minirnn train --save article.json > /dev/null": (
        "python3 -m minirnn train --iterations 1 --print-every 1 --save article.json > /dev/null"
        " && cp {article_model} article.json",
        "the article's run: its summary line is printed by a 1-iteration run saving to the same "
        "name, and the model file is then the one the session's run saved"),
    "python3 -m minirnn train --save article.json --plot curve.svg": (
        "python3 -m minirnn train --iterations 300 --plot curve.svg > /dev/null"
        " && cp {article_model} article.json",
        "the article's run: the plot is drawn from 300 iterations and the model file is the "
        "session's run's"),
    "python3 -m minirnn train --plot curve.svg > /dev/null": (
        "python3 -m minirnn train --plot curve.svg --iterations 300 --print-every 100 > /dev/null",
        "the article's run: the plot is drawn from 300 iterations (a checkpoint every 100, so "
        "no note that the run is shorter than one interval)"),
    "python3 -m minirnn train --bits 12 --hidden 24 --iterations 20000 --seed 7": (
        "python3 -m minirnn train --bits 12 --hidden 24 --iterations 300 --seed 7",
        "20,000 iterations: 300 are run"),
    "python3 -m minirnn.article": (
        "cmp {article_edition_log} {article_log}",
        "the article edition's 10,000 iterations: the output of the session's one run of "
        "'python3 -m minirnn.article' must be the article's published log, as the engine prints it"),
    # The article edition's subtraction run through the command line: 801 iterations print the
    # published log's first two checkpoints (the session's full run of the edition is made
    # through its run(), to keep its weights: tests/edition_run.py).
    "python3 -m minirnn article --preset subtraction": (
        "python3 -m minirnn article --preset subtraction --iterations 801 | cmp - <(head -10 {subtraction_log})",
        "10,000 iterations of the article edition: 801 print the published log's first two "
        "checkpoints"),
    "python3 -m minirnn article --bits 12 --hidden 24": (
        "python3 -m minirnn article --bits 12 --hidden 24 --iterations 300 --print-every 100",
        "10,000 iterations of 24 units on 12 bits: 300 are run (the exit status is checked)"),
    # The LSTM of README's Part 2 and docs/cli.md: 10,000 iterations (about 10 s) are the
    # session's shared run "lstm" (../conftest.py), so its log and its file are the page's.  An
    # exhaustive eval of it takes 6.5 s more, so docs/cli.md's eval reads a 300-iteration LSTM
    # of 4 hidden units instead (2 s), checked for shape; the numbers on the page were checked
    # by hand against `python3 -m minirnn eval --model lstm.json`.
    "python3 -m minirnn train --cell lstm --save lstm.json": (
        "cp {lstm_model} lstm.json",
        "10,000 LSTM iterations: the model file is the one the session's run saved"),
    "python3 -m minirnn eval --model lstm.json --bits 8,16,32,64,128": (
        "python3 -m minirnn eval --model lstm.json --bits 16,32,64,128 --samples 20",
        "the exhaustive 8-bit check is docs/cli.md's; 20 samples of each longer width"),
    "python3 -m minirnn train --cell lstm --save lstm.json | tail -5": (
        "python3 -m minirnn train --cell lstm --iterations 300 --print-every 100 --hidden 4 "
        "--save lstm.json > /dev/null && tail -5 {lstm_log}",
        "10,000 LSTM iterations: the last lines are the session's run's; its summary line is "
        "printed by a run of 300 iterations of 4 units saving to the same name, the LSTM that "
        "eval below reads (all 16,384 pairs in 2 s, not 6.5)"),
    "python3 -m minirnn eval --model lstm.json": (
        "python3 -m minirnn eval --model lstm.json",
        "the LSTM above ran 300 iterations of 4 units, not 10,000 of 16: the report is checked "
        "for shape",
        ["model lstm.json: addition, trained on 8-bit answers, lstm cell, ... hidden units, "
         "... iterations with seed 0",
         "8-bit addition: all 16384 pairs of operands below 2**7",
         "exact answers: ... of 16384 (...%)",
         "each bit of the answer right (bit 0 is the ones):",
         "  bits 0-7: ...% ...% ...% ...% ...% ...% ...% ...%",
         "..."]),  # a weak model's report goes on with its wrong answers
    "python3 -m minirnn show --model lstm.json 127 1 --svg lstm.svg": (
        "cp {lstm_model} lstm.json && python3 -m minirnn show --model lstm.json 127 1 --svg lstm.svg",
        "the page's LSTM is the session's 10,000-iteration run (the one above is a shorter one)"),
    'python3 -m pip install -e ".[test]" && python3 -m pytest -q -n 2 --dist loadfile': (
        None, "installs minirnn and runs this suite: CI runs it (.ci/run)"),
}


class Example:
    def __init__(self, page, line, command, expected, skip=None):
        self.page, self.line, self.command, self.expected, self.skip = page, line, command, expected, skip

    def __repr__(self):
        return "%s:%d" % (self.page, self.line)


def fenced_blocks(text):
    """(language, first line number of the body, body lines, skip reason or None) of each block."""
    lines = text.split("\n")
    blocks, i = [], 0
    while i < len(lines):
        match = re.match(r"^```(\w*)\s*$", lines[i])
        if not match:
            i += 1
            continue
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        mark = SKIP_MARK.search(lines[i - 1]) if i > 0 else None
        blocks.append((match.group(1), start + 1, lines[start:end], mark.group(1) if mark else None))
        i = end + 1
    return blocks


def examples(page):
    with open(os.path.join(ROOT, page)) as handle:
        blocks = fenced_blocks(handle.read())
    found = []
    for k, (language, first, body, skip) in enumerate(blocks):
        if language == "console":
            for offset, line in enumerate(body):
                if line.startswith("$ "):
                    found.append(Example(page, first + offset, line[2:].strip(), [], skip))
                elif found and found[-1].line >= first:
                    found[-1].expected.append(line)
        elif language in SHELLS:
            commands = [(first + offset, line.strip()) for offset, line in enumerate(body)
                        if line.strip() and not line.strip().startswith("#")]
            for n, (number, command) in enumerate(commands):
                expected = None  # no output shown: only the exit status is checked
                if n == len(commands) - 1 and k + 1 < len(blocks) and blocks[k + 1][0] == "":
                    expected = blocks[k + 1][2]
                found.append(Example(page, number, command, expected, skip))
    return found


ALL = [example for page in PAGES for example in examples(page)]


def matches(expected, actual):
    """doctest's ELLIPSIS on lines: '...' alone matches any lines, inside a line any text."""
    if not expected:
        return not actual
    first, rest = expected[0], expected[1:]
    if first.strip() == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    pattern = ".*".join(re.escape(part) for part in first.rstrip().split("..."))
    return bool(actual) and re.fullmatch(pattern, actual[0].rstrip()) is not None \
        and matches(rest, actual[1:])


def test_the_matcher_can_fail():
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"]) and matches(["x ... z"], ["x y z"])
    assert not matches(["a", "...", "d"], ["a", "b"]) and not matches(["a"], ["a", "b"])
    assert not matches(["x ... z"], ["x y"])


def test_every_page_has_examples():
    assert {example.page for example in ALL} == set(PAGES)
    assert sum(1 for example in ALL if example.expected) >= 10


def test_every_shorter_form_is_still_on_a_page():
    # a declared substitution for a command no page shows any more is stale
    commands = {strip_comment(example.command) for example in ALL}
    assert set(SHORTER) <= commands, set(SHORTER) - commands


def strip_comment(command):
    return re.sub(r"\s+#.*$", "", command)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, article_published, subtraction_published, article_edition_published,
              lstm_published):
    """A folder per page, a python3 that is this Python, and the session's published runs."""
    base = tmp_path_factory.mktemp("examples")
    bin_dir = base / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "python3"  # a script, not a link: a virtual environment's python needs its path
    shim.write_text('#!/bin/sh\nexec "%s" "$@"\n' % sys.executable)
    shim.chmod(0o755)
    logs = {}
    for name, run in (("article_log", article_published), ("subtraction_log", subtraction_published),
                      ("article_edition_log", article_edition_published), ("lstm_log", lstm_published)):
        assert run.returncode == 0, run.stderr
        path = base / (name + ".txt")
        path.write_text(run.stdout)
        logs[name] = str(path)
    logs["article_model"] = article_published.model_file
    logs["lstm_model"] = lstm_published.model_file
    folders = {}
    for page in PAGES:
        folders[page] = base / page.replace(os.sep, "_")
        folders[page].mkdir()
    env = dict(os.environ, PYTHONPATH=ROOT, PYTHONIOENCODING="utf-8",
               PATH=str(bin_dir) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("COLUMNS", None)
    done = set()  # the examples run in these folders so far
    return folders, logs, env, done


_RUNS = {}


def run(command, folder, env):
    """bash -c COMMAND in folder.  A command that writes nothing, already run on files of the
    same content (the same eval on two pages, with the same article.json), is not run twice."""
    named = tuple((word, (folder / word).read_bytes()) for word in command.split()
                  if (folder / word).is_file())
    key = (command, named)
    if key in _RUNS:
        return _RUNS[key]
    before = set(os.listdir(str(folder)))
    # argparse wraps --help to the terminal's width, read from COLUMNS: the pages show 80 columns
    done = subprocess.run(["bash", "-c", command], cwd=str(folder), env=dict(env, COLUMNS="80"),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    # --help heads the flags "optional arguments:" before Python 3.10 and "options:" from 3.10 on,
    # as the pages show: either is accepted
    done.stdout = re.sub(r"(?m)^optional arguments:$", "options:", done.stdout)
    if set(os.listdir(str(folder))) == before and ">" not in command:
        _RUNS[key] = done
    return done


def command_and_output(example, logs):
    """The command to run for an example and the output it must print (None: any output),
    or a reason to skip it."""
    if example.skip is not None:
        return "marked on the page: %s" % example.skip
    command = strip_comment(example.command)
    shown = example.expected
    if command in SHORTER:
        entry = SHORTER[command]
        replacement, why = entry[:2]
        if replacement is None:
            return why
        command = replacement.format(**logs)
        if len(entry) == 3:
            # the shorter run's output differs from the page's in its numbers only: both
            # must have the shape given
            assert matches(entry[2], shown), "%r shows output of another shape" % example
            shown = entry[2]
    return command, shown


@pytest.mark.parametrize("example", ALL, ids=repr)
def test_the_example_runs_as_shown(example, workspace):
    folders, logs, env, done = workspace
    what = command_and_output(example, logs)
    if isinstance(what, str):
        pytest.skip(what)
    command, shown = what
    # An example may use the files that the page's earlier examples wrote (article.json):
    # run those first when this one is run alone (pytest -k, or mutation testing).
    for earlier in ALL[:ALL.index(example)]:
        before = command_and_output(earlier, logs)
        if earlier.page == example.page and earlier not in done and not isinstance(before, str):
            run(before[0], folders[earlier.page], env)
            done.add(earlier)
    done.add(example)
    result = run(command, folders[example.page], env)
    output = result.stdout.split("\n")
    if output and output[-1] == "":
        output.pop()
    if shown is not None:
        while shown and not shown[-1].strip():
            shown = shown[:-1]
        assert matches(shown, output), "%r printed:\n%s" % (example, result.stdout)
    failing = shown is not None and any("minirnn: error:" in line for line in shown)
    assert (result.returncode != 0) == failing, "%r exited %d:\n%s" % (example, result.returncode,
                                                                         result.stdout)


if shutil.which("bash") is None:  # pragma: no cover - every CI machine has bash
    pytestmark = pytest.mark.skip("the examples are shell commands: needs bash")
