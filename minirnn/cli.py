"""The command line: ``python -m minirnn [train] [flags]``.

With no arguments it runs the article's training and prints its log.  This
is the only module that uses argparse; everything else also runs on
MicroPython.
"""

import argparse
import math
import os
import sys

from . import __version__
from .training import PRESETS, check_settings, train


class UsageError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block before an error; one line is enough.
    def error(self, message):
        raise UsageError(message)


def _finite_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a number: %r" % text)
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError("must be a finite number, got %r" % text)
    return value


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
    ("--alpha", "alpha", _finite_float, "learning rate (article: 0.1)"),
    ("--iterations", "iterations", _whole_number, "training iterations (article: 10000)"),
    ("--seed", "seed", _whole_number, "random seed, 0 to 2**32-1 (article: 0)"),
    ("--init-scale", "init_scale", _finite_float, "starting weights are uniform in +-this (article: 1)"),
    ("--h0", "h0", _finite_float, "starting value of every hidden unit (article: 0)"),
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
    train_parser.add_argument("--preset", choices=sorted(PRESETS), default="article",
                              help="start from a published run's settings (default: article)")
    for flag, dest, kind, text in TRAIN_FLAGS:
        metavar = "N" if kind is _whole_number else "X" if kind is _finite_float else "{add,sub}"
        train_parser.add_argument(flag, dest=dest, type=kind, default=None, metavar=metavar, help=text)
    return parser


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
    train(**settings)
    return 0


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
COMMANDS = {"train": run_train}


def main_exit():
    """Entry point of the installed ``minirnn`` command."""
    sys.exit(main())
