"""An independent numpy implementation of minirnn's LSTM and GRU, to check them against.

Written from the equations of issue 11 alone, in plain numpy, sharing no
code with minirnn: vectors are 1-D arrays, products are ``@``, updates
are ``np.outer``.  It trains on the article's task with numpy's own
generator exactly as the article draws: np.random.seed(seed); the starting
weights, each ``(2 * np.random.random(shape) - 1) * init_scale`` gate by
gate (W, U, b) and then the output weights; then per iteration the
problem's draws.  It prints the article's five-line checkpoint.

    python3 benchmarks/cells_numpy.py --cell lstm --iterations 2000 --print-every 200

tests/golden/lstm_*.log and gru_*.log were made with it (see
tests/golden/README.md), and tests/test_cells_numpy.py runs it live.

LSTM, gates i, f, g, o (no peepholes, first cell state 0):
    i = sigmoid(x W_i + h_prev U_i + b_i)     f, o likewise
    g = tanh(x W_g + h_prev U_g + b_g)
    c = f * c_prev + i * g;  h = o * tanh(c)
GRU, gates r, z, n (reset before the product):
    r = sigmoid(x W_r + h_prev U_r + b_r)     z likewise
    n = tanh(x W_n + (r * h_prev) U_n + b_n)
    h = z * h_prev + (1 - z) * n
Both: output = sigmoid(h synapse_1), loss 0.5 * sum((y - output)**2).
"""

import argparse
import sys

import numpy as np

GATES = {"lstm": "ifgo", "gru": "rzn"}


