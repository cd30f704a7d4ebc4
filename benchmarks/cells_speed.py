"""Wall time of 10,000 training iterations of each cell at hidden 16 (the article's run).

Runs the cells in turn, round after round, and prints each cell's median
and its ratio to the RNN's, so that a busy machine slows all of them alike:

    python3 benchmarks/cells_speed.py --rounds 5
    pypy3 benchmarks/cells_speed.py --rounds 5
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from minirnn import training  # noqa: E402
from minirnn.gru import GRU  # noqa: E402
from minirnn.lstm import LSTM  # noqa: E402
from minirnn.numpy_random import RandomState  # noqa: E402
from minirnn.rnn import RNN  # noqa: E402

CELLS = {"rnn": RNN, "lstm": LSTM, "gru": GRU}


def train_seconds(cell, iterations, hidden):
    settings = training._settings("add", 8, hidden, 0.1, iterations, 0, 1.0, 0.0)
    started = time.perf_counter()
    rng = RandomState(0)
    model = CELLS[cell].random(rng, hidden, 1.0, 0.0)
    for step in training._steps(settings, rng, model):
        pass
    return time.perf_counter() - started


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--cells", default=",".join(CELLS))
    args = parser.parse_args()
    cells = args.cells.split(",")
    times = dict((cell, []) for cell in cells)
    for _ in range(args.rounds):
        for cell in cells:
            times[cell].append(train_seconds(cell, args.iterations, args.hidden))
    print("%s %s, %d iterations at hidden %d, median of %d rounds" % (
        sys.implementation.name, sys.version.split()[0], args.iterations, args.hidden, args.rounds))
    for cell in cells:
        ratio = ("  %.2fx the rnn" % (median(times[cell]) / median(times["rnn"]))) if "rnn" in times else ""
        print("%-5s %7.2f s%s   (runs: %s)" % (cell, median(times[cell]), ratio,
                                              " ".join("%.2f" % t for t in times[cell])))


if __name__ == "__main__":
    main()
