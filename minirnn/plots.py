"""Pictures of the network learning: its error falling, and its hidden layer at work.

``error_curve_svg`` draws overallError at every training iteration, raw and
smoothed.  ``hidden_heatmap_svg`` draws what the 16 hidden units hold at each
bit of one sum, beside the bits read, the carry and the answer, the way the
article pictures the hidden layer as the network's memory.  It draws every
state the cell has (``model.states``): the RNN's and GRU's hidden state, the
LSTM's hidden state and its cell state.  ``hidden_heatmap_text`` draws the
same on a terminal.  Each returns text.

>>> from minirnn import train, train_steps
>>> model = train(iterations=200, print_every=None)
>>> svg = hidden_heatmap_svg(model, 9, 7)
>>> svg.startswith("<?xml") and svg.count('class="hidden"') == 16 * 8
True
>>> errors = [step.overallError for step in train_steps(iterations=300)]
>>> "<polyline" in error_curve_svg(errors)
True
"""

from math import ceil, floor, log10

from .data import int2binary
from .evaluate import TASK_NAMES, bit_length, check_operands, plural, task_of, true_answer, width_for
from .svg import document, element, group, number, points, with_tooltip

# Colours that stay apart for every kind of colour blindness: a blue scale
# running from white (0) to navy (1) for activations and bits, orange for
# what stands out (the smoothed error, a wrong bit).
SCALE = [(247, 251, 255), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107)]
RAW_COLOUR = "#9ecae1"
SMOOTH_COLOUR = "#d95f02"
WRONG_COLOUR = "#d95f02"
INK = "#222222"
GREY = "#666666"


NAN_FILL = "url(#nan)"  # the hatching of a value that is not a number (see _nan_pattern)


def shade(value):
    """The colour of a value from 0 (white) to 1 (navy), as #rrggbb; outside values are clipped.

    nan, which a network whose weighted sums overflow computes, is hatched:

    >>> shade(0), shade(1), shade(0.5), shade(float("nan"))
    ('#f7fbff', '#08306b', '#6baed6', 'url(#nan)')
    """
    if value != value:
        return NAN_FILL
    value = min(max(value, 0.0), 1.0)
    where = value * (len(SCALE) - 1)
    low = min(int(where), len(SCALE) - 2)
    t = where - low
    return "#" + "".join("%02x" % int(round(x + (y - x) * t))
                         for x, y in zip(SCALE[low], SCALE[low + 1]))


def value_range(rows):
    """The range a state's values are shaded over: (0, 1) when they all lie in it, as a
    sigmoid layer's do; else (-m, m), m the largest size (at least 1, rounded up to tenths),
    for tanh units and the LSTM's cell state, which can be negative or beyond 1.

    >>> value_range([[0.25, 1.0], [0.0, 0.5]]), value_range([[-0.5, 0.9]]), value_range([[2.31, -1]])
    ((0.0, 1.0), (-1.0, 1.0), (-2.4, 2.4))

    A GRU started from an enormous h0 keeps states near the largest float:

    >>> value_range([[1.7976931348623157e308, -1.0]])
    (-1.7976931348623157e+308, 1.7976931348623157e+308)
    """
    values = [value for row in rows for value in row if value - value == 0]  # finite ones
    if not values or (min(values) >= 0 and max(values) <= 1):
        return 0.0, 1.0
    low, high = min(values), max(values)
    size = max(1.0, -low, high)
    if size < 1e15:  # beyond that a float has no tenths to round to (and size * 10 may overflow)
        size = ceil(size * 10 - 1e-9) / 10.0
    return -size, size


def signed_shade(value, size):
    """The colour of a value from -size (brown) through 0 (white) to size (navy).

    Below 0 it is the blue scale with red and blue swapped: the same steps of
    lightness in brown, and blue against brown stays apart for every kind of
    colour blindness.

    >>> signed_shade(0, 2) == shade(0), signed_shade(2, 2) == shade(1), signed_shade(-2, 2)
    (True, True, '#6b3008')
    """
    if not value < 0:
        return shade(value / size)
    colour = shade(-value / size)
    return "#" + colour[5:7] + colour[3:5] + colour[1:3]


def state_colour(value, span):
    """The colour of a state's value, shaded over its value_range span."""
    low, high = span
    return shade(value) if low == 0 else signed_shade(value, high)