def sigmoid(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def draw_weights(cell, hidden, init_scale):
    params = {}
    for gate in GATES[cell]:
        params["W" + gate] = (2 * np.random.random((2, hidden)) - 1) * init_scale
        params["U" + gate] = (2 * np.random.random((hidden, hidden)) - 1) * init_scale
        params["b" + gate] = (2 * np.random.random((1, hidden)) - 1)[0] * init_scale
    params["V"] = (2 * np.random.random((hidden, 1)) - 1) * init_scale
    return params


def lstm_gradients(p, xs, ys, h0):
    """Forward and backward over one sequence (xs, ys least significant first).

    Returns (outputs, grads) with grads[name] = d loss / d p[name].
    """
    hidden = len(p["bi"])
    h, c = np.full(hidden, float(h0)), np.zeros(hidden)
    cache, outputs = [], []
    for x in xs:
        i = sigmoid(x @ p["Wi"] + h @ p["Ui"] + p["bi"])
        f = sigmoid(x @ p["Wf"] + h @ p["Uf"] + p["bf"])
        g = np.tanh(x @ p["Wg"] + h @ p["Ug"] + p["bg"])
        o = sigmoid(x @ p["Wo"] + h @ p["Uo"] + p["bo"])
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        out = sigmoid(h_new @ p["V"])[0]
        cache.append((x, h, c, i, f, g, o, c_new, h_new))
        outputs.append(out)
        h, c = h_new, c_new
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    dh_next, dc_next = np.zeros(hidden), np.zeros(hidden)
    for t in reversed(range(len(xs))):
        x, h_prev, c_prev, i, f, g, o, c, h = cache[t]
        dout = (outputs[t] - ys[t]) * (outputs[t] * (1 - outputs[t]))
        grads["V"] += np.outer(h, [dout])
        dh = dout * p["V"][:, 0] + dh_next
        tc = np.tanh(c)
        dc = dh * o * (1 - tc * tc) + dc_next
        pre = {"i": dc * g * (i * (1 - i)), "f": dc * c_prev * (f * (1 - f)),
               "g": dc * i * (1 - g * g), "o": dh * tc * (o * (1 - o))}
        dh_next = np.zeros(hidden)
        for gate, dpre in pre.items():
            grads["W" + gate] += np.outer(x, dpre)
            grads["U" + gate] += np.outer(h_prev, dpre)
            grads["b" + gate] += dpre
            dh_next = dh_next + p["U" + gate] @ dpre
        dc_next = dc * f
    return outputs, grads


def gru_gradients(p, xs, ys, h0):
    hidden = len(p["br"])
    h = np.full(hidden, float(h0))
    cache, outputs = [], []
    for x in xs:
        r = sigmoid(x @ p["Wr"] + h @ p["Ur"] + p["br"])
        z = sigmoid(x @ p["Wz"] + h @ p["Uz"] + p["bz"])
        n = np.tanh(x @ p["Wn"] + (r * h) @ p["Un"] + p["bn"])
        h_new = z * h + (1 - z) * n
        out = sigmoid(h_new @ p["V"])[0]
        cache.append((x, h, r, z, n, h_new))
        outputs.append(out)
        h = h_new
    grads = {name: np.zeros_like(value) for name, value in p.items()}
    dh_next = np.zeros(hidden)
    for t in reversed(range(len(xs))):
        x, h_prev, r, z, n, h = cache[t]
        dout = (outputs[t] - ys[t]) * (outputs[t] * (1 - outputs[t]))
        grads["V"] += np.outer(h, [dout])
        dh = dout * p["V"][:, 0] + dh_next
        dn = dh * (1 - z) * (1 - n * n)
        dz = dh * (h_prev - n) * (z * (1 - z))
        drh = p["Un"] @ dn
        dr = drh * h_prev * (r * (1 - r))
        for gate, dpre, into in (("r", dr, h_prev), ("z", dz, h_prev), ("n", dn, r * h_prev)):
            grads["W" + gate] += np.outer(x, dpre)
            grads["U" + gate] += np.outer(into, dpre)
            grads["b" + gate] += dpre
        dh_next = dh * z + drh * r + p["Uz"] @ dz + p["Ur"] @ dr
    return outputs, grads


GRADIENTS = {"lstm": lstm_gradients, "gru": gru_gradients}


def draw_problem(task, bits):
    largest = 2 ** bits
    if task == "add":
        a = np.random.randint(largest // 2)
        b = np.random.randint(largest // 2)
        return a, b, a + b
    a = np.random.randint(largest)
    b = np.random.randint(largest // 2)
    if a < b:
        a, b = b, a
    return a, b, a - b


def to_bits(number, bits):
    return np.array([(number >> k) & 1 for k in reversed(range(bits))])


def run(cell="lstm", task="add", bits=8, hidden=16, alpha=0.1, iterations=2000, seed=0,
        init_scale=1.0, h0=0.0, print_every=200, out=sys.stdout):
    """Train and print the checkpoint log; returns the final parameters."""
    np.random.seed(seed)
    params = draw_weights(cell, hidden, init_scale)
    for j in range(iterations):
        a_int, b_int, c_int = draw_problem(task, bits)
        a, b, c = to_bits(a_int, bits), to_bits(b_int, bits), to_bits(c_int, bits)
        xs = [np.array([a[k], b[k]], dtype=float) for k in reversed(range(bits))]
        ys = [float(c[k]) for k in reversed(range(bits))]
        outputs, grads = GRADIENTS[cell](params, xs, ys, h0)
        for name in params:
            params[name] += -grads[name] * alpha
        if j % print_every == 0:
            error = np.array([sum(abs(y - o) for y, o in zip(ys, outputs))])
            d = np.array([int(np.round(o)) for o in reversed(outputs)])
            value = sum(int(bit) * 2 ** k for k, bit in enumerate(reversed(d)))
            out.write("Error:" + str(error) + "\n")
            out.write("Pred:" + str(d) + "\n")
            out.write("True:" + str(c) + "\n")
            out.write("%d %s %d = %d\n" % (a_int, "+" if task == "add" else "-", b_int, value))
            out.write("------------\n")
    return params


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", choices=sorted(GATES), default="lstm")
    parser.add_argument("--task", choices=("add", "sub"), default="add")
    for name, kind, default in (("bits", int, 8), ("hidden", int, 16), ("alpha", float, 0.1),
                                ("iterations", int, 2000), ("seed", int, 0),
                                ("init-scale", float, 1.0), ("h0", float, 0.0),
                                ("print-every", int, 200)):
        parser.add_argument("--" + name, type=kind, default=default)
    args = parser.parse_args()
    run(args.cell, args.task, args.bits, args.hidden, args.alpha, args.iterations, args.seed,
        args.init_scale, args.h0, args.print_every)


if __name__ == "__main__":
    main()
