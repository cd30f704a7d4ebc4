"""The command line: ``python -m minirnn [COMMAND] [flags]``.

With no arguments it runs the article's training and prints its log;
``article`` runs the same training with the article's program as written
(minirnn.article).
``train --save PATH`` keeps the model; ``predict`` and ``eval`` ask it sums
and measure it (see minirnn.evaluate).  ``train --plot PATH.svg`` draws the
error falling and ``show`` the hidden layer at work (see minirnn.plots); on
a terminal, training shows a progress line (minirnn.progress).  This
is the only module that uses argparse; everything else also runs on
MicroPython.

Every command keeps three promises, kept here in one place each so that a
new command gets them by using these helpers:

- bad input is refused before any work, in one line naming the flag or
  operand, the rule and the value (``UsageError``, exit status 2);
- a file is only ever written by ``_write_file`` after ``_check_can_write``
  approved its path up front: never anything but a regular file (or a
  symbolic link to one, whose target is written), never the model a
  command reads;
- output that cannot be written (a full disk, a closed or broken pipe, an
  encoding that cannot show a path) ends the command with one line and exit
  status 1, never a traceback: everything goes through ``_print`` (standard
  output) and ``_say`` (standard error), and ``main`` catches the rest.
"""

import argparse
import errno
import os
import shutil
import sys

from . import __version__, article
from .cells import NAMES as CELL_NAMES
from .data import OPERATORS
from .evaluate import (DEFAULT_SAMPLES, MAX_BITS, TABLE_HEADER, TASK_NAMES, bits_of, check_operands,
                       format_result, format_row, measure, plural, task_of, true_answer)
from .model_file import ModelFileError, load, writable_target, write_atomically
from .plots import (ASCII_SHADES, SHADES, SumTrace, error_curve_svg, hidden_heatmap_svg,
                    hidden_heatmap_text)
from .progress import for_terminal
from .training import CELL_DEFAULTS, PRESETS, check_settings, format_checkpoint, train, train_steps


class UsageError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


class Failure(Exception):
    """A command that could not finish: reported in one line, exit status 1."""


class OutputError(Failure):
    """Standard output could not be written (full, closed, a broken pipe)."""


class _Parser(argparse.ArgumentParser):
    # --help and --version: argparse would drop a failed write without a word.
    def _print_message(self, message, file=None):
        if message:
            _write(file or sys.stdout, message)
            _flush_stdout()

    # argparse prints the whole usage block before an error; one line is enough.
    def error(self, message):
        flag = message.split(" ")[1][:-1] if message.startswith("argument ") else None
        if message.endswith(": expected one argument") and flag in _NUMBER_FLAGS:
            # argparse reads "--h0 -1e308" as two flags; "--h0=-1e308" is one.
            message += " (a negative number goes after an equals sign: %s=-1)" % flag
        raise UsageError(message)


def _path(path):
    """A file's path, quoted for a message."""
    return repr(path)


def _value(text):
    """A value the user gave, quoted for a message, and cut short if it is long."""
    shown = repr(text)
    return shown if len(shown) <= 42 else shown[:30] + "...(%d characters)" % len(text)


def _number(text):
    # nan and inf are read here and refused by check_settings, so the message
    # is the API's, word for word.
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %s" % _value(text))


def _whole_number(text):
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a whole number: %s" % _value(text))


# flag -> (dest, type, help); every one defaults to None so a preset can fill it.
TRAIN_FLAGS = [
    ("--task", "task", str, "add or sub (default: the preset's, add)"),
    ("--bits", "bits", _whole_number, "bits per number (article: 8)"),
    ("--hidden", "hidden", _whole_number, "hidden units (article: 16)"),
    ("--alpha", "alpha", _number, "learning rate (article: 0.1)"),
    ("--iterations", "iterations", _whole_number, "training iterations (article: 10000)"),
    ("--seed", "seed", _whole_number, "random seed, 0 to 2**32-1 (article: 0)"),
    ("--init-scale", "init_scale", _number, "starting weights are uniform in +-this (article: 1)"),
    ("--h0", "h0", _number, "starting value of every hidden unit (article: 0)"),
    ("--print-every", "print_every", _whole_number, "print a checkpoint every N iterations (article: 1000)"),
]


# Flags whose value is a number, which may be negative.
_NUMBER_FLAGS = set([flag for flag, _, kind, _ in TRAIN_FLAGS if kind in (_number, _whole_number)] +
                    ["--samples", "--seed"])


