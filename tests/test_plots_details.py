"""Details of the pictures that the layout tests (test_plots.py, test_picture_layout.py) and the
committed pictures (test_doc_pictures.py) leave open, each with an expectation written by hand."""

import xml.etree.ElementTree as ET

import pytest

import minirnn
from minirnn.lstm import LSTM
from minirnn.rnn import RNN
from minirnn.plots import (ASCII_SHADES, SumTrace, _probability, carries, describe_settings, error_curve_svg,
                           hidden_heatmap_svg, hidden_heatmap_text, reading, shade, signed_shade,
                           text_colour, value_range)

SVG = "{http://www.w3.org/2000/svg}"


def parse(text):
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


@pytest.mark.parametrize("settings, line", [
    ({}, ""),
    ({"bits": 8, "hidden": 16}, "16 hidden units"),        # no task: the bits of what is not said
    ({"task": "add", "seed": 3}, "seed 3"),
    ({"task": "sub", "bits": 4, "cell": "gru", "hidden": 1, "iterations": 1, "init_scale": 0.5,
      "h0": -0.25}, "4-bit subtraction, gru cell, 1 hidden unit, init scale 0.5, h0 -0.25, 1 iteration"),
])
def test_describe_settings_names_only_the_settings_it_is_given(settings, line):
    assert describe_settings(settings) == line


# The error curve of a short run

def labels_of(root, group_class):
    return [t.text for g in root.iter(SVG + "g") if g.get("class") == group_class
            for t in g.iter(SVG + "text")]


def falling(count):
    """count made-up errors falling from 3 to 0.5 (any finite values would do)."""
    return [3.0 - 2.5 * i / max(1, count - 1) for i in range(count)]


@pytest.mark.parametrize("count, raw, smooth", [
    # smoothing_window is count // 20 (at least 1, at most 200); with a window of 1 the
    # smoothed line is each iteration's error itself.  The plot is 788 pixels wide: up to
    # 2 * 788 iterations, every iteration's error is drawn, so the raw line is "each iteration".
    (1, "each iteration", "each iteration"),
    (39, "each iteration", "each iteration"),
    (40, "each iteration", "mean of the last 2 iterations"),
    (900, "each iteration", "mean of the last 45 iterations"),
    (10000, "each iteration (lowest to highest per pixel)", "mean of the last 200 iterations"),
])
def test_the_legend_says_what_each_line_shows(count, raw, smooth):
    root = parse(error_curve_svg(falling(count)))
    assert labels_of(root, "legend") == [raw, smooth]


def test_without_settings_the_subtitle_says_what_overall_error_is():
    root = parse(error_curve_svg([1.0, 0.5]))
    subtitle = [t.text for t in root.iter(SVG + "text") if t.get("class") == "subtitle"]
    assert subtitle == ["overallError: the sum over the answer's bits of |true bit - output|"]


@pytest.mark.parametrize("count", [1, 2, 50])
def test_a_run_of_at_most_50_iterations_gets_a_dot_per_iteration(count):
    """Each dot, 6 pixels across in the scale's second darkest blue (shade(0.75), #2171b5),
    sits on a point of the raw line."""
    root = parse(error_curve_svg(falling(count)))
    groups = [g for g in root.iter(SVG + "g") if g.get("class") == "points"]
    assert len(groups) == 1 and groups[0].get("fill") == shade(0.75) == "#2171b5"
    raw = [g for g in root.iter(SVG + "polyline") if g.get("class") == "raw"][0]
    line = [tuple(float(v) for v in pair.split(",")) for pair in raw.get("points").split()]
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in groups[0].iter(SVG + "circle")]
    assert dots == line and len(dots) == count
    assert all(c.get("r") == "3" for c in groups[0].iter(SVG + "circle"))


def test_a_run_of_51_iterations_gets_no_dots():
    root = parse(error_curve_svg(falling(51)))
    assert not list(root.iter(SVG + "circle"))


@pytest.mark.parametrize("count", [1, 2, 5])
def test_a_very_short_run_counts_its_iterations_one_by_one(count):
    root = parse(error_curve_svg(falling(count)))
    assert labels_of(root, "ticks")[-6:] == ["0", "1", "2", "3", "4", "5"]


@pytest.mark.parametrize("highest, ticks", [
    # About five steps of 1, 2 or 5 times a power of ten, from 0 to at least the highest error.
    (3.0, ["0", "1", "2", "3"]),
    (0.37, ["0", "0.1", "0.2", "0.3", "0.4"]),
    (8.0, ["0", "2", "4", "6", "8"]),
])
def test_the_error_axis_has_about_five_round_steps(highest, ticks):
    root = parse(error_curve_svg([highest, highest / 2] * 10))
    assert labels_of(root, "ticks")[:len(ticks) + 1] == ticks + ["0"]  # then the iterations, from 0


