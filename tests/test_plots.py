"""Pictures: the SVG writer, the error curve, the hidden-layer heat map (SVG and text), and
``train --plot`` and ``show`` on the command line."""

import os
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

import minirnn
from minirnn import cli as cli_module
from minirnn.cli import main
from minirnn.data import int2binary
from minirnn.numpy_random import RandomState
from minirnn.plots import (ASCII_SHADES, MAX_DRAWN_BITS, SCALE, error_curve_svg, hidden_heatmap_svg,
                           hidden_heatmap_text, nice_ticks, shade, smoothing_window)
from minirnn.svg import element, number

SVG = "{http://www.w3.org/2000/svg}"


def parse(text):
    """The root <svg> element; fails the test if the text is not well-formed XML."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def find(root, tag, **attrs):
    """Every element with this tag whose attributes include attrs (class_ for class)."""
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    return [e for e in root.iter(SVG + tag)
            if all(e.get(name) == value for name, value in wanted.items())]


def texts(root):
    return [e.text for e in root.iter(SVG + "text")]


def polyline_points(line):
    return [tuple(float(v) for v in pair.split(",")) for pair in line.get("points").split()]


def luminance(colour):
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.fixture(scope="module")
def model(article_model):
    """The article's trained network: right on every 8-bit sum."""
    return article_model


def noisy_errors(count, seed=0):
    """A made-up error curve, falling from about 4 to about 0.5 with noise, as training's does."""
    rng = RandomState(seed)
    return [4.0 - 3.5 * i / count + rng.random() - 0.5 for i in range(count)]


# The SVG writer


@given(st.text())
def test_any_text_survives_the_round_trip_through_xml(text):
    text = "".join(c for c in text if c in "\t\n" or " " <= c < "\ud800" or "\ue000" <= c <= "\ufffd")
    root = parse('<svg xmlns="http://www.w3.org/2000/svg">%s</svg>'
                 % element("text", text, x=0, y=0, data_label=text))
    node = root.find(SVG + "text")
    assert (node.text or "") == text
    assert node.get("data-label").split() == text.split()  # XML reads line ends in attributes as spaces


@given(st.floats(-1e6, 1e6))
def test_numbers_are_within_half_a_hundredth(x):
    assert abs(float(number(x)) - x) <= 0.005 + 1e-9


def test_the_colour_scale_runs_from_white_to_navy_and_darkens_steadily():
    assert shade(0) == "#%02x%02x%02x" % SCALE[0] and shade(1) == "#%02x%02x%02x" % SCALE[-1]
    shades = [luminance(shade(k / 100.0)) for k in range(101)]
    assert all(a > b for a, b in zip(shades, shades[1:]))
    assert shade(-3) == shade(0) and shade(7) == shade(1)


@pytest.mark.parametrize("high", [0.37, 1, 4.3, 8, 9.99, 300, 10000, 12345])
def test_ticks_are_round_evenly_spaced_and_cover_the_data(high):
    ticks = nice_ticks(high)
    assert ticks[0] == 0 and ticks[-1] >= high and ticks[-2] < high
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    mantissa = "%.6e" % steps.pop()  # such as 2.000000e+03
    assert mantissa[1:].startswith(".000000e") and mantissa[0] in "125"


# The error curve


def y_axis(root):
    """The y coordinate of every y-axis tick, from the tick labels: {value: y}."""
    ticks = {}
    for label in find(root, "g", class_="ticks")[0].iter(SVG + "text"):
        if label.get("text-anchor") == "end":
            ticks[float(label.text)] = float(label.get("y")) - 4  # labels sit 4 px below their line
    return ticks


def error_at(ticks, y):
    """The error a y coordinate stands for, from two ticks' positions."""
    (v0, y0), (v1, y1) = sorted(ticks.items())[0], sorted(ticks.items())[-1]
    return v0 + (y - y0) * (v1 - v0) / (y1 - y0)


def test_the_error_curve_has_both_series_labelled_axes_and_the_settings():
    settings = dict(minirnn.PRESETS["article"])
    root = parse(error_curve_svg(noisy_errors(10000), settings))
    assert len(find(root, "polyline", class_="raw")) == 1
    assert len(find(root, "polyline", class_="smoothed")) == 1
    words = texts(root)
    assert "iteration" in words and "overallError" in words
    assert "0" in words and "2,000" in words and "10,000" in words
    assert any("8-bit addition" in w and "alpha 0.1" in w and "seed 0" in w and "10,000 iterations" in w
               for w in words)
    assert any("mean of the last 200 iterations" in w for w in words)
    legend = find(root, "g", class_="legend")[0]
    assert len(list(legend.iter(SVG + "line"))) == 2


