"""A seeded random sample of the mutants not yet tested, the same share of each module.

    tests/mutation/run.sh $(python3 tests/mutation/sample.py 0.1)

A whole run takes longer than this machine has in one sitting (each
surviving mutant reruns every test that reaches its function), so a run can
be finished by sampling: a uniform random sample of a module's untested
mutants estimates the score of all of them, within a margin that score.py
states.  Also prints the mutants whose run timed out, so they are tried again
(with the time limit of setup.cfg).  Reads mutmut's results in mutants/ and
writes the sample there (sample.json) for score.py.
"""

import glob
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = {24, -24, 36, 152, 255}


def main(share, seed=2026):
    rng = random.Random(seed)
    names, modules = [], {}
    for meta in sorted(glob.glob(os.path.join(ROOT, "mutants", "minirnn", "*.py.meta"))):
        with open(meta) as handle:
            codes = json.load(handle)["exit_code_by_key"]
        untested = sorted(name for name, code in codes.items() if code is None)
        names += sorted(name for name, code in codes.items() if code in TIMEOUT)
        if untested:
            drawn = rng.sample(untested, max(1, int(round(share * len(untested)))))
            modules["minirnn/" + os.path.basename(meta)[:-5]] = {"untested": len(untested),
                                                                 "untested_names": untested,
                                                                 "sampled": drawn}
            names += drawn
    # score.py reads the strata from here: what was untested, and which of it was drawn
    with open(os.path.join(ROOT, "mutants", "sample.json"), "w") as handle:
        json.dump({"share": share, "seed": seed, "modules": modules}, handle, indent=1)
    print("\n".join(names))


if __name__ == "__main__":
    main(float(sys.argv[1]))