@pytest.mark.parametrize("errors, message", [
    ([], "no errors to plot: train for at least one iteration"),
    ([1.0, float("inf")], "errors must be finite numbers, got inf"),
])
def test_the_error_curve_refuses_in_words(errors, message):
    with pytest.raises(ValueError) as caught:
        error_curve_svg(errors)
    assert str(caught.value) == message


# The hidden layer's picture

def test_a_subtraction_picture_names_its_rows_for_subtraction():
    settings = dict(minirnn.PRESETS["subtraction"], iterations=1)
    del settings["print_every"]
    root = parse(hidden_heatmap_svg(minirnn.train(print_every=None, **settings), 100, 27))
    words = [t.text for t in root.iter(SVG + "text")]
    assert "borrow in" in words and "true difference = 73" in words
    assert "carry in" not in words and not any(w.startswith("true sum") for w in words)


def counting_lstm():
    """One-unit LSTM whose gates are saturated open (bias 50: sigmoid and tanh give exactly 1.0),
    so its cell state c counts the bits read: 1, 2, ..., 8; h = tanh(c) stays within (0, 1)."""
    weights = {"synapse_1": [[0.0]]}
    for gate in "ifgo":
        weights.update({"synapse_0_" + gate: [[0.0], [0.0]], "synapse_h_" + gate: [[0.0]],
                        "bias_" + gate: [[50.0]]})
    return LSTM.from_weights(weights)


def test_a_signed_block_is_named_with_its_m():
    """The cell state reaches 8, so it is shaded from -8 to 8 and "m = 8" is written beside
    its block: rotated like the state's name, centred on the block like it, halfway between
    the name and the right edge of the unit numbers, small and grey like those numbers."""
    root = parse(hidden_heatmap_svg(counting_lstm(), 5, 3))
    spans = [t for t in root.iter(SVG + "text") if t.get("class") == "span"]
    assert [t.text for t in spans] == ["m = 8"]  # h lies within 0 to 1: no m
    span = spans[0]
    name = [t for t in root.iter(SVG + "text") if t.text == "cell state c"][0]
    unit = [t for t in root.iter(SVG + "text") if t.text == "1" and t.get("text-anchor") == "end"][-1]
    x, y = float(span.get("x")), float(span.get("y"))
    assert span.get("transform") == "rotate(-90 %s %s)" % (span.get("x"), span.get("y"))
    assert y == float(name.get("y"))
    assert x == (float(name.get("x")) + float(unit.get("x"))) / 2
    assert span.get("text-anchor") == name.get("text-anchor") == "middle"
    assert (span.get("font-size"), span.get("fill")) == (unit.get("font-size"), unit.get("fill"))
    # and shaded over -8 to 8: c = 4 is halfway up the blue side, which shade(0.5) is
    cells = [e for e in root.iter(SVG + "rect") if e.get("class") == "cell"]
    assert [e.get("fill") for e in cells][3] == shade(0.5)


def test_the_signed_scale_is_drawn_above_the_legend():
    root = parse(hidden_heatmap_svg(counting_lstm(), 5, 3))
    signed = [g for g in root.iter(SVG + "g") if g.get("id") == "signed-legend"]
    legend = [g for g in root.iter(SVG + "g") if g.get("id") == "legend"][0]
    assert len(signed) == 1
    signed_bar, bar = signed[0].find(SVG + "rect"), legend.find(SVG + "rect")
    assert signed_bar.get("x") == bar.get("x")
    lowest_signed_text = max(float(t.get("y")) for t in signed[0].iter(SVG + "text"))
    assert lowest_signed_text + 12 <= min(float(t.get("y")) for t in legend.iter(SVG + "text")) - 13
    assert float(root.get("height")) >= max(float(t.get("y")) for t in legend.iter(SVG + "text"))


@pytest.fixture(scope="module")
def weak_model():
    """A network after 300 iterations, as tests/conftest.py's weak_model (wrong on 91 + 39)."""
    return minirnn.train(iterations=300, print_every=None)