def build_parser():
    parser = _Parser(
        prog="minirnn",
        description="The binary-addition RNN of 'Anyone Can Learn To Code an LSTM-RNN "
                    "in Python (Part 1: RNN)', in pure Python. With no command, runs "
                    "the article's training and prints its log.",
    )
    parser.add_argument("--version", action="version", version="minirnn " + __version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    train_parser = commands.add_parser(
        "train", help="train the network and print the article's checkpoints",
        description="Train the network, printing the article's five-line checkpoint "
                    "every --print-every iterations. Flags override the preset.")
    train_parser.add_argument("--cell", default=None, metavar="{%s}" % ",".join(CELL_NAMES),
                              help="the network: rnn (the article's), lstm or gru (default: rnn)")
    train_parser.error = parser.error
    _add_settings_flags(train_parser, "the cell's defaults, for rnn the article's")
    train_parser.add_argument("--save", metavar="PATH",
                              help="write the trained model to PATH as JSON (see predict, eval)")
    train_parser.add_argument("--plot", metavar="PATH.svg",
                              help="draw overallError at every iteration, raw and smoothed, "
                                   "as an SVG picture")
    _add_article_parser(commands, parser.error)
    _add_predict_parser(commands, parser.error)
    _add_eval_parser(commands, parser.error)
    _add_show_parser(commands, parser.error)
    return parser


def _add_settings_flags(command, without_preset="the article's"):
    """--preset and the settings flags of TRAIN_FLAGS, shared by train and article."""
    command.add_argument("--preset", choices=sorted(PRESETS), default=None,
                         help="start from a published run's settings (default: %s)" % without_preset)
    for flag, dest, kind, text in TRAIN_FLAGS:
        metavar = "N" if kind is _whole_number else "X" if kind is _number else "{add,sub}"
        command.add_argument(flag, dest=dest, type=kind, default=None, metavar=metavar, help=text)


def _add_article_parser(commands, error):
    article_parser = commands.add_parser(
        "article", help="run the article's program as written (minirnn/article.py)",
        description="Run the article edition, the article's program statement for statement "
                    "(minirnn/article.py), with train's settings flags. It prints the same "
                    "log as train, more slowly. Flags override the preset.")
    article_parser.error = error
    _add_settings_flags(article_parser)


def _model_command(commands, error, name, help, description, operands=False):
    """A subcommand that reads a model file (--model PATH), and A B if operands."""
    command = commands.add_parser(name, help=help, description=description)
    command.error = error
    command.add_argument("--model", metavar="PATH", required=True,
                         help="a model file written by train --save")
    if operands:
        command.add_argument("a", metavar="A", type=_operand("a"), help="first operand")
        command.add_argument("b", metavar="B", type=_operand("b"), help="second operand")
    return command


def _add_predict_parser(commands, error):
    _model_command(
        commands, error, "predict", help="ask a saved model a sum: predict --model PATH A B",
        description="Print the model's answer to A + B (A - B for a subtraction model). "
                    "A and B are non-negative whole numbers of up to %d bits; the bit width "
                    "is taken from them, so a model trained on 8 bits can be asked about "
                    "128-bit numbers." % MAX_BITS,
        operands=True)


def _add_eval_parser(commands, error):
    eval_parser = _model_command(
        commands, error, "eval", help="measure a saved model's accuracy, exhaustively or on a sample",
        description="Pose a saved model the problems of a bit width, drawn as training draws "
                    "them, and print how many answers are right and how often each bit is. "
                    "Every pair is checked when there are at most 65536, otherwise a seeded "
                    "random sample. Several widths give a table of length generalisation.")
    eval_parser.add_argument("--bits", metavar="N[,N...]", type=_widths, default=None,
                             help="bit width of the answers, or a comma-separated list such as "
                                  "8,16,32,64,128 (default: the width the model trained on)")
    eval_parser.add_argument("--samples", metavar="K", type=_whole_number, default=DEFAULT_SAMPLES,
                             help="problems to draw when there are too many pairs to check them "
                                  "all (default: %d)" % DEFAULT_SAMPLES)
    eval_parser.add_argument("--seed", metavar="S", type=_whole_number, default=0,
                             help="seed of the sampled problems, 0 to 2**32-1 (default: 0)")


def _operand(name):
    """The type of operand A or B: a whole number the API's check_operands accepts.

    The operand is checked alone here, so its message comes out as
    "argument A: a must not be negative, got -5", in the API's words.
    """
    def read(text):
        digits = text.strip().lstrip("+-")
        # More digits than any number of MAX_BITS bits has: refused before
        # int() reads them (Python 3.11 on refuses past 4,300 digits, 3.6
        # reads them all), so that every Python says the same.
        if digits.isdigit() and len(digits) > len(str(2 ** MAX_BITS)):
            raise argparse.ArgumentTypeError(
                "%s is too large: numbers of at most %d bits are accepted, got one of %d digits"
                % (name, MAX_BITS, len(digits)))
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError("not a whole number: %s" % _value(text))
        try:
            check_operands("add", *((value, 0) if name == "a" else (0, value)))
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error))
        return value
    read.__name__ = "operand"
    return read