def state_fraction(value, span):
    """Where a state's value lies in its value_range span, from 0 (low) to 1 (high).

    Worked out as 0.5 + 0.5 * value / high for a signed span, not as
    (value - low) / (high - low), which overflows to inf / inf = nan when
    high is near the largest float.

    >>> state_fraction(0.25, (0.0, 1.0)), state_fraction(-1.2, (-2.4, 2.4))
    (0.25, 0.25)
    >>> state_fraction(1e308, (-1.7976931348623157e308, 1.7976931348623157e308)) < 1
    True
    """
    low, high = span
    return value if low == 0 else 0.5 + 0.5 * (value / high)


def reading(value):
    """A value for a tooltip: three decimals, or four significant digits when it is huge.

    >>> reading(0.12345), reading(-2.0), reading(1e308), reading(float("nan"))
    ('0.123', '-2.000', '1e+308', 'nan')
    """
    return "%.3f" % value if not abs(value) >= 1e6 else "%.4g" % value


def _signed_legend(x, y):
    """The diverging bar of the signed states: -m brown, 0 white, m navy (m beside each block)."""
    count = len(SCALE) - 1
    offsets = [k / (2.0 * count) for k in range(2 * count + 1)]
    colours = [signed_shade(2 * offset - 1, 1) for offset in offsets]
    stops = "".join('<stop offset="%s" stop-color="%s"/>' % (number(offset), colour)
                    for offset, colour in zip(offsets, colours))
    parts = ['<defs><linearGradient id="signed-scale">%s</linearGradient></defs>' % stops,
             element("text", "signed state", x=x, y=y + 15, font_size=13, fill=INK),
             element("rect", x=x + 130, y=y + 2, width=200, height=16, fill="url(#signed-scale)",
                     stroke="#888888", stroke_width=0.5)]
    for value, text in ((0, "-m"), (0.5, "0"), (1, "m (beside each block)")):
        parts.append(element("text", text, x=x + 130 + 200 * value, y=y + 34,
                             text_anchor="start" if value == 1 else "middle", font_size=12,
                             fill=GREY))
    return group(parts, id="signed-legend")


def text_colour(value):
    """Ink that can be read on shade(value): dark on the light end, white on the dark."""
    return "#ffffff" if value > 0.55 else INK


def thousands(n):
    """A whole number with commas between groups of three digits (easier to read on an axis).

    >>> thousands(0), thousands(950), thousands(10000), thousands(1234567)
    ('0', '950', '10,000', '1,234,567')
    """
    text = str(int(n))
    groups = []
    while len(text) > 3:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return ",".join([text] + groups)


def nice_ticks(high, count=5):
    """Round tick values from 0 to at least high, about count of them apart: 1, 2 or 5 times a power of 10.

    >>> nice_ticks(10000)
    [0, 2000, 4000, 6000, 8000, 10000]
    >>> nice_ticks(4.3)
    [0, 1, 2, 3, 4, 5]
    >>> nice_ticks(0.37)
    [0.0, 0.1, 0.2, 0.3, 0.4]
    """
    if not high > 0:
        high = 1
    raw = high / count
    power = 10.0 ** floor(log10(raw))
    for multiple in (1, 2, 5, 10):
        step = multiple * power
        if step >= raw:
            break
    ticks = []
    for k in range(int(ceil(high / step - 1e-9)) + 1):
        value = k * step
        ticks.append(int(round(value)) if step >= 1 else float("%.10g" % value))
    return ticks


def moving_average(values, window):
    """The mean of each value and the window - 1 before it (fewer at the start).

    >>> moving_average([4, 2, 0, 2, 4], 2)
    [4.0, 3.0, 1.0, 1.0, 3.0]
    """
    averages = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        averages.append(total / min(i + 1, window))
    return averages


