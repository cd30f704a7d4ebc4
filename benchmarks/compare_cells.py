"""Train the RNN, the LSTM and the GRU on 8-bit addition across widths and seeds, and compare.

Every run uses the same settings (alpha 0.1, init scale 1, h0 0, 10,000
iterations, the article's seeded problems) and records:
- solved: whether, after training, the network adds all 16,384 pairs of
  7-bit numbers right (every bit of every 8-bit sum);
- first_200: the iteration at which it had first answered 200 training
  problems in a row right (None if it never did).

It is CPU-heavy (180 runs); PyPy runs it several times faster than CPython.
Results go to a file, one JSON line per run, as they finish, and a run
already in the file is not repeated, so it can be stopped and resumed, or
run in chunks with --budget:

    nice -n 10 pypy3 benchmarks/compare_cells.py --budget 480     # again until done
    python3 benchmarks/compare_cells.py --table                    # the table

--seeds N runs seeds 0 to N-1 (10 by default) and tables only those.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from minirnn import training  # noqa: E402
from minirnn.data import int2binary  # noqa: E402
from minirnn.gru import GRU  # noqa: E402
from minirnn.lstm import LSTM  # noqa: E402
from minirnn.numpy_random import RandomState  # noqa: E402
from minirnn.rnn import RNN  # noqa: E402

CELLS = {"rnn": RNN, "lstm": LSTM, "gru": GRU}
HIDDEN = (1, 2, 3, 4, 8, 16)
SEEDS = range(10)
SETTINGS = {"task": "add", "bits": 8, "alpha": 0.1, "iterations": 10000, "init_scale": 1.0, "h0": 0.0}
RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compare_cells.jsonl")
IN_A_ROW = 200


def solves_all_pairs(model, bits=8):
    """True if the model adds every pair of numbers below 2**(bits-1) right."""
    half = 2 ** (bits - 1)
    operands = [int2binary(number, bits) for number in range(half)]
    for a_int in range(half):
        for b_int in range(half):
            if model.feed(operands[a_int], operands[b_int])[0] != int2binary(a_int + b_int, bits):
                return False
    return True


def run(cell, hidden, seed, iterations=SETTINGS["iterations"]):
    settings = training._settings(SETTINGS["task"], SETTINGS["bits"], hidden, SETTINGS["alpha"],
                                  iterations, seed, SETTINGS["init_scale"], SETTINGS["h0"])
    started = time.time()
    rng = RandomState(seed)
    model = CELLS[cell].random(rng, hidden, SETTINGS["init_scale"], SETTINGS["h0"])
    in_a_row, first_200 = 0, None
    for step in training._steps(settings, rng, model):
        in_a_row = in_a_row + 1 if step.correct else 0
        if in_a_row == IN_A_ROW and first_200 is None:
            first_200 = step.iteration
    seconds = time.time() - started
    return {"cell": cell, "hidden": hidden, "seed": seed, "iterations": iterations,
            "solved": solves_all_pairs(model), "first_200": first_200,
            "train_seconds": round(seconds, 2), "python": sys.implementation.name}


def read_results(path):
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def format_table(results):
    """A markdown table: per cell and width, runs solved and the median first-200 iteration."""
    lines = ["| hidden | " + " | ".join("%s solved | %s median first 200 in a row" % (cell.upper(), cell.upper())
                                        for cell in CELLS) + " |",
             "|---:|" + "---:|---:|" * len(CELLS)]
    for hidden in HIDDEN:
        cells = []
        for cell in CELLS:
            runs = [r for r in results if r["cell"] == cell and r["hidden"] == hidden]
            if not runs:
                cells += ["", ""]
                continue
            solved = sum(r["solved"] for r in runs)
            # A run that never got 200 in a row counts as later than any that did.
            firsts = [r["first_200"] if r["first_200"] is not None else float("inf") for r in runs]
            middle = median(firsts)
            cells.append("%d/%d" % (solved, len(runs)))
            cells.append("never" if middle == float("inf") else "{:,}".format(int(middle)))
        lines.append("| %d | %s |" % (hidden, " | ".join(cells)))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=RESULTS, help="results file (JSON lines)")
    parser.add_argument("--budget", type=float, default=None,
                        help="start no new run after this many seconds")
    parser.add_argument("--cells", default=",".join(CELLS))
    parser.add_argument("--hidden", default=",".join(map(str, HIDDEN)))
    parser.add_argument("--seeds", type=int, default=len(SEEDS))
    parser.add_argument("--table", action="store_true", help="print the table and stop")
    args = parser.parse_args()
    if args.table:
        print(format_table([r for r in read_results(args.out) if r["seed"] < args.seeds]))
        return
    done = set((r["cell"], r["hidden"], r["seed"]) for r in read_results(args.out))
    started = time.time()
    todo = [(cell, hidden, seed) for seed in range(args.seeds) for hidden in map(int, args.hidden.split(","))
            for cell in args.cells.split(",") if (cell, hidden, seed) not in done]
    for cell, hidden, seed in todo:
        if args.budget is not None and time.time() - started > args.budget:
            print("budget spent: %d runs left" % (len(todo) - len(done)))
            sys.exit(3)
        result = run(cell, hidden, seed)
        with open(args.out, "a") as handle:
            handle.write(json.dumps(result, sort_keys=True) + "\n")
        done.add((cell, hidden, seed))
        print(json.dumps(result, sort_keys=True), flush=True)
    print("all runs done")


if __name__ == "__main__":
    main()