def test_the_picture_is_as_wide_as_its_widest_part(weak_model):
    """The widest of: the cells with a right margin as wide as the left one (28), 660, and
    the headline at 11 pixels a character with both margins.  A wrong 128-bit sum's headline
    (four numbers of 39 digits) is wider than its cells."""
    for a, b, model, widest in ((91, 39, weak_model, "660"), (2 ** 128 - 1, 2 ** 127 + 12345, weak_model, "headline"),
                                (2 ** 100, 7, weak_model, "cells")):
        root = parse(hidden_heatmap_svg(model, a, b))
        cells = [e for e in root.iter(SVG + "rect") if e.get("class") == "hidden"]
        right = max(float(e.get("x")) + float(e.get("width")) for e in cells)
        headline = root.find(SVG + "title").text
        parts = {"cells": right + 28, "660": 660, "headline": 2 * 28 + 11 * len(headline)}
        assert max(parts, key=parts.get) == widest
        assert float(root.get("width")) == parts[widest]


def overflowing_rnn():
    """One hidden unit whose sum is inf - inf = nan at every bit (tests/test_hostile.py's)."""
    model = RNN([[0.0], [0.0]], [[1.0]], [[1e308]], h0=-1e308)
    model.synapse_0 = [[float("inf")], [float("-inf")]]
    return model


def test_the_legend_explains_the_hatching_of_nan_on_a_line_like_its_first():
    """Below the colour bar and its labels: a hatched square, as tall as the bar, at the left
    margin, framed like the bar, and its words after it, spaced from it as "a wrong bit" is
    from its square, on a baseline as far below the square's top as the first line's is
    below the bar's top."""
    root = parse(hidden_heatmap_svg(overflowing_rnn(), 1, 1))
    legend = [g for g in root.iter(SVG + "g") if g.get("id") == "legend"][0]
    rects = legend.findall(SVG + "rect")
    bar, wrong, nan = rects
    words = {t.text: t for t in legend.iter(SVG + "text")}
    first, nan_words, wrong_words = words["activation or bit"], \
        words["not a number: the weighted sums overflowed"], words["a wrong bit"]

    def f(e, name):
        return float(e.get(name))

    assert nan.get("fill") == "url(#nan)"
    assert f(nan, "x") == f(first, "x") == 28
    assert f(nan, "width") == f(nan, "height") == f(bar, "height")
    assert (nan.get("stroke"), nan.get("stroke-width")) == (bar.get("stroke"), bar.get("stroke-width"))
    assert f(nan, "y") > max(f(t, "y") for t in legend.iter(SVG + "text") if t.text in ("0", "0.5", "1"))
    assert f(nan_words, "x") - f(nan, "x") - f(nan, "width") == \
        f(wrong_words, "x") - f(wrong, "x") - f(wrong, "width") == 8
    assert f(nan_words, "y") - f(nan, "y") == f(first, "y") - f(bar, "y")
    assert (nan_words.get("font-size"), nan_words.get("fill")) == (first.get("font-size"), first.get("fill"))
    assert f(root, "height") - f(nan_words, "y") >= 22  # at least the margin under a legend without it


def test_nan_is_hatched_in_orange_on_white():
    """The pattern: a 6-pixel white tile crossed by an orange (the wrong bit's) line 3 wide,
    turned 45 degrees, in the picture's own units."""
    root = parse(hidden_heatmap_svg(overflowing_rnn(), 1, 1))
    pattern = [p for p in root.iter(SVG + "pattern") if p.get("id") == "nan"]
    assert len(pattern) == 1
    p = pattern[0]
    assert (p.get("width"), p.get("height")) == ("6", "6")
    assert p.get("patternUnits") == "userSpaceOnUse" and p.get("patternTransform") == "rotate(45)"
    tile, line = p.find(SVG + "rect"), p.find(SVG + "line")
    assert (tile.get("width"), tile.get("height"), tile.get("fill")) == ("6", "6", "#ffffff")
    assert [line.get(k) for k in ("x1", "y1", "x2", "y2")] == ["0", "0", "0", "6"]
    assert (line.get("stroke"), line.get("stroke-width")) == ("#d95f02", "3")


# The text view, and what both views share

def rows_of(text):
    """The text view's rows by name: {"a = 3": "1  1  0", ...} (cells as printed)."""
    rows = {}
    for line in text.splitlines():
        name, _, cells = line.partition("  ")
        rows[name] = cells.strip()
    return rows


def operands_of_width(width):
    """a, b whose drawing has `width` columns: the answer's bits and one more (for the carry)."""
    return 2 ** (width - 2), 0


def test_the_text_view_of_a_subtraction():
    settings = dict(minirnn.PRESETS["subtraction"], iterations=1)
    del settings["print_every"]
    text = hidden_heatmap_text(minirnn.train(print_every=None, **settings), 2, 1, ASCII_SHADES)
    rows = rows_of(text)
    assert text.splitlines()[0].startswith("2 - 1 = ")
    # 2 - 1, ones bit first: a = 0 1 0, b = 1 0 0; the ones bit borrows, so bit 1 has a
    # borrow in, which it pays off (1 - 0 - 1 = 0) without borrowing again.
    assert rows["borrow in"].split()[:3] == ["0", "1", "0"]
    assert rows["true difference = 1"].split()[:3] == ["1", "0", "0"]
    assert "carry in" not in rows
    assert carries("sub", [0, 1, 0], [1, 0, 0]) == [0, 1, 0]