def test_ten_thousand_points_make_a_small_file_with_one_column_per_pixel():
    text = error_curve_svg(noisy_errors(10000))
    assert len(text.encode("utf-8")) < 100000
    root = parse(text)
    raw = polyline_points(find(root, "polyline", class_="raw")[0])
    smooth = polyline_points(find(root, "polyline", class_="smoothed")[0])
    width = float(root.get("width"))
    assert len(smooth) <= width and len(raw) <= 2 * width
    xs = [x for x, _ in smooth]
    assert xs == sorted(xs)


@pytest.mark.parametrize("count", [1, 50, 300, 10000])
def test_the_lines_show_the_data_at_the_right_height(count):
    errors = noisy_errors(count, seed=count)
    root = parse(error_curve_svg(errors))
    ticks = y_axis(root)
    raw = [error_at(ticks, y) for _, y in polyline_points(find(root, "polyline", class_="raw")[0])]
    smooth = [error_at(ticks, y) for _, y in
              polyline_points(find(root, "polyline", class_="smoothed")[0])]
    # The envelope reaches the highest and lowest error, and nothing beyond them.
    assert max(raw) == pytest.approx(max(errors), abs=0.01)
    assert min(raw) == pytest.approx(min(errors), abs=0.01)
    # The smoothed line ends at the mean of the last window of errors.
    window = smoothing_window(count)
    assert smooth[-1] == pytest.approx(sum(errors[-window:]) / window, abs=0.01)
    if count <= 300:  # few enough that every error is drawn as it is
        assert raw == pytest.approx(errors, abs=0.01)


@pytest.mark.parametrize("count", [1, 3, 7, 12345])
def test_iterations_on_the_axis_are_whole_numbers(count):
    root = parse(error_curve_svg(noisy_errors(count)))
    labels = [t.text for t in find(root, "g", class_="ticks")[0].iter(SVG + "text")
              if t.get("text-anchor") == "middle"]
    numbers = [int(label.replace(",", "")) for label in labels]
    assert len(numbers) >= 4 and numbers == sorted(set(numbers))
    assert numbers[-1] >= count


@pytest.mark.parametrize("errors, says", [([], "no errors"), ([1.0, float("nan")], "finite"),
                                          ([float("inf")], "finite")])
def test_the_error_curve_refuses_what_it_cannot_draw(errors, says):
    with pytest.raises(ValueError, match=says):
        error_curve_svg(errors)


# The hidden layer


def bits_lsb_first(n, width):
    return int2binary(n, width)[::-1]


def carries_into(a, b, width, task="add"):
    """The carry (borrow) into each position, from whole-number arithmetic on the low bits."""
    into = []
    for k in range(width):
        low_a, low_b = a % 2 ** k, b % 2 ** k
        if task == "add":
            into.append((low_a + low_b) >> k)
        else:
            into.append(1 if low_a < low_b else 0)
    return into


def row_digits(root, css):
    """The digits written in a row's cells, left to right."""
    cells = find(root, "rect", class_=css)
    xs = sorted({float(c.get("x")) for c in cells})
    digits = {}
    for t in root.iter(SVG + "text"):
        for c in cells:
            x, y = float(c.get("x")), float(c.get("y"))
            if (x < float(t.get("x")) < x + float(c.get("width"))
                    and y < float(t.get("y")) < y + float(c.get("height")) and t.text in "01"):
                digits[(float(c.get("y")), x)] = int(t.text)
    rows = sorted({y for y, _ in digits})
    return [[digits[(y, x)] for x in xs] for y in rows]


@pytest.mark.parametrize("a, b", [(91, 39), (57, 68), (0, 0), (127, 127), (255, 1)])
def test_the_heat_map_has_a_cell_per_unit_and_bit_and_the_bits_of_the_sum(model, a, b):
    root = parse(hidden_heatmap_svg(model, a, b, label="m.json"))
    width = max(8, len(bin(max(a, b))) - 2 + 1)
    assert len(find(root, "rect", class_="hidden")) == 16 * width
    assert len(find(root, "rect", class_="output")) == width
    assert row_digits(root, "input") == [bits_lsb_first(a, width), bits_lsb_first(b, width)]
    assert row_digits(root, "carry") == [carries_into(a, b, width)]
    assert row_digits(root, "true") == [bits_lsb_first(a + b, width)]
    assert row_digits(root, "predicted") == [bits_lsb_first(model.predict(a, b), width)]
    assert any(w.startswith("%d + %d = " % (a, b)) for w in texts(root))
    assert any("m.json" in w for w in texts(root) if w)