def _widths(text):
    widths = []
    for part in text.split(","):
        try:
            bits = int(part)
        except ValueError:
            raise argparse.ArgumentTypeError("not a bit width or a comma-separated list of them: %s"
                                             % _value(text))
        _check_whole("bits", bits, 1, MAX_BITS, argparse.ArgumentTypeError)
        widths.append(bits)
    return widths


def settings_from(args):
    """The preset's settings (or, without --preset, the cell's defaults) with every flag
    the user gave laid over them."""
    cell = getattr(args, "cell", None)  # only train has --cell
    if args.preset is not None:
        settings = dict(PRESETS[args.preset])
    else:  # an unknown cell gets the article's settings here and is refused by check_settings
        settings = dict(PRESETS["article"])
        settings.update(CELL_DEFAULTS.get("rnn" if cell is None else cell, {}))
    if cell is not None:
        settings["cell"] = cell
    for _, dest, _, _ in TRAIN_FLAGS:
        value = getattr(args, dest)
        if value is not None:
            settings[dest] = value
    return settings


def _flag_for(message):
    """The flag a settings error is about, from the setting's name at its start."""
    name = message.split(" ", 1)[0]
    return "--" + name.replace("_", "-")


def _check_whole(name, value, low, high, error=None):
    """Refuse value unless it is from low to high (no upper end if None), in the API's words:
    "samples must be a whole number >= 1, got 0", about the flag --name.  Raises error
    (default UsageError)."""
    if value < low or (high is not None and value > high):
        allowed = ">= %d" % low if high is None else "from %d to %d" % (low, high)
        message = "%s must be a whole number %s, got %d" % (name, allowed, value)
        if error is None:
            raise UsageError("argument --%s: %s" % (name, message))
        raise error(message)


def check_train_settings(settings):
    """Refuse bad settings before training, naming the flag: check_settings's message,
    word for word, after "argument --flag: "."""
    try:
        check_settings(**settings)
    except ValueError as error:
        raise UsageError("argument %s: %s" % (_flag_for(str(error)), error))


def run_train(args):
    settings = settings_from(args)
    check_train_settings(settings)
    # Everything that will be written is checked before training, not after it.
    if args.save is not None:
        _check_can_write(args.save, "--save")
        _check_savable(settings)
    if args.plot is not None:
        _check_can_write(args.plot, "--plot", ".svg", models=[("--save", args.save)])
        if settings["iterations"] == 0:
            raise UsageError("argument --plot: nothing to plot after 0 iterations")
    try:
        model, errors = _train_watched(settings, keep_errors=args.plot is not None)
    except (Breakdown, OutputError, KeyboardInterrupt) as error:
        raise type(error)(str(error) + _not_written(args))
    written, failures = [], []
    if args.save is not None:
        try:
            model.save(args.save)
            written.append("saved the model to %s" % args.save)
        except ModelFileError as error:
            failures.append(str(error))
    if args.plot is not None:
        try:
            write_atomically(args.plot, error_curve_svg(errors, model.settings))
            written.append("drew the error curve in %s" % args.plot)
        except OSError as error:
            failures.append("cannot write picture '%s': %s" % (args.plot, _reason(error)))
    if failures:  # one line: what failed, then what was written all the same
        raise Failure("; ".join(failures + written))
    # Say what happened: on stderr, so that stdout stays the training log.
    if settings["print_every"] >= settings["iterations"] > 1:
        _say("the run is shorter than --print-every %d, so the last checkpoint printed is "
             "iteration %d's" % (settings["print_every"], settings["iterations"] - 1))
    for note in written:
        _say(note)
    return 0


