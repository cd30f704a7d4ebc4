"""The pictures that the docs show are what minirnn draws now.

README.md and docs/cli.md show two pictures of the article's run:
docs/images/article_91_39.svg (``show --model article.json 91 39 --svg``)
and docs/images/article_curve.svg (``train --plot``), one of the
300-iteration model docs/cli.md trains, which still gets 91 + 39 wrong:
docs/images/weak_91_39.svg (``show --model weak.json 91 39 --svg``), and
two of the LSTM trained with the article's settings:
docs/images/lstm_127_1.svg (``show --model lstm.json 127 1 --svg``, in
docs/cli.md) and docs/images/lstm_carry_chain.svg (docs/part2.md).  As with the
walkthrough's diagrams (tests/test_diagrams.py), the committed files were
drawn by those commands and looked at; these tests redraw them and ask for
the same text, so the docs cannot drift from the code and any change to a
picture (a colour, a font size, a line moved) shows up as a diff of the file
to review.  If one fails after a change you meant, redraw the file with the
command in its test's docstring, look at it, and commit it.

The article's model and the LSTM are the session's shared runs (conftest.py),
the weak one tests/conftest.py's weak_model_file.  The error curve needs every
iteration's overallError, which the command line does not print: a shared
run of its own keeps them (tests/errors_run.py), and the article_errors
fixture below checks it is the same run, checkpoint for checkpoint against
the published log and weight for weight against the shared model.
"""

import contextlib
import importlib.util
import io
import json
import os
import shutil

import pytest

from conftest import ROOT, golden
from minirnn import cli
from minirnn.data import int2binary
from minirnn.plots import error_curve_svg

IMAGES = os.path.join(ROOT, "docs", "images")


def committed(name):
    with open(os.path.join(IMAGES, name)) as handle:
        return handle.read()


@pytest.fixture(scope="module")
def article_errors(article_errors_published, article_model):
    """(errors, settings) of the article's run: overallError at every iteration (a shared run)."""
    assert article_errors_published.returncode == 0, article_errors_published.stderr
    with open(article_errors_published.model_file) as handle:
        run = json.load(handle)
    errors = run["errors"]
    # The same run as the published one: each printed error, to the 8 decimals
    # numpy shows (tests/golden/article_add.log), and the shared model's weights.
    published = [float(line[len("Error:["):-1]) for line in golden("article_add.log").splitlines()
                 if line.startswith("Error:[")]
    assert len(errors) == 10000 and len(published) == 10
    for k, value in enumerate(published):
        assert abs(errors[1000 * k] - value) <= 5e-9, (k, errors[1000 * k], value)
    for name in article_model.weight_names:
        assert run["weights"][name] == getattr(article_model, name), name
    return errors, article_model.settings


def test_the_error_curve_in_the_docs_is_current(article_errors):
    """docs/images/article_curve.svg: python3 -m minirnn train --plot docs/images/article_curve.svg"""
    errors, settings = article_errors
    assert error_curve_svg(errors, settings) == committed("article_curve.svg")


def show_svg(model_path, name, a, b, folder):
    """(what it prints, what it draws): ``show --model NAME a b --svg PICTURE``, in-process.

    The picture names the model file it was drawn from, so the model is copied
    to the name the docs use (article.json, weak.json, lstm.json) first.
    """
    model_file = str(folder / name)
    shutil.copyfile(model_path, model_file)
    picture = str(folder / "picture.svg")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["show", "--model", model_file, str(a), str(b), "--svg", picture]) == 0
    with open(picture) as handle:
        return out.getvalue().replace(picture, "PICTURE"), handle.read()


def test_the_hidden_layer_picture_in_the_docs_is_current(article_model_file, tmp_path):
    """docs/images/article_91_39.svg: train --save article.json, then
    python3 -m minirnn show --model article.json 91 39 --svg docs/images/article_91_39.svg"""
    said, drawn = show_svg(article_model_file, "article.json", 91, 39, tmp_path)
    assert said == "91 + 39 = 130 (right); drawn in PICTURE\n"
    assert drawn == committed("article_91_39.svg")


