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
from check import check, check_cells  # noqa: E402 (portability/ is not a package)

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


# drive.py's runs, and check.py's comparison of the gated cells' logs


def test_drive_runs_the_golden_logs_settings():
    """drive.py's table is the one tests/test_cells.py checks minirnn against."""
    from drive import cell_runs
    from test_cells import GOLDEN_RUNS
    for cell in ("lstm", "gru"):
        runs = cell_runs(cell)
        assert [name for name, settings in runs] == ["%s_%s.log" % (cell, run) for run in ("add", "sub", "small")]
        for (name, settings), run in zip(runs, ("add", "sub", "small")):
            for key, value in GOLDEN_RUNS[run].items():
                assert settings[key] == value, (name, key)


def cells_output(cell):
    return "".join("== %s_%s.log\n%s" % (cell, run, golden("%s_%s.log" % (cell, run)))
                   for run in ("add", "sub", "small"))


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_the_cell_checker_accepts_the_golden_logs(cell):
    ok, message = check_cells(cell, cells_output(cell))
    assert ok, message


def test_the_cell_checker_allows_an_error_a_rounding_away_but_not_more():
    text = cells_output("lstm")
    first = golden("lstm_add.log").split("\n")[0]  # Error:[3.95886252]
    value = float(first[7:-1])
    near = text.replace(first, "Error:[%.8f]" % (value * (1 + 5e-7)), 1)
    assert check_cells("lstm", near)[0]
    far = text.replace(first, "Error:[%.8f]" % (value * (1 + 5e-6)), 1)
    assert check_cells("lstm", far) == (
        False, "lstm_add.log: checkpoint 1 of 10: expected %r, got %r" % (
            first, "Error:[%.8f]" % (value * (1 + 5e-6))))


def test_the_cell_checker_wants_pred_exactly_and_every_log():
    text = cells_output("gru")
    wrong = text.replace("Pred:[0 0 0 0 1 1 1 1]", "Pred:[0 0 0 0 1 1 1 0]", 1)
    assert not check_cells("gru", wrong)[0]
    assert check_cells("gru", text[:text.index("== gru_small.log")]) == (
        False, "expected the logs gru_add.log, gru_sub.log, gru_small.log, got gru_add.log, gru_sub.log")
    assert not check_cells("lstm", text)[0]


def test_a_declared_shorter_run_is_checked_against_the_logs_first_checkpoints():
    log = golden("article_add.log")
    first_three = log[:log.index("Error:", log.index("116 + 44"))]
    assert check("edition", first_three, 3) == (True, "the first 3 checkpoints match")
    assert check("edition", first_three) == (False, "printed 3 checkpoints, the published log has 10")
    assert not check("edition", first_three, 4)[0]
    text = cells_output("lstm")
    cut = "".join("== lstm_%s.log\n%s" % (run, "".join(
        block + "------------\n" for block in golden("lstm_%s.log" % run).split("------------\n")[:count]))
        for run, count in (("add", 2), ("sub", 2), ("small", 3)))
    assert check_cells("lstm", cut, 201) == (
        True, "lstm_add.log, lstm_sub.log, lstm_small.log: the first 7 checkpoints match")
    assert not check_cells("lstm", text, 201)[0]