def _check_savable(settings):
    """What --save will write must be a model file load accepts: refuse it now, not after training."""
    if settings["bits"] > MAX_BITS:
        raise UsageError("argument --bits: bits must be at most %d to --save the model (a model file "
                         "holds at most %d bits), got %d" % (MAX_BITS, MAX_BITS, settings["bits"]))


def _not_written(args):
    """What a training run that stopped early did not write, for the end of its message
    ("; the model was not saved"), or ""."""
    lost = [what for what, flag in (("the model was not saved", args.save),
                                    ("the error curve was not drawn", args.plot)) if flag is not None]
    return "".join("; " + what for what in lost)


class Breakdown(Failure):
    """Training's error became nan: the weights overflowed, and every later step would be nan too."""


def run_article(args):
    settings = settings_from(args)
    check_train_settings(settings)
    out = _CheckpointOutput()
    try:
        article.run(out=out, **settings)
    except ValueError:
        # With its settings checked, the article's program raises ValueError
        # only at round(nan), just after adding the nan output's error to
        # overallError: the weighted sums overflowed, and train's Breakdown
        # says so in the same words (article.py stays as the article wrote it).
        raise Breakdown("training broke down %s: overallError is nan (the weighted sums overflowed)"
                        % out.breakdown_iterations(settings))
    return 0


class _CheckpointOutput:
    """Standard output for the article edition, which writes its checkpoints itself:
    each is flushed at once, so a full disk or a closed pipe stops the run with
    one line (OutputError) instead of going unnoticed until the end.  It counts
    them, which is all the CLI can know of how far the run got."""

    def __init__(self):
        self.checkpoints = 0

    def write(self, text):
        _write(sys.stdout, text)
        _flush_stdout()
        self.checkpoints += 1

    def breakdown_iterations(self, settings):
        """Where a run that stopped at a nan must have stopped, in words: after the last
        checkpoint written and no later than the next one (the nan stops the
        program before that iteration's checkpoint is written)."""
        every, count = settings["print_every"], self.checkpoints
        if count == 0:
            return "at iteration 0"
        first, last = (count - 1) * every + 1, min(count * every, settings["iterations"] - 1)
        if first == last:
            return "at iteration %d" % first
        return "between iterations %d and %d" % (first, last)


def _train_watched(settings, keep_errors):
    """Train as minirnn.train does, printing the same checkpoints to stdout.

    Returns (model, errors): errors lists every iteration's overallError
    when keep_errors, else is None.  When stdout is a terminal, a progress
    line is shown below the checkpoints, erased before each one and at the
    end; anywhere else stdout gets the checkpoints and nothing more.  A run
    shorter than one checkpoint interval also prints its last iteration's
    checkpoint (else only the untrained iteration 0 would be seen).  Raises
    Breakdown at the first iteration whose error is nan (once it is nan, the
    output layer's weights are nan, and so is every later error), and
    OutputError if stdout cannot be written.
    """
    settings = dict(settings)
    print_every = settings.pop("print_every")
    last = settings["iterations"] - 1 if settings["iterations"] <= print_every else None
    out = sys.stdout
    progress = for_terminal(out, settings["iterations"], width=_terminal_width)
    errors = [] if keep_errors else None
    model = None
    try:
        for step in train_steps(**settings):
            if step.overallError != step.overallError:
                raise Breakdown("training broke down at iteration %d: overallError is nan "
                                "(the weighted sums overflowed)" % step.iteration)
            if keep_errors:
                errors.append(step.overallError)
            if step.iteration % print_every == 0 or step.iteration == last:
                if progress:
                    _guarded(progress.clear)
                _print(format_checkpoint(step), flush=True)  # a full disk is found at once
            if progress:
                _guarded(progress.update, step.iteration, step.overallError)
            model = step.model
    finally:
        if progress:
            try:
                progress.clear()  # also on Ctrl-C, so the message after it starts a clean line
            except (OSError, ValueError):
                pass
    if model is None:  # 0 iterations: the untrained network, as train() returns it
        model = train(print_every=None, **settings)
    return model, errors


def _terminal_width():
    return shutil.get_terminal_size().columns


# Files


