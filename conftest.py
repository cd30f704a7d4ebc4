"""The two published runs, trained once per test session and shared by every test and doctest.

The article's run (10,000 iterations) and the subtraction variant's take
several seconds each, so each is trained exactly once, as a user runs it:
``python -m minirnn ... --save PATH`` in a subprocess.  Its printed log is
checked against the published one (tests/test_published_logs.py) and the
model it saved is loaded (bit for bit) for every test that needs a trained
network.

This file sits at the root so that the doctests in docs/ and minirnn/ can
share the run too: an example that trains the article's network is written
with ``# doctest: +SKIP`` and finds its result under the same name here
(DOCTEST_MODELS).  The tests' own helpers are in tests/conftest.py.
"""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.abspath(__file__))

# Each published run: the arguments of ``python -m minirnn`` that print it.
# The article's is "no command", which means train with the article's settings.
PUBLISHED_RUNS = {
    "article": [],
    "subtraction": ["train", "--preset", "subtraction"],
}

# Doctests whose example trains the article's network with "# doctest: +SKIP":
# item name -> the name the skipped line would have bound.
DOCTEST_MODELS = {"api.md": "model", "minirnn.evaluate": "model"}


class PublishedRun:
    """What ``python -m minirnn ARGS --save PATH`` did: its output, exit status, and the model.

    The process starts at once; finish() waits for it, so two runs can train side by side.
    """

    def __init__(self, args, folder):
        self.args = args
        self.model_file = os.path.join(folder, "model.json")
        env = dict(os.environ, PYTHONPATH=ROOT)
        self.process = subprocess.Popen([sys.executable, "-m", "minirnn"] + args + ["--save", self.model_file],
                                        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        universal_newlines=True)

    def finish(self):
        import minirnn
        self.stdout, self.stderr = self.process.communicate()
        self.returncode = self.process.returncode
        self.model = minirnn.load(self.model_file) if self.returncode == 0 else None
        return self


class RecordedRun(PublishedRun):
    """A published run made earlier by tests/mutation/run.sh: PRESET.log, .err and .json in folder.

    Mutation testing runs the tests once per mutant; training 10,000
    iterations each time would make it take days.  run.sh trains both runs
    once with the unchanged code, and the tests that need a trained network
    use those; the tests of training itself still run under every mutant.
    """

    def __init__(self, args, folder, preset):
        import minirnn
        self.args = args
        self.model_file = os.path.join(folder, preset + ".json")
        with open(os.path.join(folder, preset + ".log")) as handle:
            self.stdout = handle.read()
        with open(os.path.join(folder, preset + ".err")) as handle:
            self.stderr = handle.read()  # the closing summary: "minirnn: saved the model to PATH"
        self.returncode = 0
        self.model = minirnn.load(self.model_file)


@pytest.fixture(scope="session")
def published_runs(tmp_path_factory):
    """Both published runs, trained side by side (each process is single-threaded)."""
    recorded = os.environ.get("MINIRNN_RECORDED_RUNS")
    if recorded:
        return {preset: RecordedRun(args, recorded, preset) for preset, args in PUBLISHED_RUNS.items()}
    runs = {preset: PublishedRun(args, str(tmp_path_factory.mktemp(preset)))
            for preset, args in PUBLISHED_RUNS.items()}
    return {preset: run.finish() for preset, run in runs.items()}


@pytest.fixture(scope="session")
def article_published(published_runs):
    """The article's run through the command line: 10,000 iterations of 8-bit addition, seed 0."""
    return published_runs["article"]


@pytest.fixture(scope="session")
def subtraction_published(published_runs):
    """The published subtraction variant's run through the command line."""
    return published_runs["subtraction"]


@pytest.fixture(autouse=True)
def _shared_model_for_doctests(request, doctest_namespace):
    name = DOCTEST_MODELS.get(getattr(request.node, "name", None))
    if name is not None and type(request.node).__name__ == "DoctestItem":
        doctest_namespace[name] = request.getfixturevalue("article_published").model
