"""python3 tests/edition_run.py PRESET WEIGHTS.json: the article edition's run of a preset.

It prints the run's log, as ``python3 -m minirnn article --preset PRESET``
does, and writes the final synapse_0, synapse_1 and synapse_h to
WEIGHTS.json (JSON keeps every float exactly), which the article command
keeps nowhere.  One of the session's shared runs (../conftest.py).
"""

import json
import sys

from minirnn import article
from minirnn.training import PRESETS

if __name__ == "__main__":
    preset, path = sys.argv[1:]
    weights = article.run(**PRESETS[preset])
    with open(path, "w") as handle:
        json.dump(dict(zip(("synapse_0", "synapse_1", "synapse_h"), weights)), handle)