def _check_can_write(path, flag, suffix=None, models=()):
    """Refuse, before any work, a path the command could not write or should not replace.

    Only a regular file, or a symbolic link to one (its target is then
    written), is ever replaced.  models lists (flag, path) pairs naming the
    model files the command reads or saves, which path must not be.  What
    cannot be known now (the disk filling up, the folder changing meanwhile)
    is reported when the file is written.
    """
    if not path:
        raise UsageError("argument %s: the file name is empty" % flag)
    if suffix is not None and not path.lower().endswith(suffix):
        raise UsageError("argument %s: the picture is SVG, so the file name must end in %s: %s"
                         % (flag, suffix, _path(path)))
    try:
        target, _ = writable_target(path)
    except OSError as error:
        if error.errno == errno.EISDIR:  # writable_target's answer for a folder
            raise UsageError("argument %s: %s is a directory" % (flag, _path(path)))
        raise UsageError("argument %s: cannot write %s: %s" % (flag, _path(path), _reason(error)))
    folder = os.path.dirname(target) or "."
    if not os.path.exists(folder):
        raise UsageError("argument %s: no such folder: %s" % (flag, _path(folder)))
    if not os.path.isdir(folder):
        raise UsageError("argument %s: %s is not a folder" % (flag, _path(folder)))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError("argument %s: cannot write in folder %s" % (flag, _path(folder)))
    _check_name_length(flag, target, folder)
    for model_flag, model in models:
        if model is not None and _same_file(path, model):
            raise UsageError("argument %s: the same file as %s; it would replace the model"
                             % (flag, model_flag))


def _check_name_length(flag, target, folder):
    # The file is written under a temporary name first, which is longer.
    temporary = os.fsencode("%s.%d.tmp" % (target, os.getpid()))
    name_max, path_max = 255, 4096
    try:
        name_max = os.pathconf(folder, "PC_NAME_MAX")
        path_max = os.pathconf(folder, "PC_PATH_MAX")
    except (AttributeError, ValueError, OSError):  # not POSIX: keep the usual limits
        pass
    name = os.path.basename(temporary)
    if len(name) > name_max:
        raise UsageError("argument %s: the file name is too long: with the temporary suffix it has "
                         "%d bytes, and the folder allows %d" % (flag, len(name), name_max))
    if len(temporary) >= path_max:
        raise UsageError("argument %s: the path is too long: with the temporary suffix it has %d "
                         "bytes, and the system allows %d" % (flag, len(temporary), path_max - 1))


def _same_file(path, other):
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def _write_file(path, text, what):
    """Write a file atomically; returns the exit status (1, with one line, if it failed)."""
    try:
        write_atomically(path, text)
    except OSError as error:
        return _fail("cannot write %s '%s': %s" % (what, path, _reason(error)))
    return 0


def _write_svg(path, text):
    """Write a picture atomically; returns the exit status (1, with one line, if it failed)."""
    return _write_file(path, text, "picture")


def _reason(error):
    return error.strerror or str(error)


# Output


def _print(text, flush=False):
    """Write a line to standard output; raises OutputError if it cannot be written.

    Characters the stream's encoding lacks (say, a non-ASCII file name
    with PYTHONIOENCODING=ascii) are written as backslash escapes.
    """
    _write(sys.stdout, text + "\n")
    if flush:
        _flush_stdout()


def _flush_stdout():
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError) as error:
        raise OutputError("cannot write to standard output: %s" % _output_reason(error))


def _guarded(function, *args):
    """Call function (which writes to standard output), raising OutputError if that fails."""
    try:
        function(*args)
    except (OSError, ValueError) as error:
        raise OutputError("cannot write to standard output: %s" % _output_reason(error))


def _write(stream, text):
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    except (OSError, ValueError, AttributeError) as error:
        raise OutputError("cannot write to standard output: %s" % _output_reason(error))


def _output_reason(error):
    if sys.stdout is None or isinstance(error, AttributeError):
        return "it is closed"
    if isinstance(error, ValueError):
        return "it is closed"
    return _reason(error)


def _say(text):
    """One line on standard error, "minirnn: " first.  If standard error cannot be
    written (closed, full), the line is lost but nothing else changes: the exit
    status still tells what happened."""
    try:
        _write(sys.stderr, "minirnn: %s\n" % text)
        sys.stderr.flush()
    except (OutputError, OSError, ValueError, AttributeError):
        pass


def _fail(error):
    """Report a command that could not finish: one line, exit status 1."""
    _say("error: %s" % error)
    return 1


# Reading models


def _load(path):
    try:
        return load(path)
    except ModelFileError as error:
        raise UsageError("argument --model: %s" % error)