@pytest.mark.parametrize("width, numbered", [(32, list(range(32))), (33, list(range(0, 33, 4)))])
def test_the_text_view_numbers_every_column_up_to_32_then_every_fourth(weak_model, width, numbered):
    """Each column is a 2-character cell and a space, its digit the second character.  Up to 32
    columns each number ends over its column's digit; wider, every fourth number starts there."""
    lines = hidden_heatmap_text(weak_model, *operands_of_width(width), shades=ASCII_SHADES).splitlines()
    header = [line for line in lines if line.startswith("bit ")][0]
    a_row = [line for line in lines if line.startswith("a ")][0]
    assert [int(word) for word in header.split()[1:]] == numbered
    first = len(a_row) - (3 * width - 1)  # where the cells start
    for k in numbered:
        digit = first + 3 * k + 1
        if width <= 32:
            assert header[digit - len(str(k)) + 1:digit + 1] == str(k) and header[digit + 1:digit + 2] in ("", " ")
        else:
            assert header[digit - 1:digit + len(str(k))] == " " + str(k)


def test_no_line_of_the_text_view_ends_in_a_blank(weak_model):
    for line in hidden_heatmap_text(weak_model, 91, 39).splitlines():
        assert line == line.rstrip()


def test_the_text_view_gives_a_signed_state_its_own_bands():
    """c counts 1 to 8 (counting_lstm), so its rows are shaded from -8 to 8 in five equal
    bands of 3.2; h lies within 0 to 1 and has none."""
    text = hidden_heatmap_text(counting_lstm(), 5, 3, ASCII_SHADES)
    assert [line for line in text.splitlines() if " rows, from " in line] == [
        'cell rows, from -8 to 8: "  " below -4.8, ".." -4.8 to -1.6, "::" -1.6 to 1.6, '
        '"++" 1.6 to 4.8, "##" 4.8 and above']


def test_the_text_view_explains_the_question_marks_of_nan():
    text = hidden_heatmap_text(overflowing_rnn(), 1, 1, ASCII_SHADES)
    assert text.splitlines()[-1] == '"??" not a number: the weighted sums overflowed'


@pytest.mark.parametrize("value, named", [(10 ** 8 - 1, "a = 99999999"), (10 ** 8, "a")])
def test_numbers_of_up_to_eight_digits_are_written_beside_their_row(weak_model, value, named):
    assert named in rows_of(hidden_heatmap_text(weak_model, value, 1, ASCII_SHADES))


@pytest.mark.parametrize("p, text", [(1.0, "1"), (0.995, "1"), (0.994, ".99"), (0.5, ".50"),
                                     (0.005, ".01"), (0.0049, "0"), (0.0, "0"), (float("nan"), "nan")])
def test_a_probability_in_a_cell(p, text):
    assert _probability(p) == text


@pytest.mark.parametrize("a, b, message", [
    (2 ** 128, 1, "a is too large to draw: numbers of at most 128 bits are drawn, got one of 129 bits"),
    (1, 2 ** 130, "b is too large to draw: numbers of at most 128 bits are drawn, got one of 131 bits"),
])
def test_operands_too_large_to_draw_are_refused_in_words(weak_model, a, b, message):
    with pytest.raises(ValueError) as caught:
        SumTrace(weak_model, a, b)
    assert str(caught.value) == message


def test_the_subtitle_says_unit_for_one_hidden_unit():
    root = parse(hidden_heatmap_svg(counting_lstm(), 5, 3))
    assert "what the 1 hidden unit holds after reading each bit" in \
        [t.text for t in root.iter(SVG + "text") if t.get("class") == "subtitle"]


