"""The walkthrough's two diagrams: what they show, that nothing in them collides, and that
the files in docs/images/ are what minirnn.diagrams draws now.

The expected counts come from the network itself (one input, hidden and
output box per bit; one synapse_h arrow into each hidden layer; one
future_layer_1_delta arrow out of each), not from the drawing code.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from minirnn import diagrams
from minirnn.diagrams import CHAR, bptt_svg, unrolled_svg, width_for

SVG = "{http://www.w3.org/2000/svg}"
BITS = [1, 3, 8, 16]


def parse(text):
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def with_class(root, tag, name):
    return [e for e in root.iter(SVG + tag) if e.get("class") == name]


def texts(root):
    return [e.text for e in root.iter(SVG + "text")]


def arrow_ends(g):
    """(tail, tip) of an arrow group: the line's start, the head's first point."""
    line = g.find(SVG + "line")
    tip = g.find(SVG + "polygon").get("points").split()[0].split(",")
    return (float(line.get("x1")), float(line.get("y1"))), (float(tip[0]), float(tip[1]))


def rect_box(e):
    x, y = float(e.get("x")), float(e.get("y"))
    return x, y, x + float(e.get("width")), y + float(e.get("height"))


def boxes(root):
    return [rect_box(e) for e in root.iter(SVG + "rect")
            if e.get("class") in ("input", "hidden", "output", "start", "sum")]


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def touches_edge(point, box):
    """The point lies on the box's outline (to within a pixel)."""
    x, y = point
    x0, y0, x1, y1 = box
    inside_x, inside_y = x0 - 1 <= x <= x1 + 1, y0 - 1 <= y <= y1 + 1
    return ((inside_y and (abs(x - x0) <= 1 or abs(x - x1) <= 1))
            or (inside_x and (abs(y - y0) <= 1 or abs(y - y1) <= 1)))


@pytest.mark.parametrize("bits", BITS)
def test_unrolled_has_a_column_per_bit(bits):
    root = parse(unrolled_svg(bits))
    for kind in ("input", "hidden", "output"):
        assert len(with_class(root, "rect", kind)) == bits
    for kind in ("synapse_0", "synapse_h", "synapse_1"):
        assert len(with_class(root, "g", kind)) == bits
    words = texts(root)
    assert ["position %d" % k for k in range(bits)] == [t for t in words if t.startswith("position")]
    assert "worth %d" % 2 ** (bits - 1) in words
    # Least significant first: the first column reads the last bit of a and b.
    inputs = [t for t in words if t.startswith("a[")]
    assert inputs == ["a[%d], b[%d]" % (bits - 1 - k, bits - 1 - k) for k in range(bits)]
    assert "layer_1_values" in words and "values[0]" in words
    for name in ("synapse_0", "synapse_h", "synapse_1"):
        assert name in words                                     # beside its first arrow
        assert any(t.startswith(name + ":") for t in words)      # and in the legend


@pytest.mark.parametrize("bits", BITS)
def test_unrolled_arrows_run_the_right_way(bits):
    root = parse(unrolled_svg(bits))
    hidden = [rect_box(e) for e in with_class(root, "rect", "hidden")]
    for g in with_class(root, "g", "synapse_h"):      # left to right, into a hidden layer
        (x1, y1), (x2, y2) = arrow_ends(g)
        assert x2 > x1 and y1 == y2
        assert any(touches_edge((x2, y2), box) for box in hidden)
    for kind in ("synapse_0", "synapse_1"):           # upwards, from input and into output
        for g in with_class(root, "g", kind):
            (x1, y1), (x2, y2) = arrow_ends(g)
            assert y2 < y1 and x1 == x2