def _operands_error(error):
    """The API's message about operands, naming the operand as every refusal does."""
    message = str(error)
    name = message.split(" ", 1)[0]
    if name in ("a", "b") and message.split(" ", 2)[1] in ("is", "must"):
        return UsageError("argument %s: %s" % (name.upper(), message))
    return UsageError(message)


def run_predict(args):
    model = _load(args.model)
    task = task_of(model)
    try:
        answer = model.predict(args.a, args.b)
    except ValueError as error:
        raise _operands_error(error)
    line = "%d %s %d = %d" % (args.a, OPERATORS[task], args.b, answer)
    if answer != true_answer(task, args.a, args.b):
        line += "  (wrong: the answer is %d)" % true_answer(task, args.a, args.b)
    _print(line)
    return 0


def run_eval(args):
    _check_whole("samples", args.samples, 1, None)
    _check_whole("seed", args.seed, 0, 2 ** 32 - 1)
    model = _load(args.model)
    _print(describe_model(args.model, model))
    widths = args.bits or [bits_of(model)]
    if len(widths) == 1:
        _print(format_result(_measure_watched(model, widths[0], args.samples, args.seed)))
        return 0
    _print(TABLE_HEADER)
    for bits in widths:
        # a wide row can take a while: show each as it is done
        _print(format_row(_measure_watched(model, bits, args.samples, args.seed)), flush=True)
    return 0


def _measure_watched(model, bits, samples, seed):
    """measure(), with a progress line on a terminal once it has taken a second."""
    shown = []

    def progress(checked, total):
        if not shown:
            shown.append(for_terminal(sys.stdout, total, width=_terminal_width, noun="pair",
                                      rate="pairs/s", delay=1.0))
        if shown[0]:
            _guarded(shown[0].update, checked - 1)

    try:
        return measure(model, bits, samples, seed, progress=progress)
    finally:
        if shown and shown[0]:
            try:
                shown[0].clear()
            except (OSError, ValueError):
                pass


def describe_model(path, model):
    """One line on what a model file holds: its task, width, cell, size and training."""
    settings = model.settings
    text = "model %s: %s, trained on %d-bit answers, %s cell, %s" % (
        path, TASK_NAMES[task_of(model)], bits_of(model), model.cell_name,
        plural(model.hidden_dim, "hidden unit"))
    if "iterations" in settings and "seed" in settings:
        text += ", %s with seed %d" % (plural(settings["iterations"], "iteration"), settings["seed"])
    return text


def _add_show_parser(commands, error):
    show_parser = _model_command(
        commands, error, "show", help="show a saved model's hidden layer working out A + B",
        description="Run a saved model on A + B (A - B for a subtraction model) and show what "
                    "each hidden unit holds after each bit (for an LSTM, also its cell state), "
                    "beside the bits read, the true carry "
                    "and the answer: as shaded text on the terminal, or as an SVG picture with "
                    "--svg. Columns are bit positions, the ones bit first, the order the network "
                    "reads them. A and B have at most 128 bits.",
        operands=True)
    show_parser.add_argument("--svg", metavar="PATH.svg",
                             help="draw the picture in this SVG file instead of on the terminal")


def run_show(args):
    if args.svg is not None:
        _check_can_write(args.svg, "--svg", ".svg", models=[("--model", args.model)])
    model = _load(args.model)
    try:
        trace = SumTrace(model, args.a, args.b)  # checks the operands
    except ValueError as error:
        raise _operands_error(error)
    if args.svg is None:
        _print(hidden_heatmap_text(model, args.a, args.b, _shades_for(sys.stdout)))
        return 0
    # The file name goes into the picture, which is UTF-8: a name that is not
    # (undecodable bytes) is shown with backslash escapes.
    label = os.path.basename(args.model).encode("utf-8", "backslashreplace").decode("utf-8")
    status = _write_svg(args.svg, hidden_heatmap_svg(model, args.a, args.b, label=label))
    if status == 0:
        _print("%s; drawn in %s" % (trace.headline(), args.svg))
    return status


def _shades_for(stream):
    """Block characters for the shading, or plain ASCII where the terminal's encoding lacks them."""
    try:
        "".join(SHADES).encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeError, LookupError):
        return ASCII_SHADES
    return SHADES


# Running a command


