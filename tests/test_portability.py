"""What keeps minirnn portable, checked on every run of the suite.

The real proof is portability/run_all.py, which trains on MicroPython,
Pyodide, PyPy and every CPython; these tests catch the usual ways to break
it in seconds: a core module importing what MicroPython lacks, the browser
page missing a new module, the log checker passing a wrong log.
"""

import ast
import os
import re
import sys

import pytest

from conftest import ROOT, golden

sys.path.insert(0, os.path.join(ROOT, "portability"))
from check import check  # noqa: E402 (portability/ is not a package)

PACKAGE = os.path.join(ROOT, "minirnn")
NOT_CORE = {"cli.py", "__main__.py"}  # the command line may use argparse
CORE = sorted(name for name in os.listdir(PACKAGE) if name.endswith(".py") and name not in NOT_CORE)
# Not built into MicroPython (micropython-lib has some, but a board rarely does).
MISSING_ON_MICROPYTHON = {"argparse", "typing", "dataclasses", "copy", "abc", "enum"}


def imported_modules(source):
    """Top-level names of every module the source imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("name", CORE)
def test_core_imports_only_what_micropython_has(name):
    with open(os.path.join(PACKAGE, name)) as handle:
        used = imported_modules(handle.read())
    assert not used & MISSING_ON_MICROPYTHON
    # the check can fail: it finds such imports
    assert imported_modules("import argparse\nfrom typing import List\n") == {"argparse", "typing"}


def test_data_the_browser_page_loads_every_core_module():
    with open(os.path.join(ROOT, "docs", "browser.html")) as handle:
        page = handle.read()
    listed = re.search(r"const MODULES = \[(.*?)\];", page, re.S).group(1)
    assert sorted(re.findall(r'"([\w.]+\.py)"', listed)) == CORE


@pytest.mark.parametrize("preset, log", [("article", "article_add.log"),
                                         ("subtraction", "subtraction.log")])
def test_the_checker_accepts_the_published_log(preset, log):
    ok, message = check(preset, golden(log))
    assert ok, message


def test_the_checker_names_the_first_wrong_digit():
    log = golden("article_add.log").replace("Error:[0.21595037]", "Error:[0.21595038]")
    assert check("article", log) == (
        False, "checkpoint 10 of 10: expected 'Error:[0.21595037]', got 'Error:[0.21595038]'")


def test_the_checker_refuses_a_log_cut_short():
    log = golden("subtraction.log")
    cut = log[:log.rindex("Error:")]
    assert check("subtraction", cut) == (False, "printed 12 checkpoints, the published log has 13")


def test_the_checker_refuses_extra_checkpoints():
    log = golden("article_add.log")
    ok, message = check("article", log + log[:log.index("------------") + 13])
    assert not ok and message == "printed 11 checkpoints, the published log has 10"
