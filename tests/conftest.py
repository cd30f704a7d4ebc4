"""Helpers and trained networks shared by the tests, each network trained once per session.

The two published runs are trained in ../conftest.py, shared with the doctests."""

import os
import subprocess
import sys

import pytest
from hypothesis import Phase, settings

import minirnn

# No per-example time limit: CI shares two cores with other work, and speed
# is measured by benchmarks/, not by tests.
settings.register_profile("minirnn", deadline=None)
settings.load_profile("minirnn")
# pytest --hypothesis-profile=thorough: twenty times the examples, to hunt
# for rare failures before random search finds them in CI.
settings.register_profile("thorough", deadline=None, max_examples=2000)
# tests/mutation/run.sh: the same examples on every run (so a mutant's verdict is
# reproducible) and fewer of them, since each surviving mutant reruns its tests.
# No shrinking either: the first failing example kills a mutant, and looking for
# the smallest one (then explaining it) took up to a minute per mutant.
settings.register_profile("mutation", deadline=None, max_examples=30, derandomize=True,
                          database=None, phases=(Phase.explicit, Phase.generate))
if os.environ.get("MINIRNN_HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["MINIRNN_HYPOTHESIS_PROFILE"])

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")


def golden(name):
    """The text of a file in tests/golden/ (transcribed from ../shared/seeds)."""
    with open(os.path.join(GOLDEN, name)) as handle:
        return handle.read()


@pytest.fixture(scope="session")
def np():
    """numpy, for tests that compare with it; they skip when it is not installed.

    Session-scoped, so the skip happens before hypothesis draws any example.
    """
    return pytest.importorskip("numpy")


def run_cli(*args):
    """Run ``python -m minirnn ARGS`` as a user would; returns the CompletedProcess."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "minirnn"] + [str(arg) for arg in args],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


@pytest.fixture(scope="session")
def cli():
    """run_cli, for tests that drive the command line."""
    return run_cli


@pytest.fixture(scope="session")
def article_run(article_published):
    """(log, model) of the article's run: 10,000 iterations of 8-bit addition, seed 0.

    Trained once per session through the command line (../conftest.py); the
    model is the one it saved, loaded back bit for bit.
    """
    assert article_published.returncode == 0, article_published.stderr
    return article_published.stdout, article_published.model


@pytest.fixture(scope="session")
def subtraction_run(subtraction_published):
    """(log, model) of the published subtraction variant's run (see article_run)."""
    assert subtraction_published.returncode == 0, subtraction_published.stderr
    return subtraction_published.stdout, subtraction_published.model


@pytest.fixture(scope="session")
def article_model(article_run):
    """The network the article's run trains (trained once, shared with the log test)."""
    return article_run[1]


@pytest.fixture(scope="session")
def article_model_file(article_published):
    """The model file the article's run saved (read only: tests copy it before changing it)."""
    return article_published.model_file


@pytest.fixture(scope="session")
def weak_model():
    """A network after 300 iterations: it still adds wrongly, which some tests need."""
    return minirnn.train(iterations=300, print_every=None)


@pytest.fixture(scope="session")
def weak_model_file(weak_model, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("models") / "weak.json")
    weak_model.save(path)
    return path