def test_the_wrong_bits_picture_in_the_docs_is_current(weak_model_file, tmp_path):
    """docs/images/weak_91_39.svg: train --iterations 300 --save weak.json, then
    python3 -m minirnn show --model weak.json 91 39 --svg docs/images/weak_91_39.svg"""
    said, drawn = show_svg(weak_model_file, "weak.json", 91, 39, tmp_path)
    assert said == "91 + 39 = 126 (wrong: the answer is 130); drawn in PICTURE\n"
    assert drawn == committed("weak_91_39.svg")


def test_the_lstm_picture_in_the_docs_is_current(lstm_published, tmp_path):
    """docs/images/lstm_127_1.svg: train --cell lstm --save lstm.json, then
    python3 -m minirnn show --model lstm.json 127 1 --svg docs/images/lstm_127_1.svg"""
    said, drawn = show_svg(lstm_published.model_file, "lstm.json", 127, 1, tmp_path)
    assert said == "127 + 1 = 128 (right); drawn in PICTURE\n"
    assert drawn == committed("lstm_127_1.svg")


def test_what_docs_cli_says_about_the_lstm_picture_holds(lstm_published):
    """docs/cli.md reads the picture: the cell state's unit 7 counts the carry from -0.8 after
    bit 0 down to -2.9 after bit 6 and is back at -1.1 after bit 7, while the same unit of h
    levels off between -0.91 and -0.96 from bit 2 on (after -0.59 and -0.85)."""
    a, b = int2binary(127, 8), int2binary(1, 8)
    _, states = lstm_published.model.forward(a, b)
    cell = [round(c[0][6], 1) for c in states["cell"][1:]]
    h = [round(x[0][6], 2) for x in states["h"][1:]]
    assert cell[0] == -0.8 and cell[6] == -2.9 and cell[7] == -1.1, cell
    assert all(later < earlier for earlier, later in zip(cell[:7], cell[1:7])), cell
    assert h[:2] == [-0.59, -0.85] and all(-0.96 <= x <= -0.91 for x in h[2:7]), h


def test_the_carry_chain_picture_in_part2_is_current(lstm_published):
    """docs/images/lstm_carry_chain.svg: python3 docs/part2_pictures.py, which trains the same
    LSTM as ``train --cell lstm`` (the session's run) and draws 2,147,483,647 + 1 with it."""
    spec = importlib.util.spec_from_file_location(
        "part2_pictures", os.path.join(ROOT, "docs", "part2_pictures.py"))
    part2_pictures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(part2_pictures)
    drawn = part2_pictures.carry_chain_svg(lstm_published.model, 2 ** 31 - 1, 1, 32)
    assert drawn == committed("lstm_carry_chain.svg")


def test_what_docs_part2_says_about_the_carry_chain_holds(lstm_published):
    """docs/part2.md reads the carry-chain picture (2,147,483,647 + 1 in 32 bits): c7 and c14
    fall at every position while the carry runs, level off from about position 20 near -3.9
    and -3.2, and at position 31 c7 is back at -1.6; every bit of the answer is right."""
    bits = 32
    answer, states = lstm_published.model.forward(int2binary(2 ** 31 - 1, bits), int2binary(1, bits))
    assert answer == int2binary(2 ** 31, bits)
    c7 = [c[0][6] for c in states["cell"][1:]]
    c14 = [c[0][13] for c in states["cell"][1:]]
    for unit, level in ((c7, -3.9), (c14, -3.2)):
        assert all(later <= earlier for earlier, later in zip(unit[:31], unit[1:31])), unit
        assert all(abs(value - level) < 0.1 for value in unit[20:31]), unit
    assert round(c7[31], 1) == -1.6, c7


@pytest.mark.parametrize("name", ["article_curve.svg", "article_91_39.svg", "weak_91_39.svg",
                                  "lstm_127_1.svg", "lstm_carry_chain.svg"])
def test_the_docs_show_the_committed_pictures(name):
    """README.md or a page of docs/ links each picture, so a renamed file cannot leave a broken
    link."""
    with open(os.path.join(ROOT, "README.md")) as handle:
        readme = handle.read()
    pages = ""
    for page in ("cli.md", "part2.md"):
        with open(os.path.join(ROOT, "docs", page)) as handle:
            pages += handle.read()
    assert "(images/%s)" % name in pages or "(docs/images/%s)" % name in readme
