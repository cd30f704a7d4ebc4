"""The mutation score per module, from mutmut's results in mutants/ (run by run.sh).

    python3 tests/mutation/score.py [--survivors] [--markdown]

--markdown also prints the table as README.md's testing section shows it.

Killed: a test failed (or the mutant ran past mutmut's time limit, which a
user would see as a hang: counted as killed and shown apart).  Equivalent:
survivors listed in tests/mutation/equivalent.txt with the reason no test can
tell them from the original; they are left out of the score's denominator.

A run finished by sampling (sample.py, which records its sample in
mutants/sample.json) has two parts per module: the mutants tested before the
sample, all known, and the untested rest, of which a random share was tested.
The estimate counts the first as they are and scales the sample's kill rate
up to the rest (the whole rest, even where a run after the draw tested more
of it: mutmut tests the quickest first, which is not a random part); "margin" is the half-width of a 95% interval for it (normal
approximation, with the finite-population correction).
"""

import glob
import json
import math
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


def verdict(name, code, equivalent):
    """killed, timeout, equivalent, survived, no tests or unrun."""
    if code in KILLED:
        return "killed"
    if code in TIMEOUT:
        return "timeout"
    if name in equivalent:
        return "equivalent"
    if code is None:
        return "unrun"
    return "no tests" if code in NO_TESTS else "survived"


def estimate(verdicts, sample):
    """(estimated killed, denominator, variance) for a module finished by sampling."""
    sampled = set(sample["sampled"])
    if "untested_names" in sample:
        # the rest is what was untested when the sample was drawn, whatever was tested since:
        # a run that goes on after the draw tests the quickest mutants first, not a random part
        drawn_from = set(sample["untested_names"]) | sampled
    else:  # a sample.json from before sample.py kept the names
        drawn_from = set(name for name, v in verdicts.items() if name in sampled or v == "unrun")
    if not any(verdicts[name] == "unrun" for name in drawn_from if name in verdicts):
        return None  # the whole rest has been tested since: no need to estimate
    untested = [name for name in verdicts if name in drawn_from]
    known = [v for name, v in verdicts.items() if name not in drawn_from]
    drawn = [verdicts[name] for name in sampled if verdicts[name] not in ("unrun", "equivalent")]
    rest = sum(1 for name in untested if verdicts[name] != "equivalent")
    killed = sum(1 for v in known if v in ("killed", "timeout"))
    denominator = sum(1 for v in known if v != "equivalent") + rest
    if not drawn:
        return None
    p = sum(1 for v in drawn if v in ("killed", "timeout")) / float(len(drawn))
    n, N = len(drawn), max(rest, 1)
    q = (p * n + 0.5) / (n + 1)  # for the spread only: a draw with no survivor is not proof of none
    variance = (N * N) * q * (1 - q) / n * max(0.0, 1 - float(n) / N)
    return killed + p * rest, denominator, variance


def markdown_table(rows):
    """The table for README.md's testing section: killed counts timeouts in, and "untested"
    is what the run did not reach (no tests and unrun)."""
    lines = ["| module | mutants | killed | survived | untested | score of those tested | estimate |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for module, counts, score in rows:
        mutants, killed, timeout, _, survived, no_tests, unrun = counts
        tested, _, guess = score.partition("  est. ")
        if not guess:
            guess = tested if not (no_tests + unrun) else "-"
        cells = [module.replace("minirnn/", ""), "{:,}".format(mutants), "{:,}".format(killed + timeout),
                 "{:,}".format(survived), "{:,}".format(no_tests + unrun),
                 tested.replace(".0%", "%"), guess.replace(".0%", "%")]
        if module == "all":
            cells = ["**all**"] + cells[1:5] + ["**%s**" % cells[5], "**%s**" % cells[6]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(show_survivors=False, markdown=False):
    equivalent = equivalents()
    sample_path = os.path.join(ROOT, "mutants", "sample.json")
    samples = {}
    if os.path.exists(sample_path):
        with open(sample_path) as handle:
            samples = json.load(handle)["modules"]
    columns = ("killed", "timeout", "equivalent", "survived", "no tests", "unrun")
    rows, survivors = [], []
    whole = [0.0, 0, 0.0]  # estimated killed, denominator, variance
    complete = True
    for meta in sorted(glob.glob(os.path.join(ROOT, "mutants", "minirnn", "*.py.meta"))):
        module = "minirnn/" + os.path.basename(meta)[:-5]
        with open(meta) as handle:
            codes = json.load(handle)["exit_code_by_key"]
        if not codes:
            continue
        verdicts = {name: verdict(name, code, equivalent) for name, code in codes.items()}
        counts = [len(codes)] + [sum(1 for v in verdicts.values() if v == c) for c in columns]
        survivors += [(name, v) for name, v in sorted(verdicts.items()) if v in ("survived", "no tests")]
        checked = counts[0] - counts[3] - counts[6]
        score = "%.1f%%" % (100.0 * (counts[1] + counts[2]) / checked) if checked else "-"
        guess = estimate(verdicts, samples[module]) if module in samples else None
        sampled = guess is not None
        if guess is None:  # all known (or none)
            guess = (counts[1] + counts[2], checked, 0.0) if not counts[6] else None
        if guess is None:
            complete = False  # a module with untested mutants and no sample: no estimate of all
        else:
            whole = [w + g for w, g in zip(whole, guess)]
            if sampled:
                score += "  est. %.1f%% +-%.1f" % (100.0 * guess[0] / guess[1],
                                                   196.0 * math.sqrt(guess[2]) / guess[1])
        rows.append((module, counts, score))
    print("%-24s %7s %7s %7s %6s %8s %8s %7s  %s" % (
        "module", "mutants", "killed", "timeout", "equiv", "survived", "no tests", "unrun",
        "score of those run"))
    totals = [sum(row[1][i] for row in rows) for i in range(7)]
    checked = totals[0] - totals[3] - totals[6]
    total_score = "%.1f%%" % (100.0 * (totals[1] + totals[2]) / checked) if checked else "-"
    if samples and whole[1] and complete:
        total_score += "  est. %.1f%% +-%.1f" % (100.0 * whole[0] / whole[1],
                                                 196.0 * math.sqrt(whole[2]) / whole[1])
    for module, counts, score in rows + [("all", totals, total_score)]:
        print("%-24s %7d %7d %7d %6d %8d %8d %7d  %s" % ((module,) + tuple(counts) + (score,)))
    if markdown:
        print()
        print(markdown_table(rows + [("all", totals, total_score)]))
    if show_survivors:
        for name, why in survivors:
            print("%s  %s" % (name, why))


if __name__ == "__main__":
    main("--survivors" in sys.argv[1:], "--markdown" in sys.argv[1:])