@pytest.mark.parametrize("bits", BITS)
def test_bptt_has_the_deltas_and_the_sums(bits):
    root = parse(bptt_svg(bits))
    assert len(with_class(root, "rect", "output")) == bits
    assert len(with_class(root, "rect", "hidden")) == bits
    assert len(with_class(root, "rect", "sum")) == 3
    assert len(with_class(root, "g", "term")) == bits
    # each term adds to all three sums
    assert all(len(g.findall(SVG + "circle")) == 3 for g in with_class(root, "g", "term"))
    words = texts(root)
    for name in ("synapse_0_update", "synapse_1_update", "synapse_h_update", "layer_2_delta",
                 "layer_1_delta", "future_layer_1_delta"):
        assert name in words
    # The backward loop's position 0 is the most significant bit: the rightmost column.
    positions = [t for t in words if t.startswith("position")]
    assert positions == ["position %d" % k for k in range(bits - 1, -1, -1)]


@pytest.mark.parametrize("bits", BITS)
def test_bptt_arrows_run_backwards(bits):
    root = parse(bptt_svg(bits))
    hidden = [rect_box(e) for e in with_class(root, "rect", "hidden")]
    future = with_class(root, "g", "future_layer_1_delta")
    assert len(future) == bits
    for g in future:                                   # right to left, into a hidden layer
        (x1, y1), (x2, y2) = arrow_ends(g)
        assert x2 < x1 and y1 == y2
        assert any(touches_edge((x2, y2), box) for box in hidden)
    downward = with_class(root, "g", "layer_2_delta")
    assert len(downward) == bits
    for g in downward:                                 # from each output down into its hidden layer
        (x1, y1), (x2, y2) = arrow_ends(g)
        assert y2 > y1 and x1 == x2
        assert any(touches_edge((x2, y2), box) for box in hidden)


@pytest.mark.parametrize("draw", [unrolled_svg, bptt_svg])
@pytest.mark.parametrize("bits", BITS)
def test_nothing_collides(draw, bits):
    root = parse(draw(bits))
    width, height = float(root.get("width")), float(root.get("height"))
    found = boxes(root)
    for i, a in enumerate(found):
        assert 0 <= a[0] and a[2] <= width and 0 <= a[1] and a[3] <= height
        for b in found[i + 1:]:
            assert not overlap(a, b), (a, b)
    # Each box's text, at a generous width per character, fits inside it.
    for g in root.iter(SVG + "g"):
        rect = g.find(SVG + "rect")
        if rect is None or rect.get("class") not in ("input", "hidden", "output", "start"):
            continue
        for t in g.findall(SVG + "text"):
            assert CHAR * float(t.get("font-size")) * len(t.text) < float(rect.get("width")) - 4, t.text
    # Every text starts and ends on the picture.
    for t in root.iter(SVG + "text"):
        x, size = float(t.get("x")), float(t.get("font-size"))
        span = CHAR * size * len(t.text)
        left = {"start": x, "middle": x - span / 2, "end": x - span}[t.get("text-anchor")]
        assert 0 <= left and left + span <= width, t.text


def test_the_overlap_check_can_fail():
    assert overlap((0, 0, 10, 10), (9, 9, 20, 20))
    assert not overlap((0, 0, 10, 10), (10, 0, 20, 10))
    assert touches_edge((0, 5), (0, 0, 10, 10)) and not touches_edge((5, 5), (0, 0, 10, 10))


@pytest.mark.parametrize("name, draw", [("unrolled.svg", unrolled_svg), ("bptt.svg", bptt_svg)])
def test_the_committed_images_are_up_to_date(name, draw):
    """If this fails, run python3 -m minirnn.diagrams from the top of the repository."""
    with open(os.path.join(ROOT, "docs", "images", name)) as handle:
        assert handle.read() == draw(8)


