"""Draw docs/images/lstm_carry_chain.svg: the LSTM's cell state across a long carry chain.

Trains the LSTM with the article's settings (10,000 iterations of 8-bit
addition, hidden 16, seed 0), then asks it a 32-bit sum in which a carry
runs through 31 positions, and draws, position by position (least
significant bit first, left to right), the bits read, the carry, the
16 units of the cell state c and of the hidden state h, and the answer.

    python3 docs/part2_pictures.py            # about ten seconds on CPython 3.11
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import minirnn  # noqa: E402
from minirnn.data import int2binary  # noqa: E402
from minirnn.svg import document, element  # noqa: E402

# Blue for positive values, orange for negative, white at zero: the two
# hues stay apart for every kind of colour blindness.
POSITIVE, NEGATIVE, WHITE = (8, 48, 107), (166, 54, 3), (255, 255, 255)
INK, GREY = "#222222", "#666666"
CELL, LEFT, TOP = 16, 150, 62


def colour(value, limit):
    """value in [-limit, limit] as a colour between orange (negative), white and blue (positive)."""
    t = max(-1.0, min(1.0, value / limit))
    end = POSITIVE if t > 0 else NEGATIVE
    return "#" + "".join("%02x" % int(round(w + (e - w) * abs(t))) for w, e in zip(WHITE, end))


def trained_lstm():
    """The LSTM of ``python3 -m minirnn train --cell lstm``: the article's settings."""
    return minirnn.train(cell="lstm", print_every=None)


def carry_chain_svg(model, a_int, b_int, bits):
    a, b = int2binary(a_int, bits), int2binary(b_int, bits)
    d, values = model.forward(a, b)
    cells, hs = values["cell"][1:], values["h"][1:]
    true_bits = int2binary(a_int + b_int, bits)
    carry, carries = 0, []
    for position in range(bits):
        total = a[bits - 1 - position] + b[bits - 1 - position] + carry
        carry = total // 2
        carries.append(carry)
    limit = max(abs(x) for c in cells for x in c[0])
    shapes = []
    rows = [("a bit", [a[bits - 1 - p] for p in range(bits)], 1.0),
            ("b bit", [b[bits - 1 - p] for p in range(bits)], 1.0),
            ("carry out", carries, 1.0)]
    rows += [("cell state c%d" % (unit + 1), [cells[p][0][unit] for p in range(bits)], limit)
             for unit in range(model.hidden_dim)]
    rows += [("hidden state h%d" % (unit + 1), [hs[p][0][unit] for p in range(bits)], 1.0)
             for unit in range(model.hidden_dim)]
    rows += [("answer bit", [d[bits - 1 - p] for p in range(bits)], 1.0),
             ("true bit", [true_bits[bits - 1 - p] for p in range(bits)], 1.0)]
    y = TOP
    for index, (label, row, row_limit) in enumerate(rows):
        if index in (3, 3 + model.hidden_dim, 3 + 2 * model.hidden_dim):
            y += 8  # a gap between the groups of rows
        shapes.append(element("text", label, x=LEFT - 6, y=y + CELL - 4, font_size=11,
                              text_anchor="end", fill=INK))
        for position, value in enumerate(row):
            shapes.append(element("rect", x=LEFT + position * CELL, y=y, width=CELL - 1,
                                   height=CELL - 1, fill=colour(value, row_limit)))
        y += CELL
    for position in range(0, bits, 4):
        shapes.append(element("text", str(position), x=LEFT + position * CELL + CELL / 2, y=y + 14,
                              font_size=10, text_anchor="middle", fill=GREY))
    shapes.append(element("text", "position (0 = the ones bit; the network reads left to right)",
                          x=LEFT, y=y + 30, font_size=11, fill=GREY))
    width = LEFT + bits * CELL + 20
    title = "The LSTM's memory across a carry chain: %d + %d = %d (%d bits)" % (a_int, b_int, a_int + b_int, bits)
    shapes.insert(0, element("text", title, x=10, y=22, font_size=14, font_weight="bold", fill=INK))
    shapes.insert(1, element("text", "blue: positive, orange: negative, white: 0; cell state shaded up to "
                             "\u00b1%.1f, the rest up to \u00b11" % limit, x=10, y=42, font_size=11, fill=GREY))
    return document(width, y + 44, shapes, title=title)


def main():
    model = trained_lstm()
    bits = 32
    a_int, b_int = 2 ** (bits - 1) - 1, 1     # 0111...1 + 1: a carry through 31 positions
    path = os.path.join(ROOT, "docs", "images", "lstm_carry_chain.svg")
    with open(path, "w") as handle:
        handle.write(carry_chain_svg(model, a_int, b_int, bits))
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
