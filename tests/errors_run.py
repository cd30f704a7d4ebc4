"""python3 tests/errors_run.py PRESET ERRORS.json: every iteration's error of a preset's run.

Trains the preset's run through the engine (minirnn.train_steps) and writes
to ERRORS.json (JSON keeps every float exactly) overallError at each
iteration, which is what ``train --plot`` draws, and the final weights; the
command line prints only the checkpoints.  One of the session's shared runs
(../conftest.py), so the error curve's tests draw the curve from it instead
of training 10,000 iterations again.
"""

import json
import sys

from minirnn import train_steps
from minirnn.training import PRESETS

if __name__ == "__main__":
    preset, path = sys.argv[1:]
    errors, model = [], None
    for step in train_steps(**dict((k, v) for k, v in PRESETS[preset].items() if k != "print_every")):
        errors.append(step.overallError)
        model = step.model
    weights = dict((name, getattr(model, name)) for name in model.weight_names)
    with open(path, "w") as handle:
        json.dump({"errors": errors, "weights": weights}, handle)
