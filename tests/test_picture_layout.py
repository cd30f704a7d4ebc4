"""Where things are in the pictures: inside the frame, in reading order, none on top of another.

Facts a reader of the picture relies on, checked from the SVG's own
coordinates: the grid and the data stay inside the plot's frame, tick labels
sit beside their lines, titles come above the legend and the legend above
the plot, heat-map cells tile their rows and columns exactly, and nothing
is drawn outside the picture.
"""

import xml.etree.ElementTree as ET

import pytest

import minirnn
from minirnn.numpy_random import RandomState
from minirnn.plots import error_curve_svg, hidden_heatmap_svg
from minirnn.rnn import RNN

SVG = "{http://www.w3.org/2000/svg}"


def parse(text):
    return ET.fromstring(text.encode("utf-8"))


def points(element):
    return [tuple(float(v) for v in pair.split(",")) for pair in element.get("points").split()]


def by_class(root, tag, css):
    return [e for e in root.iter(SVG + tag) if e.get("class") == css]


def noisy(count, top=4.0, seed=0):
    rng = RandomState(seed)
    return [max(0.0, top * (1 - 0.8 * i / count) + rng.random() - 0.5) for i in range(count)]


CURVES = [(noisy(10000), dict(minirnn.PRESETS["article"])), (noisy(300, 7.7, 1), None),
          (noisy(1, 0.3, 2), {"task": "sub", "bits": 5}), (noisy(2500, 1.9, 3), None)]


@pytest.fixture(params=range(len(CURVES)), scope="module")
def curve(request):
    errors, settings = CURVES[request.param]
    return errors, parse(error_curve_svg(errors, settings))


def frame(root):
    (left, top), (left_2, bottom), (right, bottom_2) = points(by_class(root, "polyline", "axes")[0])
    assert left == left_2 and bottom == bottom_2 and left < right and top < bottom
    return left, top, right, bottom


def test_the_picture_has_a_white_background_the_size_of_the_picture(curve):
    _, root = curve
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == "0 0 %s %s" % (root.get("width"), root.get("height"))
    background = root.find(SVG + "rect")
    assert (float(background.get("x")), float(background.get("y"))) == (0, 0)
    assert (float(background.get("width")), float(background.get("height"))) == (width, height)
    assert background.get("fill") == "#ffffff"


def test_the_grid_spans_the_frame_and_starts_and_ends_on_its_edges(curve):
    _, root = curve
    left, top, right, bottom = frame(root)
    lines = list(by_class(root, "g", "grid")[0].iter(SVG + "line"))
    across = [line for line in lines if line.get("y1") == line.get("y2")]
    down = [line for line in lines if line.get("x1") == line.get("x2")]
    assert len(across) + len(down) == len(lines) and len(across) >= 3 and len(down) >= 3
    for line in across:
        assert (float(line.get("x1")), float(line.get("x2"))) == (left, right)
        assert top <= float(line.get("y1")) <= bottom
    for line in down:
        assert (float(line.get("y1")), float(line.get("y2"))) == (top, bottom)
        assert left <= float(line.get("x1")) <= right
    ys = sorted(float(line.get("y1")) for line in across)
    xs = sorted(float(line.get("x1")) for line in down)
    assert (ys[0], ys[-1], xs[0], xs[-1]) == (top, bottom, left, right)
    # evenly spaced
    assert max(b - a for a, b in zip(ys, ys[1:])) - min(b - a for a, b in zip(ys, ys[1:])) < 0.02
    assert max(b - a for a, b in zip(xs, xs[1:])) - min(b - a for a, b in zip(xs, xs[1:])) < 0.02


def test_tick_labels_sit_beside_their_lines(curve):
    _, root = curve
    left, top, right, bottom = frame(root)
    lines = list(by_class(root, "g", "grid")[0].iter(SVG + "line"))
    across = sorted(float(line.get("y1")) for line in lines if line.get("y1") == line.get("y2"))
    down = sorted(float(line.get("x1")) for line in lines if line.get("x1") == line.get("x2"))
    labels = list(by_class(root, "g", "ticks")[0].iter(SVG + "text"))
    values = [label for label in labels if label.get("text-anchor") == "end"]
    iterations = [label for label in labels if label.get("text-anchor") == "middle"]
    assert len(values) == len(across) and len(iterations) == len(down)
    for label, y in zip(sorted(values, key=lambda e: float(e.get("y"))), across):
        assert 0 < float(label.get("y")) - y < 6  # its baseline just below the line: centred on it
        assert left - 12 <= float(label.get("x")) < left
    for label, x in zip(sorted(iterations, key=lambda e: float(e.get("x"))), down):
        assert float(label.get("x")) == x and bottom + 12 <= float(label.get("y")) <= bottom + 24
    assert [float(label.text) for label in sorted(values, key=lambda e: -float(e.get("y")))][0] == 0