@pytest.mark.parametrize("width, cell, digits, probabilities", [
    # _cell_width: 720 pixels shared by the columns, each 12 to 44 wide.
    (20, 36, True, True),     # 720 / 20: room for ".93" in a cell from 36 on
    (21, 34, True, False),
    (40, 18, True, False),    # a bit's digit from 18 on
    (41, 17, False, False),
    (60, 12, False, False),
    (61, 12, False, False),   # never narrower than 12
])
def test_cells_narrow_as_sums_widen(weak_model, width, cell, digits, probabilities):
    """Rows of bits stay at least 20 tall (their labels are 13-pixel text) and rows of hidden
    units at least 14; the columns are numbered each, or every fourth when the digits do not fit."""
    root = parse(hidden_heatmap_svg(weak_model, *operands_of_width(width)))
    hidden = [e for e in root.iter(SVG + "rect") if e.get("class") == "hidden"]
    bits = [e for e in root.iter(SVG + "rect") if e.get("class") == "input"]
    assert {float(e.get("width")) for e in hidden} == {cell}
    assert {float(e.get("height")) for e in hidden} == {max(14, min(cell, 26))}
    assert {float(e.get("height")) for e in bits} == {max(20, min(cell, 26))}
    header = [g for g in root.iter(SVG + "g") if g.get("class") == "columns"][0]
    numbers = [int(t.text) for t in header.iter(SVG + "text") if t.text != "bit position"]
    assert numbers == (list(range(width)) if digits else list(range(0, width, 4)))
    output_texts = [t for t in root.iter(SVG + "text") if t.text and
                    (t.text.startswith(".") or t.text == "nan")]
    assert bool(output_texts) == probabilities


# Small functions at their edges

def test_a_curve_of_zeros_has_an_error_axis_from_0_to_1():
    root = parse(error_curve_svg([0.0, 0.0, 0.0]))
    assert labels_of(root, "ticks")[:7] == ["0", "0.2", "0.4", "0.6", "0.8", "1", "0"]


def test_tiny_errors_are_labelled_as_python_writes_them():
    root = parse(error_curve_svg([3e-05, 1e-05]))
    assert labels_of(root, "ticks")[:4] == ["0", "1e-05", "2e-05", "3e-05"]


def test_the_iteration_axis_of_300_iterations_steps_by_100():
    """300 / 5 = 60 a step, rounded up to 100 (1, 2 or 5 times a power of ten)."""
    root = parse(error_curve_svg(falling(300)))
    assert labels_of(root, "ticks")[-4:] == ["0", "100", "200", "300"]


@pytest.mark.parametrize("settings, line", [
    ({"task": "mul", "bits": 4}, "4-bit mul"),                      # a task without a name: as given
    ({"alpha": 1e-05, "init_scale": 2e20}, "alpha 1e-05, init scale 2e+20"),
])
def test_describe_settings_writes_numbers_and_unknown_tasks_plainly(settings, line):
    assert describe_settings(settings) == line


def test_shade_clips_values_above_1_to_navy():
    assert shade(1.5) == shade(2.5) == shade(1) == "#08306b"


def test_signed_shade_divides_by_the_size():
    # -1 of a span of 2 is halfway down the brown side: the blue scale's middle
    # (107, 174, 214) with red and blue swapped.
    assert signed_shade(-1, 2) == "#d6ae6b"


@pytest.mark.parametrize("rows, span", [
    ([[1.5, 0.5]], (-1.5, 1.5)),      # beyond 1, though not negative: a signed range
    ([[-2.0, 0.5]], (-2.0, 2.0)),     # the largest size may be a negative value's
    ([[1e15 + 0.5]], (-(1e15 + 0.5), 1e15 + 0.5)),  # beyond 1e15 no tenths: kept as it is
])
def test_value_range_edges(rows, span):
    assert value_range(rows) == span


def test_reading_switches_to_four_significant_digits_at_a_million():
    assert reading(999999.9) == "999999.900" and reading(1e6) == "1e+06" and reading(-1e6) == "-1e+06"


def test_text_colour_turns_white_above_0_55():
    # at 0.55 the ink contrasts more with the cell (WCAG contrast 5.7, white 2.8)
    assert text_colour(0.55) == "#222222" and text_colour(0.5501) == "#ffffff"


def test_nothing_stray_between_the_elements_of_a_picture():
    """Text belongs in <text> and <title> only: no characters lie loose between elements."""
    root = parse(hidden_heatmap_svg(overflowing_rnn(), 1, 1))
    for e in root.iter():
        if e.tag not in (SVG + "text", SVG + "title"):
            assert not (e.text or "").strip(), e.tag
        assert not (e.tail or "").strip(), e.tag


def test_a_one_bit_model_draws_a_one_column_picture():
    """bits=1 and 0 + 0: one bit position (bit_length(0) + 1 = 1), 16 hidden units in it."""
    model = minirnn.train(iterations=1, bits=1, print_every=None)
    root = parse(hidden_heatmap_svg(model, 0, 0))
    assert len([e for e in root.iter(SVG + "rect") if e.get("class") == "hidden"]) == 16
    assert "what the 16 hidden units hold after reading each bit" in \
        [t.text for t in root.iter(SVG + "text") if t.get("class") == "subtitle"]
