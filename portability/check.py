"""Compare a training log with the published one, checkpoint by checkpoint.

    python3 portability/check.py PRESET [LOG]

reads the log minirnn printed (from the file LOG, or stdin), and says
whether every checkpoint is the published one, or which one differs and
how.  Exit status 0 if the logs match, 1 if not.

The published logs are the ones in tests/golden/, transcribed from the
source documents in minirnn's own format ("Error:[3.45638663]"):

- article: the article's addition run, 10,000 iterations, 10 checkpoints;
- subtraction: the subtraction variant, 10,000 iterations, a checkpoint
  every 800, 13 checkpoints.

>>> check("article", "Error:[3.45638663]")
(False, 'checkpoint 1 of 10: expected 4 lines, got 1')
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = {
    "article": os.path.join(HERE, "..", "tests", "golden", "article_add.log"),
    "subtraction": os.path.join(HERE, "..", "tests", "golden", "subtraction.log"),
}
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


def check(preset, text):
    """(True, summary) if text has exactly the published checkpoints, else (False, what differs)."""
    expected, got = published(preset), checkpoints(text)
    for number, (want, have) in enumerate(zip(expected, got), 1):
        where = "checkpoint %d of %d" % (number, len(expected))
        if len(have) != len(want):
            return False, "%s: expected %d lines, got %d" % (where, len(want), len(have))
        for line_want, line_have in zip(want, have):
            if line_want != line_have:
                return False, "%s: expected %r, got %r" % (where, line_want, line_have)
    if len(got) != len(expected):
        return False, "printed %d checkpoints, the published log has %d" % (len(got), len(expected))
    return True, "all %d checkpoints match" % len(expected)


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
