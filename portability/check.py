"""Compare a training log with the published one, checkpoint by checkpoint.

    python3 portability/check.py PRESET [LOG]

reads the log minirnn printed (from the file LOG, or stdin), and says
whether every checkpoint is the published one, or which one differs and
how.  Exit status 0 if the logs match, 1 if not.

The published logs are the ones in tests/golden/, transcribed from the
source documents in minirnn's own format ("Error:[3.45638663]"):

- article: the article's addition run, 10,000 iterations, 10 checkpoints;
- subtraction: the subtraction variant, 10,000 iterations, a checkpoint
  every 800, 13 checkpoints;
- edition: the article edition (minirnn.article.run) must print the
  article's log too.

check_cells() compares the logs of a gated cell (drive.py lstm or gru)
with the ones an independent numpy program printed (tests/golden/lstm_*.log
and gru_*.log): Pred, True and the sum exactly, Error to a relative 1e-6,
as tests/test_cells.py does.

>>> check("article", "Error:[3.45638663]")
(False, 'checkpoint 1 of 10: expected 4 lines, got 1')
"""

import os
import sys

from drive import cell_runs, checkpoint_count

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = {
    "article": os.path.join(HERE, "..", "tests", "golden", "article_add.log"),
    "subtraction": os.path.join(HERE, "..", "tests", "golden", "subtraction.log"),
    "edition": os.path.join(HERE, "..", "tests", "golden", "article_add.log"),
}
CELL_LOG = os.path.join(HERE, "..", "tests", "golden", "%s")
ERROR_TOLERANCE = 1e-6  # relative: the two programs add their products in different orders
SEPARATOR = "------------"


def checkpoints(text):
    """The log's checkpoints, each a list of its lines without the separator line."""
    blocks, block = [], []
    for line in text.splitlines():
        if line == SEPARATOR:
            blocks.append(block)
            block = []
        else:
            block.append(line)
    if block:  # a log cut off before its last separator
        blocks.append(block)
    return blocks


def published(preset):
    with open(GOLDEN[preset]) as log:
        return checkpoints(log.read())


def check(preset, text, count=None):
    """(True, summary) if text has exactly the published checkpoints, else (False, what differs).

    count: expect only the published log's first count checkpoints (a run
    declared shorter than the published one).
    """
    return compare(published(preset), checkpoints(text), count)


def compare(expected, got, count=None, same=lambda want, have: want == have):
    """check()'s comparison of two lists of checkpoints; same(line, line) says if two lines agree."""
    if count is not None:
        expected = expected[:count]
    for number, (want, have) in enumerate(zip(expected, got), 1):
        where = "checkpoint %d of %d" % (number, len(expected))
        if len(have) != len(want):
            return False, "%s: expected %d lines, got %d" % (where, len(want), len(have))
        for line_want, line_have in zip(want, have):
            if not same(line_want, line_have):
                return False, "%s: expected %r, got %r" % (where, line_want, line_have)
    if len(got) != len(expected):
        return False, "printed %d checkpoints, the published log has %d" % (len(got), len(expected))
    if count is not None:
        return True, "the first %d checkpoints match" % count
    return True, "all %d checkpoints match" % len(expected)


def same_but_error(want, have):
    """Lines agree: exactly, or both Error lines within ERROR_TOLERANCE of each other."""
    if want.startswith("Error:[") and have.startswith("Error:[") and want.endswith("]") and have.endswith("]"):
        try:
            value, expected = float(have[7:-1]), float(want[7:-1])
        except ValueError:
            return False
        return abs(value - expected) <= ERROR_TOLERANCE * abs(expected)
    return want == have


def check_cells(cell, text, iterations=None):
    """(True, summary) if text, drive.py's output, has each of the cell's golden logs, in order.

    Each log follows a line "== NAME"; iterations: the runs were cut to at
    most that many iterations (drive.py --iterations), so only each log's
    first checkpoints are expected.
    """
    runs = cell_runs(cell)
    names = [name for name, settings in runs]
    logs, name = [], None
    for line in text.splitlines():
        if line.startswith("== "):
            name = line[3:]
            logs.append((name, []))
        elif logs:
            logs[-1][1].append(line)
    if [got_name for got_name, lines in logs] != list(names):
        return False, "expected the logs %s, got %s" % (", ".join(names),
                                                      ", ".join(n for n, _ in logs) or "none")
    total = 0
    for (name, lines), (_, settings) in zip(logs, runs):
        with open(CELL_LOG % name) as log:
            expected = checkpoints(log.read())
        count = None
        if iterations and iterations < settings["iterations"]:
            count = checkpoint_count(iterations, settings["print_every"])
        ok, message = compare(expected, checkpoints("\n".join(lines)), count, same_but_error)
        if not ok:
            return False, "%s: %s" % (name, message)
        total += count or len(expected)
    return True, "%s: %s%d checkpoints match" % (", ".join(names), "the first " if iterations else "all ", total)


def main(argv):
    if len(argv) not in (1, 2) or argv[0] not in GOLDEN:
        sys.stderr.write("usage: python3 check.py {%s} [LOG]\n" % ",".join(sorted(GOLDEN)))
        return 2
    if len(argv) == 2:
        with open(argv[1]) as log:
            text = log.read()
    else:
        text = sys.stdin.read()
    ok, message = check(argv[0], text)
    print("%s: %s" % (argv[0], message))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
