"""The mutation score per module, from mutmut's results in mutants/ (run by run.sh).

    python3 tests/mutation/score.py [--survivors]

Killed: a test failed (or the mutant ran past mutmut's time limit, which a
user would see as a hang: counted as killed and shown apart).  Equivalent:
survivors listed in tests/mutation/equivalent.txt with the reason no test can
tell them from the original; they are left out of the score's denominator.
"""

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KILLED, TIMEOUT, SURVIVED, NO_TESTS = {1, 3}, {24, -24, 36, 152, 255}, {0}, {5, 33}


def equivalents():
    """Mutant names recorded as equivalent, from equivalent.txt ("name: reason" lines)."""
    names = {}
    with open(os.path.join(HERE, "equivalent.txt")) as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(":")
                names[name.strip()] = reason.strip()
    return names


def main(show_survivors=False):
    equivalent = equivalents()
    rows, totals = [], [0] * 7
    survivors = []
    for meta in sorted(glob.glob(os.path.join(ROOT, "mutants", "minirnn", "*.py.meta"))):
        module = "minirnn/" + os.path.basename(meta)[:-5]
        with open(meta) as handle:
            codes = json.load(handle)["exit_code_by_key"]
        if not codes:
            continue
        counts = [0] * 7  # mutants, killed, timeout, equivalent, survived, no tests, not checked
        for name, code in codes.items():
            counts[0] += 1
            if code in KILLED:
                counts[1] += 1
            elif code in TIMEOUT:
                counts[2] += 1
            elif name in equivalent:
                counts[3] += 1
            elif code is None:
                counts[6] += 1
            elif code in NO_TESTS:
                counts[5] += 1
                survivors.append((name, "no tests"))
            else:
                counts[4] += 1
                survivors.append((name, "survived" if code in SURVIVED else "exit %s" % code))
        rows.append((module, counts))
        totals = [t + c for t, c in zip(totals, counts)]
    print("%-24s %7s %7s %7s %6s %8s %8s %8s %7s" % ("module", "mutants", "killed", "timeout", "equiv",
                                                    "survived", "no tests", "unrun", "score"))
    for module, counts in rows + [("all", totals)]:
        checked = counts[0] - counts[6] - counts[3]
        score = "%.1f%%" % (100.0 * (counts[1] + counts[2]) / checked) if checked else "-"
        print("%-24s %7d %7d %7d %6d %8d %8d %8d %7s" % ((module,) + tuple(counts) + (score,)))
    if show_survivors:
        for name, why in survivors:
            print("%s  %s" % (name, why))


if __name__ == "__main__":
    main("--survivors" in sys.argv[1:])