def _command_first(argv, commands, flags_with_values):
    """argv with the command moved to the front if flags came before it (--bits 4 train),
    or "train" put there if there is no command (the article's run)."""
    if argv and (argv[0] in commands or argv[0] in ("-h", "--help", "--version")):
        return argv
    i, flags = 0, []
    while i < len(argv):
        word = argv[i]
        if word == "--":
            break
        if word in commands:
            for flag in flags:
                if flag not in commands[word]._option_string_actions:
                    raise UsageError("argument %s: not a flag of the %s command" % (flag, word))
            return [word] + argv[:i] + argv[i + 1:]
        if not word.startswith("-"):
            return argv  # an unknown command, or an operand: reported as it stands
        flags.append(word.split("=", 1)[0])
        i += 2 if word in flags_with_values else 1
    return ["train"] + argv


def _flags_with_values(commands):
    flags = set()
    for command in commands.values():
        for flag, action in command._option_string_actions.items():
            if action.nargs != 0:
                flags.add(flag)
    return flags


def _hold_closed_descriptors():
    """Open /dev/null on standard input, output or error if one is closed, so that no
    file this command opens (say, the model being written) takes its number and
    receives what is meant for it.  sys.stdout stays None: see main."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                os.open(os.devnull, os.O_RDWR)  # takes the lowest free number: this one
            except OSError:
                return


def _stdout_to_devnull():
    """After standard output failed, point it at /dev/null so that Python's last flush
    on the way out does not fail again with a traceback-like complaint."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


# Flags of train that the article edition lacks, and why.
_NOT_ARTICLE_FLAGS = {
    "--save": "it keeps no model; train runs the same training faster and --save keeps it",
    "--plot": "it draws nothing; train runs the same training faster and --plot draws it",
    "--cell": "it is the article's network; train --cell trains an LSTM or a GRU",
}


def _unrecognized(extra, command):
    """The refusal of words no flag or operand of command took: a flag is named as every
    refusal names one (argparse would say "unrecognized arguments: ...")."""
    word = extra[0]
    flag = word.split("=", 1)[0]
    if not word.startswith("-") or word in ("-", "--") or _looks_negative(word) or command is None:
        text = " ".join(extra)
        shown = text if len(text) <= 42 else text[:30] + "...(%d characters)" % len(text)
        return UsageError("unrecognized arguments: %s" % shown)
    message = "argument %s: not a flag of the %s command" % (flag, command)
    if command == "article" and flag in _NOT_ARTICLE_FLAGS:
        message += ": " + _NOT_ARTICLE_FLAGS[flag]
    return UsageError(message)


def _looks_negative(word):
    """A negative number, which argparse takes for an operand, not a flag."""
    try:
        float(word)
    except ValueError:
        return False
    return True


def _run(argv):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    argv = _command_first(argv, commands, _flags_with_values(commands))
    if argv[0] not in commands and not argv[0].startswith("-"):
        raise UsageError("unknown command %s (choose from %s)" % (_value(argv[0]), ", ".join(commands)))
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit as done:  # --help, --version
        return done.code or 0
    if extra:
        raise _unrecognized(extra, args.command)
    if sys.stdout is None:
        # Closed before minirnn started (>&-): Python has no stream for it.
        raise OutputError("cannot write to standard output: it is closed")
    return COMMANDS[args.command](args)


def main(argv=None):
    """Run the command line; returns the exit status.

    0: done.  1: the command could not finish: a file could not be written,
    training broke down, or standard output could not be written.  2: bad
    input, refused before any work.  130: interrupted (Ctrl-C).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    _hold_closed_descriptors()
    try:
        status = _run(argv)
    except UsageError as error:
        _say("error: %s" % error)
        status = 2
    except Failure as error:
        if isinstance(error, OutputError):
            _stdout_to_devnull()
        _say("error: %s" % error)
        status = 1
    except KeyboardInterrupt as error:
        _say("interrupted" + str(error))  # train adds what it did not write
        status = 130
    return _flushed(status)


def _flushed(status):
    """Flush standard output (a full disk may only show here); the exit status after it."""
    if sys.stdout is None:
        return status
    try:
        _flush_stdout()
    except OutputError as error:
        _stdout_to_devnull()
        if status == 0:
            _say("error: %s" % error)
            return 1
    return status


# What each command runs: a function of the parsed arguments returning the exit status.
COMMANDS = {"train": run_train, "article": run_article, "predict": run_predict, "eval": run_eval, "show": run_show}


def main_exit():
    """Entry point of the installed ``minirnn`` command."""
    sys.exit(main())
