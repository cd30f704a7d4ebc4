"""The article's training loop, as a generator of steps, and its printed log.

>>> for step in train_steps(iterations=1):
...     print(format_checkpoint(step))
Error:[3.45638663]
Pred:[0 0 0 0 0 0 0 1]
True:[0 1 0 0 0 1 0 1]
9 + 60 = 1
------------
"""

from .cells import cell_class
from .checkpoint import format_checkpoint_lines
from .data import OPERATORS, PROBLEMS, int2binary
from .numpy_random import RandomState

# The settings of the two published runs.  The article: 8-bit addition.  The
# subtraction variant: smaller starting weights, a hidden state that starts
# at 0.1, a larger learning rate, and a checkpoint every 800 iterations.
PRESETS = {
    "article": {
        "task": "add", "bits": 8, "hidden": 16, "alpha": 0.1, "iterations": 10000,
        "seed": 0, "init_scale": 1.0, "h0": 0.0, "print_every": 1000,
    },
    "subtraction": {
        "task": "sub", "bits": 8, "hidden": 16, "alpha": 0.9, "iterations": 10000,
        "seed": 0, "init_scale": 0.05, "h0": 0.1, "print_every": 800,
    },
}

# Each cell's own defaults, for the settings a cell may want different:
# train(cell=...) and ``minirnn train --cell`` use them for any of these
# settings not given (a --preset replaces them all).  The rnn's are the
# article's, so its run is the published one.  Until measurements say
# otherwise, the gated cells start from the article's settings too.
CELL_DEFAULTS = {
    "rnn": {"hidden": 16, "alpha": 0.1, "iterations": 10000, "init_scale": 1.0, "h0": 0.0},
    "lstm": {"hidden": 16, "alpha": 0.1, "iterations": 10000, "init_scale": 1.0, "h0": 0.0},
    "gru": {"hidden": 16, "alpha": 0.1, "iterations": 10000, "init_scale": 1.0, "h0": 0.0},
}


class Step:
    """What one training iteration did: the problem, the network's answer and its error.

    Attributes use the article's names: a_int, b_int, c_int (the problem),
    a, b, c (their bits, most significant first), d (the predicted bits) and
    overallError.  ``model`` is the network being trained (after this step's
    update); ``prediction`` is d as an integer.
    """

    def __init__(self, iteration, task, a_int, b_int, c_int, a, b, c, d, overallError, model):
        self.iteration = iteration
        self.task = task
        self.a_int, self.b_int, self.c_int = a_int, b_int, c_int
        self.a, self.b, self.c, self.d = a, b, c, d
        self.overallError = overallError
        self.model = model

    @property
    def prediction(self):
        value = 0
        for bit in self.d:
            value = value * 2 + bit
        return value

    @property
    def correct(self):
        return self.d == self.c

    def __repr__(self):
        return "Step(iteration=%d, %d %s %d, prediction=%d, overallError=%r)" % (
            self.iteration, self.a_int, OPERATORS[self.task], self.b_int,
            self.prediction, self.overallError)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_finite_number(value):
    return (_is_int(value) or isinstance(value, float)) and value - value == 0


def check_settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every=1,
                   cell="rnn"):
    """Raise ValueError naming the first bad setting; the CLI shows the same message."""
    cell_class(cell)  # refuses a name that is not a cell's
    if task not in PROBLEMS:
        raise ValueError("task must be 'add' or 'sub', got %r" % (task,))
    for name, value, low in (("bits", bits, 1), ("hidden", hidden, 1),
                             ("iterations", iterations, 0), ("print_every", print_every, 1)):
        if not _is_int(value) or value < low:
            raise ValueError("%s must be a whole number >= %d, got %r" % (name, low, value))
    if not _is_int(seed) or not 0 <= seed <= 2 ** 32 - 1:
        raise ValueError("seed must be a whole number from 0 to 4294967295, got %r" % (seed,))
    for name, value in (("alpha", alpha), ("init_scale", init_scale), ("h0", h0)):
        if not _is_finite_number(value):
            raise ValueError("%s must be a finite number, got %r" % (name, value))


def train_steps(task="add", bits=8, hidden=None, alpha=None, iterations=None, seed=0,
                init_scale=None, h0=None, cell="rnn"):
    """Train a network, yielding a Step after every iteration.

    cell is "rnn" (the article's network), "lstm" or "gru"; a setting left at
    None takes the cell's default (CELL_DEFAULTS).  With the defaults this
    is the article's run.  Nothing runs until the first step is asked for,
    and the caller may stop at any step: drive it in chunks, show progress,
    or plot the error as it falls.  Every step's ``.model`` is the network,
    trained up to that step.

    >>> steps = train_steps(task="sub", alpha=0.9, init_scale=0.05, h0=0.1)
    >>> next(steps)
    Step(iteration=0, 60 - 9, prediction=0, overallError=3.99972855...)
    """
    settings = _settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0, 1, cell)
    return _steps(settings, *_start(settings))


def _settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0, print_every=1,
              cell="rnn"):
    """The settings of a run, with the cell's default for each one left at None, checked."""
    cell_class(cell)
    given = {"hidden": hidden, "alpha": alpha, "iterations": iterations,
             "init_scale": init_scale, "h0": h0}
    settings = {"task": task, "bits": bits, "seed": seed, "cell": cell}
    for name in given:
        settings[name] = CELL_DEFAULTS[cell][name] if given[name] is None else given[name]
    check_settings(print_every=print_every, **settings)
    return settings


def _start(settings):
    """The seeded generator and the untrained network, its weights drawn first, in the cell's order."""
    rng = RandomState(settings["seed"])
    model = cell_class(settings["cell"]).random(rng, hidden_dim=settings["hidden"],
                                                init_scale=settings["init_scale"], h0=settings["h0"])
    model.settings = settings
    return rng, model


def _steps(settings, rng, model):
    task, bits, alpha = settings["task"], settings["bits"], settings["alpha"]
    draw_problem = PROBLEMS[task]
    for j in range(settings["iterations"]):
        a_int, b_int, c_int = draw_problem(rng, bits)
        a, b, c = int2binary(a_int, bits), int2binary(b_int, bits), int2binary(c_int, bits)
        d, overallError = model.learn(a, b, c, alpha)
        yield Step(j, task, a_int, b_int, c_int, a, b, c, d, overallError, model)


def format_checkpoint(step):
    """The article's five-line checkpoint for a Step (no final newline)."""
    return format_checkpoint_lines(step.overallError, step.d, step.c, step.a_int, step.b_int,
                                   OPERATORS[step.task])


def train(task="add", bits=8, hidden=None, alpha=None, iterations=None, seed=0,
          init_scale=None, h0=None, print_every=1000, out=None, cell="rnn"):
    """Train as the article does, printing a checkpoint every print_every iterations.

    Returns the trained network, of the class CELLS[cell].  Checkpoints go
    to out (anything with a write method; sys.stdout when None);
    print_every=None prints nothing.  Settings left at None take the cell's
    default (CELL_DEFAULTS).
    """
    settings = _settings(task, bits, hidden, alpha, iterations, seed, init_scale, h0,
                         1 if print_every is None else print_every, cell)
    if out is None:
        import sys
        out = sys.stdout
    rng, model = _start(settings)
    for step in _steps(settings, rng, model):
        if print_every is not None and step.iteration % print_every == 0:
            out.write(format_checkpoint(step) + "\n")
    return model
