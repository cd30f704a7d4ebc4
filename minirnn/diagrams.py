"""Two diagrams of the article's network, for the walkthrough: unrolled, and learning backwards.

``unrolled_svg`` draws the forward pass over the bits of one sum: one
column per bit, least significant first, each with its input X, its hidden
layer ``layer_1`` and its output ``layer_2``, the hidden layers linked left
to right through ``synapse_h``.  ``bptt_svg`` draws backpropagation through
time on the same columns: each output's ``layer_2_delta`` flowing down into
its hidden layer, ``future_layer_1_delta`` flowing right to left, and every
position adding its terms to the three updates.  Each returns SVG text.

>>> svg = unrolled_svg(4)
>>> svg.startswith("<?xml") and svg.count('class="hidden"') == 4
True
>>> bptt_svg(4).count('class="future_layer_1_delta"')
4

``python3 -m minirnn.diagrams`` writes both into docs/images/ (run it from
the top of the repository); tests/test_diagrams.py checks that the files
there are what this module draws now.
"""

from math import sqrt

from .svg import document, element, group, points

INK = "#222222"
GREY = "#666666"
# Okabe and Ito's colours, which stay apart for every kind of colour
# blindness: one per weight matrix in the forward picture, and the two
# sources of a hidden layer's error in the backward one.
SYNAPSE_0 = "#0072b2"   # blue
SYNAPSE_H = "#009e73"   # green
SYNAPSE_1 = "#cc79a7"   # purple
FROM_OUTPUT = "#d55e00"  # vermilion
FROM_FUTURE = "#e69f00"  # orange
BOX_FILL = {"input": "#f2f2f2", "hidden": "#e8f1fa", "output": "#fbeef5", "start": "#ffffff"}

HEADER_Y = 66    # the baseline of the column headings
COLUMN = 110     # from one bit's column to the next
BOX = 92         # width of a box
BOX_HEIGHT = 44
MARGIN = 12
FONT = 12
SMALL = 11
CHAR = 0.55      # a wide guess at a character's width, as a share of the font size


def text_width(text, font_size):
    """About how wide a line of text is drawn, in pixels: what the layout leaves room for.

    >>> text_width("layer_1", 10)
    38.5
    """
    return CHAR * font_size * len(text)


def arrow(x1, y1, x2, y2, colour, kind, width=2.0, head=8.0):
    """A straight arrow from (x1, y1) to (x2, y2), its head a filled triangle at the end.

    The line stops where the head begins, so its square end does not poke
    through the point.  kind becomes the group's class, for tests to count.
    """
    dx, dy = x2 - x1, y2 - y1
    length = sqrt(dx * dx + dy * dy)
    ux, uy = dx / length, dy / length
    bx, by = x2 - ux * head, y2 - uy * head
    px, py = -uy * head * 0.45, ux * head * 0.45
    tip = points([(x2, y2), (bx + px, by + py), (bx - px, by - py)])
    return group([element("line", x1=x1, y1=y1, x2=bx, y2=by, stroke=colour, stroke_width=width),
                  element("polygon", points=tip, fill=colour)], class_=kind)


def box(kind, cx, top, lines, height=BOX_HEIGHT, width=BOX):
    """A rounded box centred on cx, with one or two lines of text: the first larger."""
    parts = [element("rect", class_=kind, x=cx - width / 2.0, y=top, width=width, height=height,
                     rx=6, fill=BOX_FILL.get(kind, "#ffffff"), stroke="#555555", stroke_width=1)]
    if len(lines) == 1:
        parts.append(label(lines[0], cx, top + height / 2.0 + FONT * 0.35, FONT))
    else:
        parts.append(label(lines[0], cx, top + height / 2.0 - 3, FONT))
        parts.append(label(lines[1], cx, top + height / 2.0 + SMALL + 1, SMALL, GREY))
    return group(parts)


def label(text, x, y, font_size=FONT, fill=INK, anchor="middle", **attrs):
    return element("text", text, x=x, y=y, font_size=font_size, fill=fill, text_anchor=anchor,
                   **attrs)


# The titles and legends start at the left margin and do not shrink with
# the number of bits: a picture is as wide as its columns or its longest
# line of text, whichever is wider.

TITLE, SUBTITLE, LEGEND = 18, 13, 13  # larger than the boxes': a page shows the picture shrunk
LEGEND_INDENT = 40


def heading(title, subtitle):
    """A title and a line under it; the first part is a placeholder for the white background."""
    return [None,
            label(title, MARGIN, 26, TITLE, INK, "start", font_weight="bold"),
            label(subtitle, MARGIN, 47, SUBTITLE, GREY, "start")]