def smoothing_window(count):
    """How many iterations the smoothed curve averages: 200 for the article's 10,000, fewer for short runs."""
    return max(1, min(200, count // 20))


def columns_of(count, columns):
    """Split range(count) into at most `columns` runs of consecutive indices, as (start, stop) pairs.

    >>> columns_of(10, 4)
    [(0, 2), (2, 5), (5, 7), (7, 10)]
    """
    columns = max(1, min(columns, count))
    return [(c * count // columns, (c + 1) * count // columns) for c in range(columns)]


# The error curve

ERROR_WIDTH, ERROR_HEIGHT = 900, 540
DOTTED_RUNS = 50  # runs this short also get a dot at each iteration
ERROR_MARGIN = {"left": 78, "right": 34, "top": 104, "bottom": 62}


def describe_settings(settings):
    """A training run's settings in one line, for a picture's subtitle.

    >>> describe_settings({"task": "add", "bits": 8, "hidden": 16, "alpha": 0.1, "seed": 0,
    ...                    "iterations": 10000, "init_scale": 1.0, "h0": 0.0})
    '8-bit addition, 16 hidden units, alpha 0.1, init scale 1, h0 0, seed 0, 10,000 iterations'
    """
    parts = []
    if "bits" in settings and "task" in settings:
        parts.append("%d-bit %s" % (settings["bits"], TASK_NAMES.get(settings["task"], settings["task"])))
    if "cell" in settings:
        parts.append("%s cell" % settings["cell"])
    if "hidden" in settings:
        parts.append(plural(settings["hidden"], "hidden unit"))
    for name, label in (("alpha", "alpha"), ("init_scale", "init scale"), ("h0", "h0")):
        if name in settings:
            parts.append("%s %s" % (label, "%g" % settings[name]))
    if "seed" in settings:
        parts.append("seed %d" % settings["seed"])
    if "iterations" in settings:
        parts.append(plural(settings["iterations"], "iteration", digits=thousands))
    return ", ".join(parts)


def error_curve_svg(errors, settings=None):
    """An SVG picture of overallError at every training iteration, as text.

    errors[i] is the overallError of iteration i (Step.overallError).  The
    raw values are drawn thin and light; over many iterations each pixel
    column shows the lowest and highest error in it, which is what the eye
    could see of every point at that width anyway, and keeps the file small.
    A moving average is drawn bold on top.  settings (a model's settings
    dict) goes in the subtitle.
    """
    errors = [float(e) for e in errors]
    if not errors:
        raise ValueError("no errors to plot: train for at least one iteration")
    for e in errors:
        if not e - e == 0:
            raise ValueError("errors must be finite numbers, got %r" % e)
    count = len(errors)
    window = smoothing_window(count)
    left, top = ERROR_MARGIN["left"], ERROR_MARGIN["top"]
    right = ERROR_WIDTH - ERROR_MARGIN["right"]
    bottom = ERROR_HEIGHT - ERROR_MARGIN["bottom"]
    x_ticks = nice_ticks(max(count, 5))  # whole iterations, even for a very short run
    y_ticks = nice_ticks(max(errors), 5)

    def x_of(iteration):
        return left + (right - left) * iteration / x_ticks[-1]

    def y_of(error):
        return bottom - (bottom - top) * error / y_ticks[-1]

    raw, smooth = [], []
    averages = moving_average(errors, window)
    for start, stop in columns_of(count, int(right - left)):
        run = errors[start:stop]
        x = x_of((start + stop - 1) / 2.0)
        # Low then high or high then low, whichever the run visits first, so
        # the line joining the columns follows the data.
        low, high = min(run), max(run)
        if run.index(low) > run.index(high):
            low, high = high, low
        raw.append((x, y_of(low)))
        if high != low:
            raw.append((x, y_of(high)))
        smooth.append((x_of(stop - 1), y_of(averages[stop - 1])))

    parts = _error_axes(x_ticks, y_ticks, x_of, y_of, left, right, top, bottom)
    parts.append(element("polyline", class_="raw", points=points(raw), fill="none",
                         stroke=RAW_COLOUR, stroke_width=1, stroke_linejoin="round"))
    parts.append(element("polyline", class_="smoothed", points=points(smooth), fill="none",
                         stroke=SMOOTH_COLOUR, stroke_width=2.5, stroke_linejoin="round"))
    if count <= DOTTED_RUNS:  # a line through one or a few points is hard to see, or nothing
        parts.append(group([element("circle", cx=x, cy=y, r=3) for x, y in raw], class_="points",
                           fill="#2171b5"))
    parts.extend(_error_titles(settings, window, count))
    return document(ERROR_WIDTH, ERROR_HEIGHT, parts, title="overallError while training")


def _error_axes(x_ticks, y_ticks, x_of, y_of, left, right, top, bottom):
    parts = [element("rect", x=0, y=0, width=ERROR_WIDTH, height=ERROR_HEIGHT, fill="#ffffff")]
    grid, labels = [], []
    for tick in y_ticks:
        y = y_of(tick)
        grid.append(element("line", x1=left, y1=y, x2=right, y2=y))
        labels.append(element("text", "%g" % tick, x=left - 8, y=y + 4, text_anchor="end"))
    for tick in x_ticks:
        x = x_of(tick)
        grid.append(element("line", x1=x, y1=top, x2=x, y2=bottom))
        labels.append(element("text", thousands(tick), x=x, y=bottom + 20, text_anchor="middle"))
    parts.append(group(grid, class_="grid", stroke="#e3e3e3", stroke_width=1))
    parts.append(element("polyline", class_="axes", points=points([(left, top), (left, bottom),
                                                                    (right, bottom)]),
                         fill="none", stroke=INK, stroke_width=1))
    parts.append(group(labels, class_="ticks", font_size=12, fill=GREY))
    parts.append(element("text", "iteration", class_="axis-label", x=(left + right) / 2.0,
                         y=bottom + 46, text_anchor="middle", font_size=14, fill=INK))
    middle = (top + bottom) / 2.0
    parts.append(element("text", "overallError", class_="axis-label", x=22, y=middle,
                         text_anchor="middle", font_size=14, fill=INK,
                         transform="rotate(-90 22 %s)" % number(middle)))
    return parts


def _error_titles(settings, window, count):
    left = ERROR_MARGIN["left"]
    parts = [element("text", "How the error fell while the network trained", x=left, y=30,
                     font_size=19, font_weight="bold", fill=INK)]
    subtitle = "overallError: the sum over the answer's bits of |true bit - output|"
    if settings:
        subtitle = describe_settings(settings)
    parts.append(element("text", subtitle, class_="subtitle", x=left, y=54, font_size=13, fill=GREY))
    # The legend: a short stroke of each line, then what it is.
    raw_label = "each iteration" if count <= ERROR_WIDTH else "each iteration (lowest to highest per pixel)"
    smooth_label = "mean of the last %s iterations" % thousands(window) if window > 1 else "each iteration"
    y = 80
    legend = [
        element("line", x1=left, y1=y, x2=left + 28, y2=y, stroke=RAW_COLOUR, stroke_width=2),
        element("text", raw_label, x=left + 36, y=y + 4, font_size=13, fill=INK),
        element("line", x1=left + 360, y1=y, x2=left + 388, y2=y, stroke=SMOOTH_COLOUR,
                stroke_width=3),
        element("text", smooth_label, x=left + 396, y=y + 4, font_size=13, fill=INK),
    ]
    parts.append(group(legend, class_="legend"))
    return parts


# The hidden layer at work


MAX_DRAWN_BITS = 128  # wider sums make pictures too large to read (and the SVG megabytes)


class SumTrace:
    """What the network does on one problem a (op) b, position by position, ones first.

    Every list has one entry per bit position, least significant first
    (the order the network reads them): a_bits, b_bits, carries (the true
    carry into each position, or borrow for subtraction), hidden (the hidden
    layer after reading that position: one activation per unit), output
    (the output's probability that the bit is 1), predicted and true_bits.
    states lists what the cell holds (model.states) as (label, values)
    pairs, values[k] the units after reading position k: the hidden layer
    for the RNN, the hidden state h and the cell state c for the LSTM.
    """

    def __init__(self, model, a, b):
        task = task_of(model)
        check_operands(task, a, b)
        for name, value in (("a", a), ("b", b)):
            if value >> MAX_DRAWN_BITS:
                raise ValueError("%s is too large to draw: numbers of at most %d bits are drawn, "
                                 "got one of %d bits" % (name, MAX_DRAWN_BITS, bit_length(value)))
        self.task, self.a, self.b = task, a, b
        self.width = width = width_for(model, a, b)
        self.answer = true_answer(task, a, b)
        d, layer_1_values, layer_2_values = model.feed(int2binary(a, width), int2binary(b, width))
        self.states = [(name, [row[0] for row in rows])
                       for name, rows in model.states(int2binary(a, width), int2binary(b, width))]
        self.a_bits = int2binary(a, width)[::-1]
        self.b_bits = int2binary(b, width)[::-1]
        self.true_bits = int2binary(self.answer, width)[::-1]
        self.predicted = d[::-1]
        self.hidden = [layer[0] for layer in layer_1_values[1:]]  # [0] is h0, before any bit
        self.output = [layer[0][0] for layer in layer_2_values]
        self.carries = carries(task, self.a_bits, self.b_bits)
        # A network whose weighted sums overflow computes nan (inf - inf); its
        # pictures still draw, with those values hatched or marked "??".
        self.any_nan = any(x != x for x in self.output + [h for _, values in self.states
                                                          for layer in values for h in layer])

    @property
    def prediction(self):
        return sum(bit << k for k, bit in enumerate(self.predicted))

    @property
    def hidden_units(self):
        return len(self.hidden[0])

    def headline(self):
        """The sum as the network answered it, and whether that is right.

        >>> from minirnn.rnn import RNN
        >>> SumTrace(RNN([[0.0], [0.0]], [[0.0]], [[0.0]]), 3, 1).headline()
        '3 + 1 = 0 (wrong: the answer is 4)'
        """
        operator = "+" if self.task == "add" else "-"
        text = "%d %s %d = %d" % (self.a, operator, self.b, self.prediction)
        if self.prediction == self.answer:
            return text + " (right)"
        return text + " (wrong: the answer is %d)" % self.answer


def carries(task, a_bits, b_bits):
    """The carry into each position of a + b (the borrow, for a - b), ones first.

    >>> carries("add", [1, 1, 0], [1, 0, 0])   # 3 + 1: a carry into positions 1 and 2
    [0, 1, 1]
    >>> carries("sub", [0, 0, 1], [1, 0, 0])   # 4 - 1: a borrow into positions 1 and 2
    [0, 1, 1]
    """
    into, carry = [], 0
    for a_bit, b_bit in zip(a_bits, b_bits):
        into.append(carry)
        if task == "add":
            carry = 1 if a_bit + b_bit + carry >= 2 else 0
        else:
            carry = 1 if a_bit - b_bit - carry < 0 else 0
    return into


HEAT_MARGIN = 28
CHAR_WIDTH = 7.5  # about how wide a character of 13-pixel sans-serif text is


def _cell_width(width):
    """Columns narrow as the numbers grow, so a 64-bit sum still fits a screen or two."""
    return max(12, min(44, int(720 / width)))


def _named(name, value):
    # Long numbers are in the title already; beside a row they would push the picture wide.
    return "%s = %d" % (name, value) if value < 10 ** 8 else name


def hidden_heatmap_svg(model, a, b, label=None):
    """An SVG picture of the hidden layer as the network works out a (op) b, as text.

    One column per bit position, ones first, as the network reads them.
    Above the hidden units, the bits of a and b and the true carry into each
    position; below them, the output's probability, the bit it rounds to and
    the true answer's bit.  Every cell shares one colour scale, white for 0
    to navy for 1, shown in a legend.  label (say, the model file's name)
    goes in the subtitle.
    """
    trace = SumTrace(model, a, b)
    wrong = [p != t for p, t in zip(trace.predicted, trace.true_bits)]
    answer_name = "true sum" if trace.task == "add" else "true difference"
    labels = [_named("a", trace.a), _named("b", trace.b), _named("rounded", trace.prediction),
              _named(answer_name, trace.answer), "output (layer_2)"]
    x0 = HEAT_MARGIN + 46 + CHAR_WIDTH * max(len(text) for text in labels)
    heat = _Heat(x0, _cell_width(trace.width))

    parts = [heat.header(trace.width, 108)]
    y = 118
    parts.append(heat.bit_row(y, labels[0], trace.a_bits, "input"))
    parts.append(heat.bit_row(y + heat.row, labels[1], trace.b_bits, "input"))
    parts.append(heat.bit_row(y + 2 * heat.row, "carry in" if trace.task == "add" else "borrow in",
                              trace.carries, "carry"))
    y += 3 * heat.row + 14
    signed = False
    for name, values in trace.states:
        span = value_range(values)
        signed = signed or span[0] < 0
        parts.append(heat.hidden_block(y, values, name, span))
        y += len(values[0]) * heat.hidden_row + 14
    parts.append(heat.output_row(y, labels[4], trace.output))
    parts.append(heat.bit_row(y + heat.row, labels[2], trace.predicted, "predicted", wrong))
    parts.append(heat.bit_row(y + 2 * heat.row, labels[3], trace.true_bits, "true"))
    y += 3 * heat.row + 30
    if signed:  # the diverging scale of the signed states, above the legend
        parts.append(_signed_legend(HEAT_MARGIN, y))
        y += 46

    headline = trace.headline()
    width = max(x0 + trace.width * heat.cell + HEAT_MARGIN, 660,
                2 * HEAT_MARGIN + 11 * len(headline))
    parts.extend(_heat_titles(headline, trace.hidden_units, label))
    parts.append(_legend(HEAT_MARGIN, y, any(wrong), trace.any_nan))
    height = y + (80 if trace.any_nan else 56)
    background = element("rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    return document(width, height, [background] + parts, title=headline)


class _Heat:
    """Where the cells of the heat map go: columns from x0, one cell wide each."""

    def __init__(self, x0, cell):
        self.x0 = x0
        self.cell = cell
        self.row = max(20, min(cell, 26))  # rows of bits stay tall enough for their labels
        self.hidden_row = max(14, min(cell, 26))
        self.digits = cell >= 18  # room to write each bit in its cell

    def x(self, k):
        return self.x0 + k * self.cell

    def label(self, text, y, height, fill=INK, font_size=13):
        return element("text", text, x=self.x0 - 10, y=y + height / 2.0 + font_size / 2.6,
                       text_anchor="end", fill=fill, font_size=font_size)

    def header(self, width, y):
        texts = [element("text", "bit position", x=self.x0 - 10, y=y, text_anchor="end")]
        for k in range(width):
            if self.digits or k % 4 == 0:
                texts.append(element("text", str(k), x=self.x(k) + self.cell / 2.0, y=y,
                                     text_anchor="middle"))
        return group(texts, class_="columns", font_size=12, fill=GREY)

    def bit_row(self, y, name, bits, css, wrong=None):
        cells = []
        for k, bit in enumerate(bits):
            x = self.x(k)
            cells.append(element("rect", class_=css, x=x, y=y, width=self.cell, height=self.row,
                                 fill=shade(bit), stroke="#c8c8c8", stroke_width=0.5))
            if self.digits:
                cells.append(element("text", str(bit), x=x + self.cell / 2.0, y=y + self.row / 2.0 + 5,
                                     text_anchor="middle", fill=text_colour(bit), font_size=13))
            if wrong is not None and wrong[k]:
                cells.append(element("rect", class_="wrong", x=x + 1.5, y=y + 1.5,
                                     width=self.cell - 3, height=self.row - 3, fill="none",
                                     stroke=WRONG_COLOUR, stroke_width=3))
        cells.append(self.label(name, y, self.row))
        return group(cells)

    def hidden_block(self, y, hidden, name="hidden layer", span=(0.0, 1.0)):
        """hidden[k][unit]: one row per unit, one column per bit, framed, with its name beside it.

        name is the state's label ("hidden layer", "cell state c", ...);
        its first word names the rows (class and tooltips).  span is the
        value_range the cells are shaded over; a signed one is named beside
        the block.
        """
        cells = []
        units = len(hidden[0])
        kind = name.split()[0]
        for unit in range(units):
            top = y + unit * self.hidden_row
            for k, layer in enumerate(hidden):
                cells.append(with_tooltip("rect", "%s unit %d after bit %d: %s"
                                          % (kind, unit + 1, k, reading(layer[unit])),
                                          class_=kind, x=self.x(k), y=top, width=self.cell,
                                          height=self.hidden_row,
                                          fill=state_colour(layer[unit], span)))
            cells.append(self.label(str(unit + 1), top, self.hidden_row, GREY, 11))
        height = units * self.hidden_row
        cells.append(element("rect", x=self.x0, y=y, width=len(hidden) * self.cell, height=height,
                             fill="none", stroke="#888888", stroke_width=1))
        side, middle = self.x0 - 40, y + height / 2.0
        cells.append(element("text", name, x=side, y=middle, text_anchor="middle",
                             font_size=13, fill=INK,
                             transform="rotate(-90 %s %s)" % (number(side), number(middle))))
        if span[0] < 0:  # the m of the signed legend, on a line of its own, short enough
            # to stay beside a small block even for a range near the largest float
            cells.append(element("text", "m = %.3g" % span[1], class_="span", x=side + 15, y=middle,
                                 text_anchor="middle", font_size=11, fill=GREY,
                                 transform="rotate(-90 %s %s)" % (number(side + 15), number(middle))))
        return group(cells)

    def output_row(self, y, name, output):
        cells = []
        for k, p in enumerate(output):
            x = self.x(k)
            cells.append(with_tooltip("rect", "output after bit %d: %.3f" % (k, p), class_="output",
                                      x=x, y=y, width=self.cell, height=self.row, fill=shade(p),
                                      stroke="#c8c8c8", stroke_width=0.5))
            if self.cell >= 36:  # room for the probability, written as .93
                cells.append(element("text", _probability(p), x=x + self.cell / 2.0, y=y + self.row / 2.0 + 4,
                                     text_anchor="middle", fill=text_colour(p), font_size=11))
        cells.append(self.label(name, y, self.row))
        return group(cells)


def _probability(p):
    """A probability in a cell: 1, 0, or two decimals without the 0 (.93); nan as nan."""
    if p != p:
        return "nan"
    return "1" if p >= 0.995 else "0" if p < 0.005 else ("%.2f" % p)[1:]


def _heat_titles(headline, hidden_units, label):
    description = "what the %s after reading each bit" % (
        plural(hidden_units, "hidden unit holds", "hidden units hold"))
    if label:
        description = "%s: %s" % (label, description)
    return [
        element("text", headline, x=HEAT_MARGIN, y=32, font_size=19, font_weight="bold", fill=INK),
        element("text", description, class_="subtitle", x=HEAT_MARGIN, y=56, font_size=13, fill=GREY),
        element("text", "one column per bit position, read left to right: the ones bit first, "
                        "the order the network reads them", class_="subtitle", x=HEAT_MARGIN, y=76,
                font_size=13, fill=GREY),
    ]


def _legend(x, y, any_wrong, any_nan=False):
    """A colour bar from 0 to 1, drawn as a gradient with the scale's own stops."""
    stops = "".join('<stop offset="%s" stop-color="%s"/>' % (number(k / (len(SCALE) - 1.0)),
                                                             shade(k / (len(SCALE) - 1.0)))
                    for k in range(len(SCALE)))
    parts = ['<defs><linearGradient id="scale">%s</linearGradient></defs>' % stops,
             element("text", "activation or bit", x=x, y=y + 15, font_size=13, fill=INK),
             element("rect", x=x + 130, y=y + 2, width=200, height=16, fill="url(#scale)",
                     stroke="#888888", stroke_width=0.5)]
    for value in (0, 0.5, 1):
        parts.append(element("text", "%g" % value, x=x + 130 + 200 * value, y=y + 34,
                             text_anchor="middle", font_size=12, fill=GREY))
    if any_wrong:
        parts.append(element("rect", x=x + 380, y=y + 2, width=16, height=16, fill="none",
                             stroke=WRONG_COLOUR, stroke_width=3))
        parts.append(element("text", "a wrong bit", x=x + 404, y=y + 15, font_size=13, fill=INK))
    if any_nan:
        parts.append(_nan_pattern())
        parts.append(element("rect", x=x, y=y + 40, width=16, height=16, fill=NAN_FILL,
                             stroke="#888888", stroke_width=0.5))
        parts.append(element("text", "not a number: the weighted sums overflowed", x=x + 24,
                             y=y + 53, font_size=13, fill=INK))
    return group(parts, id="legend")


def _nan_pattern():
    """Orange hatching on white, the fill of a nan (shade gives url(#nan) for it)."""
    return ('<defs><pattern id="nan" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="%s" stroke-width="3"/></pattern></defs>'
            % WRONG_COLOUR)


# The same on a terminal

SHADES = ("  ", "\u2591\u2591", "\u2592\u2592", "\u2593\u2593", "\u2588\u2588")
ASCII_SHADES = ("  ", "..", "::", "++", "##")


NAN_TEXT = "??"  # a value that is not a number, in the text view


def _shade_text(value, shades):
    if value != value:
        return NAN_TEXT
    value = min(max(value, 0.0), 1.0)  # (int() of inf would raise)
    return shades[min(int(value * len(shades)), len(shades) - 1)]


def hidden_heatmap_text(model, a, b, shades=SHADES):
    """The hidden layer on a problem as lines of text: bits as digits, activations as shading.

    Pass shades=ASCII_SHADES where the terminal cannot show block characters.

    >>> from minirnn.rnn import RNN
    >>> print(hidden_heatmap_text(RNN([[0.0], [0.0]], [[0.0]], [[0.0]]), 3, 1, ASCII_SHADES))
    3 + 1 = 0 (wrong: the answer is 4)
    columns are bit positions, the ones bit first, as the network reads them
    <BLANKLINE>
    bit             0  1  2  3  4  5  6  7
    a = 3           1  1  0  0  0  0  0  0
    b = 1           1  0  0  0  0  0  0  0
    carry in        0  1  1  0  0  0  0  0
    hidden 1       :: :: :: :: :: :: :: ::
    output         :: :: :: :: :: :: :: ::
    rounded = 0     0  0  0  0  0  0  0  0
    true sum = 4    0  0  1  0  0  0  0  0
    wrong                 ^^
    <BLANKLINE>
    shading: "  " below 0.2, ".." 0.2-0.4, "::" 0.4-0.6, "++" 0.6-0.8, "##" 0.8 and above
    """
    trace = SumTrace(model, a, b)
    answer_name = "true sum" if trace.task == "add" else "true difference"
    rows = [(_named("a", trace.a), _digits(trace.a_bits)),
            (_named("b", trace.b), _digits(trace.b_bits)),
            ("carry in" if trace.task == "add" else "borrow in", _digits(trace.carries))]
    scales = []
    for name, values in trace.states:
        kind = name.split()[0]
        low, high = span = value_range(values)
        if low < 0:
            scales.append((kind, span))
        for unit in range(len(values[0])):
            rows.append(("%s %d" % (kind, unit + 1),
                         [_shade_text(state_fraction(layer[unit], span), shades) for layer in values]))
    rows.append(("output", [_shade_text(p, shades) for p in trace.output]))
    rows.append((_named("rounded", trace.prediction), _digits(trace.predicted)))
    rows.append((_named(answer_name, trace.answer), _digits(trace.true_bits)))
    wrong = [p != t for p, t in zip(trace.predicted, trace.true_bits)]
    if any(wrong):
        rows.append(("wrong", ["^^" if w else "  " for w in wrong]))
    # Each column is a two-character cell and a space.  Wide sums number
    # every fourth column only, so the numbers have room.
    if trace.width <= 32:
        header = " ".join("%2d" % k for k in range(trace.width))
    else:
        header = "".join(_pad(" %d" % k, 12) for k in range(0, trace.width, 4))
    rows.insert(0, ("bit", [header]))
    label_width = max(len(name) for name, _ in rows) + 2
    lines = [trace.headline(),
             "columns are bit positions, the ones bit first, as the network reads them",
             ""]
    for name, cells in rows:
        lines.append((_pad(name, label_width) + " ".join(cells)).rstrip())
    edges = ("below 0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8 and above")
    lines.append("")
    for kind, (low, high) in scales:  # signed states: their own range
        cuts = ["%g" % (high * (k / 2.5 - 1)) for k in range(1, 5)]  # low + (high - low) * k / 5
        signed_edges = ["below " + cuts[0]] + ["%s to %s" % pair for pair in zip(cuts, cuts[1:])] \
            + [cuts[-1] + " and above"]
        lines.append("%s rows, from %g to %g: " % (kind, low, high) +
                     ", ".join('"%s" %s' % (s, e) for s, e in zip(shades, signed_edges)))
    lines.append("shading: " + ", ".join('"%s" %s' % (s, e) for s, e in zip(shades, edges)))
    if trace.any_nan:
        lines.append('"%s" not a number: the weighted sums overflowed' % NAN_TEXT)
    return "\n".join(lines)


def _digits(bits):
    return ["%2d" % bit for bit in bits]


def _pad(text, width):
    return text + " " * (width - len(text))