def test_the_darkest_cell_is_the_most_active_unit_and_the_lightest_the_least(model):
    a, b = 91, 39
    layers = model.feed(int2binary(a, 8), int2binary(b, 8))[1][1:]  # after each bit, ones first
    values = [(layers[k][0][unit], unit, k) for k in range(8) for unit in range(16)]
    root = parse(hidden_heatmap_svg(model, a, b))
    cells = find(root, "rect", class_="hidden")
    x0 = min(float(c.get("x")) for c in cells)
    y0 = min(float(c.get("y")) for c in cells)
    w, h = float(cells[0].get("width")), float(cells[0].get("height"))

    def where(cell):
        return round((float(cell.get("y")) - y0) / h), round((float(cell.get("x")) - x0) / w)

    fills = {where(cell): cell.get("fill") for cell in cells}
    darkest = min(luminance(fill) for fill in fills.values())
    lightest = max(luminance(fill) for fill in fills.values())
    _, unit, k = max(values)
    assert luminance(fills[unit, k]) == darkest
    _, unit, k = min(values)
    assert luminance(fills[unit, k]) == lightest
    # More: the more active a unit, the darker its cell, all through.
    by_value = [luminance(fills[unit, k]) for _, unit, k in sorted(values)]
    assert all(x >= y for x, y in zip(by_value, by_value[1:]))
    # Each cell's tooltip names its unit, bit and value.
    for cell in cells:
        unit, k = where(cell)
        assert cell.find(SVG + "title").text == "hidden unit %d after bit %d: %.3f" % (
            unit + 1, k, layers[k][0][unit])


def test_the_legend_shows_the_scale_from_0_to_1(model):
    root = parse(hidden_heatmap_svg(model, 5, 3))
    legend = find(root, "g", id="legend")[0]
    stops = list(legend.iter(SVG + "stop"))
    assert stops[0].get("stop-color") == shade(0) and stops[-1].get("stop-color") == shade(1)
    labels = [t.text for t in legend.iter(SVG + "text")]
    assert "0" in labels and "1" in labels


def test_wrong_bits_are_outlined(weak_model):
    a, b = 91, 39
    predicted = weak_model.predict(a, b)
    wrong = bin(predicted ^ (a + b)).count("1")
    assert wrong > 0  # the weak network is still wrong here, which this test needs
    root = parse(hidden_heatmap_svg(weak_model, a, b))
    assert len(find(root, "rect", class_="wrong")) == wrong
    assert "(wrong: the answer is 130)" in root.find(SVG + "title").text


def test_a_subtraction_model_shows_borrows():
    settings = dict(minirnn.PRESETS["subtraction"], iterations=20)
    del settings["print_every"]
    model = minirnn.train(print_every=None, **settings)
    root = parse(hidden_heatmap_svg(model, 100, 27))
    assert "borrow in" in texts(root)
    assert row_digits(root, "carry") == [carries_into(100, 27, 8, "sub")]
    assert row_digits(root, "true") == [bits_lsb_first(73, 8)]
    with pytest.raises(ValueError, match="a >= b"):
        hidden_heatmap_svg(model, 27, 100)


def test_wide_sums_fit_and_stay_well_formed(model):
    a, b = 2 ** 128 - 1, 2 ** 127 + 12345
    text = hidden_heatmap_svg(model, a, b)
    root = parse(text)
    assert len(find(root, "rect", class_="hidden")) == 16 * 129
    assert float(root.get("width")) < 2000


@pytest.mark.parametrize("a, b, says", [
    (-1, 2, "must not be negative"),
    (1.5, 2, "whole number"),
    (2 ** MAX_DRAWN_BITS, 1, "too large to draw"),
])
def test_operands_that_cannot_be_drawn_are_refused(model, a, b, says):
    for draw in (hidden_heatmap_svg, hidden_heatmap_text):
        with pytest.raises(ValueError, match=says):
            draw(model, a, b)


def test_the_text_view_has_the_bits_and_a_shade_per_unit(model):
    text = hidden_heatmap_text(model, 91, 39, ASCII_SHADES)
    lines = text.splitlines()
    assert lines[0] == "91 + 39 = %d (%s)" % (model.predict(91, 39),
                                              "right" if model.predict(91, 39) == 130 else
                                              "wrong: the answer is 130")
    start = lines[3].index("0") - 1  # where the first column's cell begins
    rows = {line[:start].strip(): line[start:] for line in lines[3:] if line[:1] not in ("", " ")}
    assert rows["a = 91"].split() == [str(bit) for bit in bits_lsb_first(91, 8)]
    assert rows["carry in"].split() == [str(bit) for bit in carries_into(91, 39, 8)]
    layers = model.feed(int2binary(91, 8), int2binary(39, 8))[1][1:]
    for unit in range(16):
        cells = [rows["hidden %d" % (unit + 1)].ljust(3 * 8)[3 * k:3 * k + 2] for k in range(8)]
        expected = [ASCII_SHADES[min(int(layers[k][0][unit] * 5), 4)] for k in range(8)]
        assert cells == expected
    assert lines[-1].startswith("shading:")


# The command line