def test_the_data_stays_inside_the_frame(curve):
    errors, root = curve
    left, top, right, bottom = frame(root)
    for css in ("raw", "smoothed"):
        line = by_class(root, "polyline", css)[0]
        drawn = points(line)
        assert drawn and all(left <= x <= right and top <= y <= bottom for x, y in drawn), css
        assert line.get("fill") == "none"
    raw = points(by_class(root, "polyline", "raw")[0])
    assert raw[0][0] - left < 2  # the first iteration is at the left edge


def test_titles_legend_and_frame_come_in_reading_order(curve):
    _, root = curve
    width, height = float(root.get("width")), float(root.get("height"))
    left, top, right, bottom = frame(root)
    texts = list(root.iter(SVG + "text"))
    title = next(t for t in texts if t.get("font-weight") == "bold")
    subtitle = by_class(root, "text", "subtitle")[0]
    legend = list(by_class(root, "g", "legend")[0])
    assert float(title.get("font-size")) > float(subtitle.get("font-size"))
    assert 0 < float(title.get("y")) < float(subtitle.get("y")) < min(
        float(e.get("y") or e.get("y1")) for e in legend) <= max(
        float(e.get("y") or e.get("y1")) for e in legend) < top - 12
    assert float(title.get("x")) == float(subtitle.get("x")) == left
    # each legend stroke comes before its words, on the same line
    line_1, text_1, line_2, text_2 = legend
    assert float(line_1.get("x2")) < float(text_1.get("x")) < float(line_2.get("x1")) < \
        float(line_2.get("x2")) < float(text_2.get("x"))
    assert float(text_1.get("y")) == float(text_2.get("y")) and line_1.get("y1") == line_2.get("y1")
    for t in texts:
        assert 0 <= float(t.get("x")) <= width and 0 <= float(t.get("y")) <= height, t.text
    axis_labels = by_class(root, "text", "axis-label")
    iteration, error = sorted(axis_labels, key=lambda e: e.text)
    assert iteration.text == "iteration" and float(iteration.get("x")) == (left + right) / 2
    assert bottom + 24 < float(iteration.get("y")) < height
    assert float(error.get("x")) < left - 30 and float(error.get("y")) == (top + bottom) / 2
    assert error.get("transform") == "rotate(-90 %s %s)" % (error.get("x"), error.get("y"))


# The heat map

ROWS = ["input", "carry", "hidden", "output", "predicted", "true"]


def heat_net(hidden=3):
    rng = RandomState(hidden)
    return RNN.random(rng, hidden_dim=hidden, init_scale=2.0)


@pytest.fixture(params=[(3, 5, 3), (2, 91, 39), (4, 2 ** 40 + 5, 3 ** 20), (1, 2 ** 100, 7)], scope="module")
def heat(request):
    hidden, a, b = request.param
    return hidden, a, b, parse(hidden_heatmap_svg(heat_net(hidden), a, b, label="m.json"))


