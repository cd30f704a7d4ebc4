"""The long runs, each made once per test session and shared by every test and doctest.

Six runs of 10,000 iterations take seconds each: the article's run and the
subtraction variant's through the engine's command line (``python -m
minirnn ... --save PATH``, as a user runs them), the same two through the
article edition (``python -m minirnn.article``, and tests/edition_run.py,
which keeps the weights), the article's run once more keeping every
iteration's error (tests/errors_run.py, for the error curve), and the LSTM
that README.md and docs/cli.md train with the article's settings (``train
--cell lstm``), whose pictures the docs show.  Each is made exactly once,
in a subprocess, and all of them start side by side as soon as the first
test starts (only those the collected tests need), so they train on the
machine's other core while the tests that do not need them run; the tests
that need one run last, and wait for it if they must.  Their logs are
checked against the published ones (tests/test_train_cli.py,
tests/test_article.py) and the model the article's run saved is loaded (bit
for bit) for every test that needs a trained network.

A run writes its files into one folder: NAME.log (standard output),
NAME.err (standard error), NAME.json (the model it saved, if any) and, last,
NAME.status (its exit status).  The folder is the session's; with
pytest-xdist (``-n 2``) the workers share it, and the first worker to claim
a run makes it for all.  tests/mutation/run.sh makes the same files once
with ``python conftest.py FOLDER`` and names the folder in
MINIRNN_RECORDED_RUNS: mutation testing runs the tests once per mutant,
and training 10,000 iterations each time would make it take days, so there
the tests that need a long run read the recorded one (made with the
unchanged code), while the tests of training itself still run under every
mutant.

This file sits at the root so that the doctests in docs/ and minirnn/ can
share the runs too: an example that trains the article's network is written
with ``# doctest: +SKIP`` and finds its result under the same name here
(DOCTEST_MODELS).  The tests' own helpers are in tests/conftest.py.
"""

import os
import subprocess
import sys
import threading
import time

import pytest

ROOT = os.path.dirname(os.path.abspath(__file__))
MODEL = "{model}"  # in a run's arguments: the path of its NAME.json

# Each shared run: the arguments of ``python`` that make it.  The fixture
# NAME_published gives the run NAME (SharedRun below).
SHARED_RUNS = {
    # the article's run is "no command", which means train with the article's settings
    "article": ["-m", "minirnn", "--save", MODEL],
    "subtraction": ["-m", "minirnn", "train", "--preset", "subtraction", "--save", MODEL],
    # the article edition: what ``python3 -m minirnn.article`` prints, and the subtraction
    # variant's run with its final weights (the edition keeps no model file of its own)
    "article_edition": ["-m", "minirnn.article"],
    "subtraction_edition": [os.path.join("tests", "edition_run.py"), "subtraction", MODEL],
    # every iteration's error of the article's run, which the error curve's tests draw
    "article_errors": [os.path.join("tests", "errors_run.py"), "article", MODEL],
    # the docs' LSTM: its log's last lines, its answers and its pictures are shown there
    "lstm": ["-m", "minirnn", "train", "--cell", "lstm", "--save", MODEL],
}

# Doctests whose example trains the article's network with "# doctest: +SKIP":
# item name -> the name the skipped line would have bound.
DOCTEST_MODELS = {"api.md": "model", "minirnn.evaluate": "model"}

# A run that has not finished after this long has hung: its test fails instead of waiting
# for ever (10,000 iterations take seconds on CPython, and under a minute anywhere).
PATIENCE_SECONDS = 600


class SharedRun:
    """What ``python ARGS`` printed, its exit status, and the model it saved (None if none)."""

    def __init__(self, name, folder):
        import minirnn
        self.name = name
        self.args = arguments(name, folder)
        self.model_file = model_file(folder, name) if MODEL in SHARED_RUNS[name] else None
        with open(os.path.join(folder, name + ".status")) as handle:
            self.returncode = int(handle.read())
        with open(os.path.join(folder, name + ".log")) as handle:
            self.stdout = handle.read()
        with open(os.path.join(folder, name + ".err")) as handle:
            self.stderr = handle.read()  # minirnn's closing summary: "minirnn: saved the model to PATH"
        self.model = None
        # a file saved by minirnn's command line is a model; the edition's is its weights as JSON
        if self.model_file and self.returncode == 0 and self.args[:2] == ["-m", "minirnn"]:
            self.model = minirnn.load(self.model_file)


def model_file(folder, name):
    return os.path.join(folder, name + ".json")


def arguments(name, folder):
    return [arg.replace(MODEL, model_file(folder, name)) for arg in SHARED_RUNS[name]]


