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
"""

import argparse
import os
import shutil
import sys

from . import __version__, article
from .data import OPERATORS
from .evaluate import (DEFAULT_SAMPLES, MAX_BITS, TABLE_HEADER, TASK_NAMES, bits_of, format_result,
                       format_row, measure, task_of, true_answer)
from .model_file import ModelFileError, load, write_atomically
from .plots import (ASCII_SHADES, SHADES, SumTrace, error_curve_svg, hidden_heatmap_svg,
                    hidden_heatmap_text)
from .progress import for_terminal
from .training import PRESETS, check_settings, format_checkpoint, train, train_steps


class UsageError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block before an error; one line is enough.
    def error(self, message):
        raise UsageError(message)


def _number(text):
    # nan and inf are read here and refused by check_settings, so the message
    # is the API's, word for word.
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text)


def _whole_number(text):
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a whole number: %r" % text)


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
    train_parser.error = parser.error
    _add_settings_flags(train_parser)
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


def _add_settings_flags(command):
    """--preset and the settings flags of TRAIN_FLAGS, shared by train and article."""
    command.add_argument("--preset", choices=sorted(PRESETS), default="article",
                         help="start from a published run's settings (default: article)")
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
        command.add_argument("a", metavar="A", type=_operand, help="first operand")
        command.add_argument("b", metavar="B", type=_operand, help="second operand")
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


def _operand(text):
    try:
        return int(text)
    except ValueError:
        if text.strip().lstrip("+-").isdigit():  # digits, but too many for int() to read
            raise argparse.ArgumentTypeError("too large: numbers of at most %d bits are accepted"
                                             % MAX_BITS)
        raise argparse.ArgumentTypeError("not a whole number: %r" % text)


def _widths(text):
    widths = []
    for part in text.split(","):
        try:
            bits = int(part)
        except ValueError:
            raise argparse.ArgumentTypeError("not a bit width or a comma-separated list of them: %r"
                                             % text)
        if not 1 <= bits <= MAX_BITS:
            raise argparse.ArgumentTypeError("bit widths must be from 1 to %d, got %d" % (MAX_BITS, bits))
        widths.append(bits)
    return widths


def settings_from(args):
    """The preset's settings with every flag the user gave laid over them."""
    settings = dict(PRESETS[args.preset])
    for _, dest, _, _ in TRAIN_FLAGS:
        value = getattr(args, dest)
        if value is not None:
            settings[dest] = value
    return settings


def _flag_for(message):
    """The flag a settings error is about, from the setting's name at its start."""
    name = message.split(" ", 1)[0]
    return "--" + name.replace("_", "-")


def run_train(args):
    settings = settings_from(args)
    try:
        check_settings(**settings)
    except ValueError as error:
        raise UsageError("argument %s: %s" % (_flag_for(str(error)), error))
    if args.save is not None:
        _check_can_write(args.save)  # before training, not after it
    if args.plot is not None:
        _check_can_write(args.plot, "--plot", ".svg")
        if settings["iterations"] == 0:
            raise UsageError("argument --plot: nothing to plot after 0 iterations")
        if args.save is not None and os.path.abspath(args.save) == os.path.abspath(args.plot):
            raise UsageError("argument --plot: the same file as --save; the picture would replace "
                             "the model")
    model, errors = _train_watched(settings, keep_errors=args.plot is not None)
    status = 0
    if args.save is not None:
        try:
            model.save(args.save)
        except ModelFileError as error:
            status = _fail(error)
    if args.plot is not None:
        status = _write_svg(args.plot, error_curve_svg(errors, model.settings)) or status
    return status


def run_article(args):
    settings = settings_from(args)
    try:
        check_settings(**settings)
    except ValueError as error:
        raise UsageError("argument %s: %s" % (_flag_for(str(error)), error))
    article.run(out=sys.stdout, **settings)
    return 0


def _train_watched(settings, keep_errors):
    """Train as minirnn.train does, printing the same checkpoints to stdout.

    Returns (model, errors): errors lists every iteration's overallError
    when keep_errors, else is None.  When stdout is a terminal, a progress
    line is shown below the checkpoints, erased before each one and at the
    end; anywhere else stdout gets the checkpoints and nothing more.
    """
    settings = dict(settings)
    print_every = settings.pop("print_every")
    out = sys.stdout
    progress = for_terminal(out, settings["iterations"], width=shutil.get_terminal_size().columns)
    errors = [] if keep_errors else None
    model = None
    try:
        for step in train_steps(**settings):
            if keep_errors:
                errors.append(step.overallError)
            if step.iteration % print_every == 0:
                if progress:
                    progress.clear()
                out.write(format_checkpoint(step) + "\n")
            if progress:
                progress.update(step.iteration, step.overallError)
            model = step.model
    finally:
        if progress:
            progress.clear()  # also on Ctrl-C, so the message after it starts a clean line
    if model is None:  # 0 iterations: the untrained network, as train() returns it
        model = train(print_every=None, **settings)
    return model, errors


