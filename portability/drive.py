"""The runs the portability check makes beside the engine's two presets, on any runtime.

    python portability/drive.py TASK [--iterations N]

TASK is "edition" (minirnn.article.run, the article edition, with the
article's settings; --iterations N stops it early) or a gated cell, "lstm"
or "gru": each prints the three golden logs of tests/golden/<cell>_*.log,
each after a line "== <cell>_<run>.log" (--iterations N: at most N
iterations each).  check.py compares the output.

This file must run on MicroPython too: run_micropython.mjs and
run_pyodide.mjs copy it beside minirnn and drive Driver in chunks, since
MicroPython's WebAssembly port frees no memory within one call.
"""

import sys

if __name__ == "__main__":  # a script in a checkout (CPython, PyPy): import minirnn from it
    import os
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The settings each golden cell log was made with (tests/golden/README.md;
# tests/test_cells.py holds the same table).  A tuple, not a dict: the
# logs come in this order, and MicroPython's dicts keep none.
CELL_RUNS = (
    ("add", {}),
    ("sub", {"task": "sub", "alpha": 0.5, "init_scale": 0.05, "h0": 0.1}),
    ("small", {"bits": 5, "hidden": 3, "alpha": 0.5, "iterations": 1000, "seed": 7, "h0": 0.5,
               "print_every": 100}),
)
# benchmarks/cells_numpy.py's defaults: the article's settings, 2,000 iterations.
CELL_DEFAULTS = {"task": "add", "bits": 8, "hidden": 16, "alpha": 0.1, "iterations": 2000,
                 "seed": 0, "init_scale": 1.0, "h0": 0.0, "print_every": 200}
TASKS = ("edition", "lstm", "gru")


def checkpoint_count(iterations, print_every):
    """How many checkpoints a run of that many iterations prints: at 0, print_every, ..."""
    return (iterations - 1) // print_every + 1 if iterations else 0


def cell_runs(cell):
    """[(golden file name, settings)] of the cell's golden logs, in order."""
    runs = []
    for name, changes in CELL_RUNS:
        settings = dict(CELL_DEFAULTS)
        settings.update(changes)
        runs.append(("%s_%s.log" % (cell, name), settings))
    return runs


class Driver:
    """Print TASK's logs, a chunk of iterations per call of run(), until done."""

    def __init__(self, task, iterations=0):
        if task not in TASKS:
            raise ValueError("task must be one of %s, got %r" % (", ".join(TASKS), task))
        self.task, self.iterations = task, iterations
        self.runs = [] if task == "edition" else cell_runs(task)
        self.steps = None
        self.done = False

    def run(self, chunk):
        # Imported here, so that check.py can read the tables above without minirnn.
        import minirnn
        from minirnn import article
        if self.task == "edition":
            # One call: the edition is a plain loop, not a generator.
            article.run(**({"iterations": self.iterations} if self.iterations else {}))
            self.done = True
            return
        for _ in range(chunk):
            if self.steps is None:
                if not self.runs:
                    self.done = True
                    return
                name, settings = self.runs.pop(0)
                self.print_every = settings.pop("print_every")
                if self.iterations:  # a shorter run: the golden log's first checkpoints
                    settings["iterations"] = min(settings["iterations"], self.iterations)
                print("== " + name)
                self.steps = minirnn.train_steps(cell=self.task, **settings)
            try:
                step = next(self.steps)
            except StopIteration:
                self.steps = None
                continue
            if step.iteration % self.print_every == 0:
                print(minirnn.format_checkpoint(step))


def main(argv):
    if len(argv) not in (1, 3) or argv[0] not in TASKS or (len(argv) == 3 and argv[1] != "--iterations"):
        sys.stderr.write("usage: python drive.py {%s} [--iterations N]\n" % ",".join(TASKS))
        return 2
    driver = Driver(argv[0], int(argv[2]) if len(argv) == 3 else 0)
    while not driver.done:
        driver.run(1000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