def start(name, folder):
    """Start the run NAME into folder, unless another process of this session already has.

    Returns the thread that writes NAME.status when the run ends, or None.
    """
    try:
        os.mkdir(os.path.join(folder, name + ".claimed"))  # atomic: one process wins
    except FileExistsError:
        return None
    env = dict(os.environ, PYTHONPATH=ROOT)
    with open(os.path.join(folder, name + ".log"), "w") as out, \
            open(os.path.join(folder, name + ".err"), "w") as err:
        process = subprocess.Popen([sys.executable] + arguments(name, folder), cwd=ROOT, env=env,
                                   stdout=out, stderr=err)

    def write_status():
        status = os.path.join(folder, name + ".status")
        with open(status + ".part", "w") as handle:
            handle.write("%d\n" % process.wait())
        os.replace(status + ".part", status)  # whole, or not there yet

    thread = threading.Thread(target=write_status)
    thread.daemon = True  # Ctrl-C ends the session at once; a finished session joins it
    thread.start()
    return thread


def wait_for(name, folder):
    # Started here if no process of the session has started it yet: a test that asks
    # for a run only as it runs (request.getfixturevalue) is not seen at collection.
    start(name, folder)
    waited = 0.0
    while not os.path.exists(os.path.join(folder, name + ".status")):
        assert waited < PATIENCE_SECONDS, "the shared run %s did not finish in %d s" % (name, waited)
        time.sleep(0.05)
        waited += 0.05
    return SharedRun(name, folder)


def runs_of(item):
    """The shared runs a collected test uses, through its fixtures or DOCTEST_MODELS."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if type(item).__name__ == "DoctestItem" and item.name in DOCTEST_MODELS:
        fixtures.add("article_published")
    return {name for name in SHARED_RUNS if name + "_published" in fixtures}


def pytest_collection_modifyitems(items):
    # The tests that wait for a shared run go last (otherwise in their order), so that the
    # runs train while the others run.
    items.sort(key=lambda item: bool(runs_of(item)))


@pytest.fixture(scope="session", autouse=True)
def shared_runs_folder(request, tmp_path_factory):
    """The folder of the shared runs; on first use, starts those the session's tests need."""
    recorded = os.environ.get("MINIRNN_RECORDED_RUNS")
    if recorded:
        yield recorded
        return
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # each xdist worker's folder is in the session's: share that
    folder = os.path.join(str(base), "shared-runs")
    os.makedirs(folder, exist_ok=True)  # by whichever worker comes first
    needed = set().union(*(runs_of(item) for item in request.session.items))
    threads = [start(name, folder) for name in sorted(needed)]
    yield folder
    for thread in threads:  # a run this process started may still be needed by another worker
        if thread is not None:
            thread.join()


@pytest.fixture(scope="session")
def article_published(shared_runs_folder):
    """The article's run through the command line: 10,000 iterations of 8-bit addition, seed 0."""
    return wait_for("article", shared_runs_folder)


@pytest.fixture(scope="session")
def subtraction_published(shared_runs_folder):
    """The published subtraction variant's run through the command line."""
    return wait_for("subtraction", shared_runs_folder)


@pytest.fixture(scope="session")
def article_edition_published(shared_runs_folder):
    """``python3 -m minirnn.article``: the article edition's run of the article's settings."""
    return wait_for("article_edition", shared_runs_folder)


@pytest.fixture(scope="session")
def subtraction_edition_published(shared_runs_folder):
    """The article edition's subtraction run: its log, and its final weights in the .json file."""
    return wait_for("subtraction_edition", shared_runs_folder)


@pytest.fixture(scope="session")
def article_errors_published(shared_runs_folder):
    """The article's run through minirnn.train_steps: its .json holds every iteration's error."""
    return wait_for("article_errors", shared_runs_folder)


@pytest.fixture(scope="session")
def lstm_published(shared_runs_folder):
    """``python -m minirnn train --cell lstm --save PATH``: the LSTM of README.md and docs/cli.md."""
    return wait_for("lstm", shared_runs_folder)


@pytest.fixture(autouse=True)
def _shared_model_for_doctests(request, doctest_namespace):
    name = DOCTEST_MODELS.get(getattr(request.node, "name", None))
    if name is not None and type(request.node).__name__ == "DoctestItem":
        doctest_namespace[name] = request.getfixturevalue("article_published").model


def record(folder):
    """Make every shared run into folder and wait for them all (tests/mutation/run.sh)."""
    threads = [start(name, folder) for name in sorted(SHARED_RUNS)]
    for thread in threads:
        thread.join()
    failed = [name for name in sorted(SHARED_RUNS) if wait_for(name, folder).returncode != 0]
    return "shared runs failed: %s" % ", ".join(failed) if failed else 0


if __name__ == "__main__":
    sys.exit(record(os.path.abspath(sys.argv[1])))