def test_the_command_writes_both(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-m", "minirnn.diagrams", str(tmp_path)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(str(tmp_path))) == ["bptt.svg", "unrolled.svg"]
    with open(os.path.join(str(tmp_path), "bptt.svg")) as handle:
        assert handle.read() == bptt_svg(8)


def test_the_command_refuses_a_missing_folder(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    missing = os.path.join(str(tmp_path), "no", "such")
    done = subprocess.run([sys.executable, "-m", "minirnn.diagrams", missing], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot write into" in done.stderr
    assert not os.path.exists(missing)


def test_the_command_refuses_extra_arguments(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-m", "minirnn.diagrams", str(tmp_path), "extra"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    assert done.returncode == 2
    assert done.stderr.startswith("usage:") and done.stderr.count("\n") == 1
    assert os.listdir(str(tmp_path)) == []


@pytest.mark.parametrize("draw", [unrolled_svg, bptt_svg])
def test_drawn_for_the_article_8_bits_by_default(draw):
    """The article's binary_dim is 8: a picture drawn with no argument has 8 columns."""
    root = parse(draw())
    assert len(with_class(root, "rect", "hidden")) == 8


def test_the_width_leaves_room_for_the_longest_line():
    """A picture is as wide as its columns, or as its longest line of text plus a margin of
    12 on each side; a legend line with an arrow starts 40 further right.  Each expected
    width is worked out by hand: a character is taken as 0.55 of the font size wide, and
    the title is drawn at 18 pixels, the subtitle and legend at 13."""
    ten = "x" * 10
    assert width_for(500, ten, ten, [("#000000", ten), (None, ten)]) == 500
    assert width_for(0, ten, "", []) == 12 + 0.55 * 18 * 10 + 12                  # 123
    assert width_for(0, "", ten, []) == 12 + 0.55 * 13 * 10 + 12                  # 95.5
    assert width_for(0, "", "", [(None, ten)]) == 12 + 0.55 * 13 * 10 + 12        # 95.5
    assert width_for(0, "", "", [("#000000", ten)]) == 12 + 40 + 0.55 * 13 * 10 + 12  # 135.5


@pytest.mark.parametrize("ending", ["", "/"])
@pytest.mark.parametrize("name", ["pictures", "box_X"])
def test_main_writes_both_into_the_folder_named(tmp_path, capsys, name, ending):
    """In-process: each written path is printed, the folder and file name joined by one slash
    (whatever the folder's name ends with), and the files are the committed 8-bit diagrams."""
    folder = tmp_path / name
    folder.mkdir()
    assert diagrams.main([str(folder) + ending]) == 0
    out, err = capsys.readouterr()
    assert out == "%s/unrolled.svg\n%s/bptt.svg\n" % (folder, folder) and err == ""
    for picture in ("unrolled.svg", "bptt.svg"):
        with open(str(folder / picture)) as drawn, \
                open(os.path.join(ROOT, "docs", "images", picture)) as docs:
            assert drawn.read() == docs.read()


def test_main_writes_into_docs_images_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(str(tmp_path))
    os.makedirs("docs/images")
    assert diagrams.main([]) == 0
    assert capsys.readouterr().out == "docs/images/unrolled.svg\ndocs/images/bptt.svg\n"
    assert sorted(os.listdir("docs/images")) == ["bptt.svg", "unrolled.svg"]


def test_main_usage(tmp_path, capsys):
    assert diagrams.main([str(tmp_path), "extra"]) == 2
    assert diagrams.main([str(tmp_path), "extra", "more"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and os.listdir(str(tmp_path)) == []
    assert err == "usage: python3 -m minirnn.diagrams [FOLDER]  (default docs/images)\n" * 2


def test_main_names_the_folder_it_cannot_write(tmp_path, capsys):
    missing = str(tmp_path / "no" / "such")
    assert diagrams.main([missing]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("minirnn.diagrams: cannot write into %s: " % missing)
    assert err.endswith("\n") and err.count("\n") == 1


def test_main_interrupted_leaves_the_old_file_whole(tmp_path, monkeypatch, capsys):
    """Ctrl-C while a diagram is drawn: status 130, one line, and the file there before is
    untouched (each diagram is drawn before its file is opened)."""
    def interrupted(bits):
        raise KeyboardInterrupt

    old = tmp_path / "unrolled.svg"
    old.write_text(u"the old picture")
    monkeypatch.setattr(diagrams, "DIAGRAMS", (("unrolled.svg", interrupted),))
    assert diagrams.main([str(tmp_path)]) == 130
    out, err = capsys.readouterr()
    assert out == "" and err == "minirnn.diagrams: interrupted\n"
    assert old.read_text() == "the old picture"