def cells(root, css):
    return [(float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
            for r in root.iter(SVG + "rect") if r.get("class") == css]


def rows_of(found):
    rows = {}
    for x, y, w, h in found:
        rows.setdefault(y, []).append((x, w, h))
    return [(y, sorted(rows[y])) for y in sorted(rows)]


def test_cells_tile_their_rows_and_share_their_columns(heat):
    hidden, a, b, root = heat
    columns = None
    for css in ROWS:
        for y, row in rows_of(cells(root, css)):
            xs = [x for x, _, _ in row]
            width = row[0][1]
            assert all(w == width for _, w, _ in row)
            assert all(abs(x2 - x1 - width) < 0.011 for x1, x2 in zip(xs, xs[1:])), css
            columns = columns or xs
            assert xs == columns, css  # every row has the same columns
    assert len(columns) == max(8, len(bin(max(a, b))) - 2 + 1)


def rectangles_in_order(root):
    order = []
    for css in ROWS:
        order.extend((y, y + row[0][2], css) for y, row in rows_of(cells(root, css)))
    return order


def test_rows_come_in_order_without_overlapping_and_hidden_rows_touch(heat):
    hidden, _, _, root = heat
    order = rectangles_in_order(root)
    assert [css for _, _, css in order] == ["input", "input", "carry"] + ["hidden"] * hidden + \
        ["output", "predicted", "true"]
    for (_, bottom, _), (top, _, _) in zip(order, order[1:]):
        assert top >= bottom - 0.011
    hidden_rows = [(top, bottom) for top, bottom, css in order if css == "hidden"]
    assert all(abs(b1 - t2) < 0.011 for (_, b1), (t2, _) in zip(hidden_rows, hidden_rows[1:]))
    frame = [r for r in root.iter(SVG + "rect") if r.get("stroke") == "#888888" and r.get("fill") == "none"]
    assert len(frame) == 1
    x, y, w, h = (float(frame[0].get(k)) for k in ("x", "y", "width", "height"))
    columns = [x0 for x0, _, _ in rows_of(cells(root, "hidden"))[0][1]]
    cell = rows_of(cells(root, "hidden"))[0][1][0][1]
    assert (x, y) == (columns[0], hidden_rows[0][0])
    assert abs(x + w - (columns[-1] + cell)) < 0.02 and abs(y + h - hidden_rows[-1][1]) < 0.02


def test_labels_sit_left_of_the_cells_and_digits_in_the_middle_of_theirs(heat):
    _, _, _, root = heat
    first = min(x for x, _, _, _ in cells(root, "input"))
    boxes = [c for css in ("input", "carry", "predicted", "true") for c in cells(root, css)]
    for t in root.iter(SVG + "text"):
        if t.get("text-anchor") == "end":
            assert float(t.get("x")) < first
        elif t.text in ("0", "1") and t.get("font-size") == "13":
            x, y = float(t.get("x")), float(t.get("y"))
            assert any(abs(x - (bx + w / 2)) < 0.011 and by < y < by + h for bx, by, w, h in boxes)


def test_titles_header_and_legend_in_reading_order_inside_the_picture(heat):
    _, _, _, root = heat
    width, height = float(root.get("width")), float(root.get("height"))
    texts = list(root.iter(SVG + "text"))
    headline = next(t for t in texts if t.get("font-weight") == "bold")
    notes = by_class(root, "text", "subtitle")
    header = next(t for t in texts if t.text == "bit position")
    top_row = min(y for _, y, _, _ in cells(root, "input"))
    bottom_row = max(y + h for _, y, _, h in cells(root, "true"))
    legend = [e for e in root.iter(SVG + "g") if e.get("id") == "legend"][0]
    legend_top = min(float(e.get("y")) for e in legend.iter() if e.get("y") is not None)
    assert float(headline.get("y")) < float(notes[0].get("y")) < float(notes[1].get("y")) < \
        float(header.get("y")) < top_row
    assert "m.json" in notes[0].text
    assert bottom_row < legend_top
    for t in texts:
        assert 0 <= float(t.get("x")) <= width and 0 <= float(t.get("y")) <= height, t.text
    rightmost = max(x + w for x, _, w, _ in cells(root, "hidden"))
    assert rightmost <= width and max(float(e.get("y")) + float(e.get("height", 0))
                                      for e in legend.iter(SVG + "rect")) <= height


def test_the_legend_bar_is_labelled_at_its_ends_and_middle(heat):
    _, _, _, root = heat
    legend = [e for e in root.iter(SVG + "g") if e.get("id") == "legend"][0]
    bar = next(r for r in legend.iter(SVG + "rect") if r.get("fill") == "url(#scale)")
    x, w = float(bar.get("x")), float(bar.get("width"))
    labels = {t.text: float(t.get("x")) for t in legend.iter(SVG + "text") if t.text in ("0", "0.5", "1")}
    assert labels == {"0": x, "0.5": x + w / 2, "1": x + w}
    stops = list(legend.iter(SVG + "stop"))
    offsets = [float(s.get("offset")) for s in stops]
    assert offsets[0] == 0 and offsets[-1] == 1 and offsets == sorted(offsets)


def luminance(colour):
    def channel(c):
        c = c / 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_digits_are_readable_on_their_cells(heat):
    # WCAG's contrast ratio of text to background: at least 4.5 for normal text
    _, _, _, root = heat
    for group in root.iter(SVG + "g"):
        children = list(group)
        for cell, text in zip(children, children[1:]):
            if cell.tag == SVG + "rect" and text.tag == SVG + "text" and text.get("font-size") == "13" \
                    and text.get("text-anchor") == "middle" and cell.get("fill", "").startswith("#"):
                light, dark = sorted((luminance(cell.get("fill")), luminance(text.get("fill"))))[::-1]
                assert (light + 0.05) / (dark + 0.05) >= 4.5, (cell.get("fill"), text.get("fill"))
