"""Trained networks shared by the tests, each trained once per session."""

import os
import subprocess
import sys

import pytest

import minirnn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
def article_model():
    """The article's run: 10,000 iterations of 8-bit addition with seed 0 (about 10 s)."""
    return minirnn.train(print_every=None)


@pytest.fixture(scope="session")
def article_model_file(article_model, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("models") / "article.json")
    article_model.save(path)
    return path


@pytest.fixture(scope="session")
def weak_model():
    """A network after 300 iterations: it still adds wrongly, which some tests need."""
    return minirnn.train(iterations=300, print_every=None)


@pytest.fixture(scope="session")
def weak_model_file(weak_model, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("models") / "weak.json")
    weak_model.save(path)
    return path