def test_train_plot_writes_the_curve_and_prints_the_same_log(cli, tmp_path):
    path = tmp_path / "curve.svg"
    done = cli("train", "--iterations", "300", "--print-every", "100", "--plot", path)
    assert done.returncode == 0 and done.stderr == "minirnn: drew the error curve in %s\n" % path
    assert done.stdout == cli("train", "--iterations", "300", "--print-every", "100").stdout
    assert "\r" not in done.stdout
    root = parse(path.read_text())
    raw = polyline_points(find(root, "polyline", class_="raw")[0])
    assert len(raw) == 300
    assert os.listdir(str(tmp_path)) == ["curve.svg"]  # no temporary file left behind


@pytest.mark.parametrize("where, says", [
    ("{tmp}/no/such/curve.svg", "no such folder"),
    ("{tmp}/file.txt/curve.svg", "is not a folder"),
    ("{tmp}/curve.png", "must end in .svg"),
    ("{tmp}/dir.svg", "is a directory"),
    ("", "empty"),
])
def test_an_unusable_plot_path_is_refused_before_training(cli, tmp_path, where, says):
    (tmp_path / "file.txt").write_text("kept")
    (tmp_path / "dir.svg").mkdir()
    done = cli("train", "--plot", where.format(tmp=tmp_path))
    assert done.returncode == 2 and done.stdout == ""  # refused at once: nothing was trained
    assert len(done.stderr.splitlines()) == 1 and says in done.stderr
    assert "argument --plot" in done.stderr and "Traceback" not in done.stderr
    assert sorted(os.listdir(str(tmp_path))) == ["dir.svg", "file.txt"]


def test_plotting_onto_the_saved_model_is_refused(cli, tmp_path):
    done = cli("train", "--save", tmp_path / "m.svg", "--plot", str(tmp_path) + "/./m.svg")
    assert done.returncode == 2 and done.stdout == "" and "same file as --save" in done.stderr
    assert os.listdir(str(tmp_path)) == []


def test_plotting_zero_iterations_is_refused(cli, tmp_path):
    done = cli("train", "--iterations", "0", "--plot", tmp_path / "c.svg")
    assert done.returncode == 2 and "nothing to plot" in done.stderr


def test_a_plot_that_fails_after_training_exits_1_and_keeps_the_old_file(tmp_path, monkeypatch,
                                                                         capsys):
    path = str(tmp_path / "curve.svg")
    with open(path, "w") as handle:
        handle.write("previous")

    def full_disk(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_module, "write_atomically", full_disk)
    assert main(["train", "--iterations", "3", "--plot", path]) == 1
    captured = capsys.readouterr()
    assert captured.err == "minirnn: error: cannot write picture '%s': No space left on device\n" % path
    # the log was printed (iteration 0, and the last of a run shorter than --print-every),
    # then the plot failed
    assert captured.out.count("------------") == 2
    with open(path) as handle:
        assert handle.read() == "previous"


def test_show_prints_the_text_view_and_draws_the_svg(cli, weak_model, weak_model_file, tmp_path):
    done = cli("show", "--model", weak_model_file, "91", "39")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == hidden_heatmap_text(weak_model, 91, 39) + "\n"
    path = tmp_path / "hidden.svg"
    done = cli("show", "--model", weak_model_file, "91", "39", "--svg", path)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("91 + 39 = ") and str(path) in done.stdout
    assert path.read_text() == hidden_heatmap_svg(weak_model, 91, 39,
                                                  label=os.path.basename(weak_model_file))


@pytest.mark.parametrize("args, says", [
    (["5", "-3"], "must not be negative"),
    (["5", "x"], "not a whole number"),
    (["5", "2.5"], "not a whole number"),
    ([str(2 ** 128), "1"], "too large to draw"),
    (["5"], "required"),
    (["5", "3", "--svg", "{tmp}/no/such/h.svg"], "no such folder"),
    (["5", "3", "--svg", "{tmp}/h.txt"], "must end in .svg"),
])
def test_show_refuses_bad_input_in_one_line(cli, weak_model_file, tmp_path, args, says):
    done = cli("show", "--model", weak_model_file, *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and says in done.stderr
    assert os.listdir(str(tmp_path)) == []


def test_show_refuses_a_bad_model_file(cli, tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{")
    done = cli("show", "--model", path, "1", "2")
    assert done.returncode == 2 and "not valid JSON" in done.stderr
    assert len(done.stderr.splitlines()) == 1


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2 ** 20), st.integers(0, 2 ** 20))
def test_any_pair_draws_a_well_formed_picture(model, a, b):
    root = parse(hidden_heatmap_svg(model, a, b))
    width = max(8, len(bin(max(a, b))) - 2 + 1)
    assert len(find(root, "rect", class_="hidden")) == 16 * width
