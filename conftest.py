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
    """What ``python -m minirnn ARGS --save PATH`` did: its output, exit status, and the model."""

    def __init__(self, args, folder):
        import minirnn
        self.args = args
        path = os.path.join(folder, "model.json")
        env = dict(os.environ, PYTHONPATH=ROOT)
        done = subprocess.run([sys.executable, "-m", "minirnn"] + args + ["--save", path], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        self.returncode, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        self.model_file = path
        self.model = minirnn.load(path) if done.returncode == 0 else None


class RecordedRun(PublishedRun):
    """A published run made earlier by tests/mutation/run.sh: PRESET.log and PRESET.json in folder.

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
        self.returncode, self.stderr = 0, ""
        self.model = minirnn.load(self.model_file)


def published(preset, tmp_path_factory):
    recorded = os.environ.get("MINIRNN_RECORDED_RUNS")
    if recorded:
        return RecordedRun(PUBLISHED_RUNS[preset], recorded, preset)
    return PublishedRun(PUBLISHED_RUNS[preset], str(tmp_path_factory.mktemp(preset)))


@pytest.fixture(scope="session")
def article_published(tmp_path_factory):
    """The article's run through the command line: 10,000 iterations of 8-bit addition, seed 0."""
    return published("article", tmp_path_factory)


@pytest.fixture(scope="session")
def subtraction_published(tmp_path_factory):
    """The published subtraction variant's run through the command line."""
    return published("subtraction", tmp_path_factory)


@pytest.fixture(autouse=True)
def _shared_model_for_doctests(request, doctest_namespace):
    name = DOCTEST_MODELS.get(getattr(request.node, "name", None))
    if name is not None and type(request.node).__name__ == "DoctestItem":
        doctest_namespace[name] = request.getfixturevalue("article_published").model
