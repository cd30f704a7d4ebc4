"""Time of 10,000 training iterations of each cell at hidden 16 (the article's run).

Runs the cells in turn, round after round, and prints each cell's median
wall time and CPU time and its ratio to the RNN's, so that a busy machine
slows all of them alike (CPU time moves far less than wall time on a
shared machine):

    python3 benchmarks/cells_speed.py --rounds 5
    pypy3 benchmarks/cells_speed.py --rounds 5
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from minirnn import train_steps  # noqa: E402
from minirnn.cells import NAMES  # noqa: E402


def train_seconds(cell, iterations, hidden):
    """(wall, cpu) seconds of one training run with the article's other settings."""
    started, started_cpu = time.perf_counter(), time.process_time()
    for _ in train_steps(cell=cell, hidden=hidden, iterations=iterations, alpha=0.1, seed=0,
                         init_scale=1.0, h0=0.0):
        pass
    return time.perf_counter() - started, time.process_time() - started_cpu


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--cells", default=",".join(NAMES))
    args = parser.parse_args()
    cells = args.cells.split(",")
    times = dict((cell, []) for cell in cells)
    for _ in range(args.rounds):
        for cell in cells:
            times[cell].append(train_seconds(cell, args.iterations, args.hidden))
    print("%s %s, %d iterations at hidden %d, median of %d rounds" % (
        sys.implementation.name, sys.version.split()[0], args.iterations, args.hidden, args.rounds))
    for cell in cells:
        wall = median([w for w, _ in times[cell]])
        cpu = median([c for _, c in times[cell]])
        ratio = ""
        if "rnn" in times:
            ratio = "  (%.2fx / %.2fx the rnn)" % (wall / median([w for w, _ in times["rnn"]]),
                                                   cpu / median([c for _, c in times["rnn"]]))
        print("%-5s wall %7.2f s  cpu %7.2f s%s" % (cell, wall, cpu, ratio))


if __name__ == "__main__":
    main()