def legend(top, entries):
    """One line per (colour, text): a short arrow in that colour, then the text; None for no arrow."""
    lines = []
    for row, (colour, text) in enumerate(entries):
        y = top + 22 * row + (4 if colour is None else 0)
        if colour is None:
            lines.append(label(text, MARGIN, y, LEGEND, INK, "start"))
        else:
            lines.append(group([arrow(MARGIN, y - 5, MARGIN + 30, y - 5, colour, "legend"),
                                label(text, MARGIN + LEGEND_INDENT, y, LEGEND, INK, "start")]))
    return lines


def width_for(columns_width, title, subtitle, entries):
    """The picture's width: its columns', or more if the heading or a legend line needs it."""
    lines = [(0, title, TITLE), (0, subtitle, SUBTITLE)]
    lines += [(0 if colour is None else LEGEND_INDENT, text, LEGEND) for colour, text in entries]
    return max([columns_width] + [2 * MARGIN + indent + text_width(text, size)
                                  for indent, text, size in lines])


def picture(width, height, parts, title):
    """The SVG document, its first part (a placeholder) replaced by a white background."""
    parts[0] = element("rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    return document(width, height, parts, title=title)


class _Columns:
    """Where things go: a column of labels on the left, then one column per bit, ones first."""

    def __init__(self, bits, extra_right=0):
        self.width = 2 * MARGIN + (bits + 1 + extra_right) * COLUMN

    def x(self, k):
        """The centre of bit k's column (k = -1 is the column of labels on the left)."""
        return MARGIN + (k + 1.5) * COLUMN

    def header(self, k, position):
        """Above bit k's column: the loop's position there, and what the bit is worth."""
        x = self.x(k)
        return group([label("position %d" % position, x, HEADER_Y, FONT, INK),
                      label("worth %d" % 2 ** k, x, HEADER_Y + 15, SMALL, GREY)])


def unrolled_svg(bits=8):
    """The network unrolled over the bits of one sum, as SVG text.

    Column k reads bit k (worth 2**k), which the article's lists hold at
    index bits - 1 - k, since they keep the most significant bit first.
    """
    cols = _Columns(bits)
    output_top, hidden_top, input_top = 96, 186, 276
    title = "The network unrolled over the bits of one sum: the forward pass"
    subtitle = ("one column per bit, read left to right, least significant bit first; "
                "the same three weight matrices at every position")
    entries = [(SYNAPSE_0, "synapse_0: the two input bits into the hidden layer"),
               (SYNAPSE_H, "synapse_h: the hidden layer of one position into the next "
                           "(the only way a carry can travel)"),
               (SYNAPSE_1, "synapse_1: the hidden layer into the output bit")]
    parts = heading(title, subtitle)

    left = cols.x(-1)
    parts.append(label("output", left, output_top + BOX_HEIGHT / 2.0 + 4, FONT, GREY))
    parts.append(label("input", left, input_top + BOX_HEIGHT / 2.0 + 4, FONT, GREY))
    parts.append(box("start", left, hidden_top, ["zeros", "values[0]"]))
    parts.append(label("layer_1_values", left, hidden_top - 8, SMALL, GREY))

    for k in range(bits):
        x = cols.x(k)
        index = bits - 1 - k
        parts.append(cols.header(k, k))
        parts.append(box("output", x, output_top, ["layer_2", "rounded: d[%d]" % index]))
        parts.append(box("hidden", x, hidden_top, ["layer_1", "values[%d]" % (k + 1)]))
        parts.append(box("input", x, input_top, ["X", "a[%d], b[%d]" % (index, index)]))
        parts.append(arrow(x, input_top, x, hidden_top + BOX_HEIGHT, SYNAPSE_0, "synapse_0"))
        parts.append(arrow(x, hidden_top, x, output_top + BOX_HEIGHT, SYNAPSE_1, "synapse_1"))
        start = cols.x(k - 1) + BOX / 2.0
        parts.append(arrow(start, hidden_top + BOX_HEIGHT / 2.0, x - BOX / 2.0,
                           hidden_top + BOX_HEIGHT / 2.0, SYNAPSE_H, "synapse_h"))
        if k == 0:  # the first column names its arrows; the legend says the rest are the same
            between = (start + x - BOX / 2.0) / 2.0
            parts.append(label("synapse_h", between, hidden_top + BOX_HEIGHT + 14, SMALL, SYNAPSE_H))
            parts.append(label("synapse_1", x + 5, output_top + BOX_HEIGHT + 26, SMALL, SYNAPSE_1,
                               "start"))
            parts.append(label("synapse_0", x + 5, hidden_top + BOX_HEIGHT + 26, SMALL, SYNAPSE_0,
                               "start"))

    legend_top = input_top + BOX_HEIGHT + 34
    parts.extend(legend(legend_top, entries))
    return picture(width_for(cols.width, title, subtitle, entries), legend_top + 62, parts,
                   "The article's network unrolled over %d bits" % bits)


def bptt_svg(bits=8):
    """Backpropagation through time over the bits of one sum, as SVG text.

    The columns are the forward picture's (least significant bit on the
    left); the backward loop starts at the right, so its position 0 is the
    rightmost column.
    """
    cols = _Columns(bits, extra_right=1)
    output_top, hidden_top = 96, 186
    sums_top = hidden_top + BOX_HEIGHT + 28
    sum_gap, sum_height = 30, 20
    title = "Backpropagation through time: the errors flow back"
    subtitle = "the backward loop runs right to left: its position 0 is the most significant bit"
    entries = [(FROM_OUTPUT, "layer_2_delta.dot(synapse_1.T): the error of this position's output"),
               (FROM_FUTURE, "future_layer_1_delta.dot(synapse_h.T): the error of the hidden "
                             "layer one position later"),
               (None, "Each position adds one term to every update (the three += lines); "
                      "after the loop each weight moves by its update times alpha.")]
    parts = heading(title, subtitle)

    left = cols.x(-1)
    parts.append(label("output", left, output_top + BOX_HEIGHT / 2.0 + 4, FONT, GREY))
    parts.append(label("hidden", left, hidden_top + BOX_HEIGHT / 2.0 + 4, FONT, GREY))
    right = cols.x(bits)
    parts.append(box("start", right, hidden_top, ["zeros", "at the start"]))
    parts.append(label("future_layer_1_delta", right, hidden_top - 8, SMALL, "#8a5c00"))

    names = ["synapse_1_update", "synapse_h_update", "synapse_0_update"]
    for row, name in enumerate(names):
        top = sums_top + row * sum_gap
        parts.append(element("rect", class_="sum", x=cols.x(0) - BOX / 2.0, y=top,
                             width=cols.x(bits - 1) - cols.x(0) + BOX, height=sum_height, rx=4,
                             fill="#fafafa", stroke="#999999", stroke_width=1))
        parts.append(label(name, cols.x(-1) + BOX / 2.0 + 4, top + sum_height / 2.0 + 4,
                           SMALL, INK, "end"))

    for k in range(bits):
        x = cols.x(k)
        index = bits - 1 - k
        parts.append(cols.header(k, index))
        parts.append(box("output", x, output_top, ["layer_2_delta", "y = c[%d]" % index]))
        parts.append(box("hidden", x, hidden_top, ["layer_1_delta"]))
        parts.append(arrow(x, output_top + BOX_HEIGHT, x, hidden_top, FROM_OUTPUT, "layer_2_delta"))
        start = cols.x(k + 1) - BOX / 2.0
        parts.append(arrow(start, hidden_top + BOX_HEIGHT / 2.0, x + BOX / 2.0,
                           hidden_top + BOX_HEIGHT / 2.0, FROM_FUTURE, "future_layer_1_delta"))
        # What this position adds to each sum: a thin line down, a dot per update.
        last = sums_top + (len(names) - 1) * sum_gap + sum_height / 2.0
        terms = [element("line", x1=x, y1=hidden_top + BOX_HEIGHT, x2=x, y2=last, stroke="#999999",
                         stroke_width=1, stroke_dasharray="3,3")]
        for row in range(len(names)):
            cy = sums_top + row * sum_gap + sum_height / 2.0
            terms.append(element("circle", cx=x, cy=cy, r=7, fill="#ffffff", stroke=INK,
                                 stroke_width=1))
            terms.append(label("+", x, cy + 4, FONT, INK))
        parts.append(group(terms, class_="term"))

    legend_top = sums_top + len(names) * sum_gap + 26
    parts.extend(legend(legend_top, entries))
    return picture(width_for(cols.width, title, subtitle, entries), legend_top + 70, parts,
                   "Backpropagation through time over %d bits" % bits)


DIAGRAMS = (("unrolled.svg", unrolled_svg), ("bptt.svg", bptt_svg))


def write_all(folder):
    """Write every diagram, as drawn for the article's 8 bits, into folder; returns the paths."""
    paths = []
    for name, draw in DIAGRAMS:
        path = folder.rstrip("/") + "/" + name
        text = draw(8)  # drawn before the file is opened, so a failure leaves the old file whole
        with open(path, "w") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def main(argv):
    """python3 -m minirnn.diagrams [FOLDER]: returns the exit status."""
    import sys
    if len(argv) > 1:
        sys.stderr.write("usage: python3 -m minirnn.diagrams [FOLDER]  (default docs/images)\n")
        return 2
    folder = argv[0] if argv else "docs/images"
    try:
        for written in write_all(folder):
            print(written)
    except OSError as error:
        sys.stderr.write("minirnn.diagrams: cannot write into %s: %s\n" % (folder, error))
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("minirnn.diagrams: interrupted\n")
        return 130
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv[1:]))