def _check_can_write(path, flag="--save", suffix=None):
    if not path:
        raise UsageError("argument %s: the file name is empty" % flag)
    if suffix is not None and not path.lower().endswith(suffix):
        raise UsageError("argument %s: the picture is SVG, so the file name must end in %s: %r"
                         % (flag, suffix, path))
    if os.path.isdir(path):
        raise UsageError("argument %s: %r is a directory" % (flag, path))
    folder = os.path.dirname(path) or "."
    if not os.path.exists(folder):
        raise UsageError("argument %s: no such folder: %r" % (flag, folder))
    if not os.path.isdir(folder):
        raise UsageError("argument %s: %r is not a folder" % (flag, folder))
    if not os.access(folder, os.W_OK):
        raise UsageError("argument %s: cannot write in folder %r" % (flag, folder))


def _write_svg(path, text):
    """Write a picture atomically; returns the exit status (1, with one line, if it failed)."""
    try:
        write_atomically(path, text)
    except OSError as error:
        return _fail("cannot write picture '%s': %s" % (path, error.strerror or error))
    return 0


def _fail(error):
    """Report a command that could not finish: one line, exit status 1."""
    sys.stderr.write("minirnn: error: %s\n" % error)
    return 1


def _load(path):
    try:
        return load(path)
    except ModelFileError as error:
        raise UsageError(error)


def run_predict(args):
    model = _load(args.model)
    task = task_of(model)
    try:
        answer = model.predict(args.a, args.b)
    except ValueError as error:
        raise UsageError(error)
    line = "%d %s %d = %d" % (args.a, OPERATORS[task], args.b, answer)
    if answer != true_answer(task, args.a, args.b):
        line += "  (wrong: the answer is %d)" % true_answer(task, args.a, args.b)
    print(line)
    return 0


def run_eval(args):
    for name, value, low, high in (("samples", args.samples, 1, None),
                                   ("seed", args.seed, 0, 2 ** 32 - 1)):
        if value < low or (high is not None and value > high):
            allowed = ">= %d" % low if high is None else "from %d to %d" % (low, high)
            raise UsageError("argument --%s: must be %s, got %d" % (name, allowed, value))
    model = _load(args.model)
    print(describe_model(args.model, model))
    widths = args.bits or [bits_of(model)]
    if len(widths) == 1:
        print(format_result(measure(model, widths[0], args.samples, args.seed)))
        return 0
    print(TABLE_HEADER)
    for bits in widths:
        print(format_row(measure(model, bits, args.samples, args.seed)))
        sys.stdout.flush()  # a wide row can take a while: show each as it is done
    return 0


def describe_model(path, model):
    """One line on what a model file holds: its task, width, size and training."""
    settings = model.settings
    text = "model %s: %s, trained on %d-bit answers, %d hidden units" % (
        path, TASK_NAMES[task_of(model)], bits_of(model), model.hidden_dim)
    if "iterations" in settings and "seed" in settings:
        text += ", %d iterations with seed %d" % (settings["iterations"], settings["seed"])
    return text


def _add_show_parser(commands, error):
    show_parser = _model_command(
        commands, error, "show", help="show a saved model's hidden layer working out A + B",
        description="Run a saved model on A + B (A - B for a subtraction model) and show what "
                    "each hidden unit holds after each bit, beside the bits read, the true carry "
                    "and the answer: as shaded text on the terminal, or as an SVG picture with "
                    "--svg. Columns are bit positions, the ones bit first, the order the network "
                    "reads them. A and B have at most 128 bits.",
        operands=True)
    show_parser.add_argument("--svg", metavar="PATH.svg",
                             help="draw the picture in this SVG file instead of on the terminal")


def run_show(args):
    if args.svg is not None:
        _check_can_write(args.svg, "--svg", ".svg")
    model = _load(args.model)
    try:
        trace = SumTrace(model, args.a, args.b)  # checks the operands
    except ValueError as error:
        raise UsageError(error)
    if args.svg is None:
        print(hidden_heatmap_text(model, args.a, args.b, _shades_for(sys.stdout)))
        return 0
    status = _write_svg(args.svg, hidden_heatmap_svg(model, args.a, args.b,
                                                     label=os.path.basename(args.model)))
    if status == 0:
        print("%s; drawn in %s" % (trace.headline(), args.svg))
    return status


def _shades_for(stream):
    """Block characters for the shading, or plain ASCII where the terminal's encoding lacks them."""
    try:
        "".join(SHADES).encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeError, LookupError):
        return ASCII_SHADES
    return SHADES


def main(argv=None):
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["train"] + argv  # no command: the article's training, with any flags given
    try:
        if argv[0] not in commands and not argv[0].startswith("-"):
            raise UsageError("unknown command %r (choose from %s)" % (argv[0], ", ".join(commands)))
        args = parser.parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as error:
        sys.stderr.write("minirnn: error: %s\n" % error)
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("minirnn: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (as with | head): stop quietly, and keep Python
        # from complaining when it flushes stdout on the way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


# What each command runs: a function of the parsed arguments returning the exit status.
COMMANDS = {"train": run_train, "article": run_article, "predict": run_predict, "eval": run_eval, "show": run_show}


def main_exit():
    """Entry point of the installed ``minirnn`` command."""
    sys.exit(main())
