"""Print the constants of tests/numpy_values.py, asking numpy (run it with numpy installed).

    python3 tests/make_numpy_values.py > /tmp/values.py   # then compare with tests/numpy_values.py

Every value comes from numpy itself; nothing here imports minirnn.
"""
import random
import struct


def main():
    import numpy as np

    def numpy_str(x):
        return str(np.array([x], dtype=np.float64))[1:-1].strip()

    rng = random.Random(20261124)
    special = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0.0, 0.0, 83913718.5340135,
               9.99999999e-5, 1e-4, np.nextafter(1e-4, 0), np.nextafter(1e-4, 1), 99999999.99999999, 1e8,
               np.nextafter(1e8, 0), struct.unpack("<d", struct.pack("<Q", 202))[0], 0.1, 2.0, 3.5852713,
               2.486562, 123456789.0, 0.00001234, 1.5e-05, 9.5367431640625e-07, 1e-5, 1e-300, -2.5e-7]
    # Ties at the 8th decimal: odd multiples of 2**-9 (0.001953125) have exactly 9 decimals ending in 5.
    ties = [k * 2.0 ** -9 for k in (1, 3, 5, 7, 9, 11, 13, 1025, 1537, 2049, 4095)] + \
           [n + k * 2.0 ** -9 for n in (1, 2, 3, 7) for k in (1, 3, 7)]
    ties += [-t for t in ties[:3]]
    in_range = [rng.uniform(0.0, 8.0) for _ in range(120)]
    patterns = []
    while len(patterns) < 150:
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if x == x:
            patterns.append(x)
    small = [rng.uniform(0, 1) * 10.0 ** rng.randint(-12, -3) for _ in range(40)]
    # Powers of two and their neighbours: below a power of two the floats are twice as dense.
    powers = []
    for k in range(-1074, 1024, 23):
        powers.extend([2.0 ** k, float(np.nextafter(2.0 ** k, 0)), float(np.nextafter(2.0 ** k, np.inf))])
    small += powers
    # Subnormals with short decimals, in the top binade (2**-1023 to 2**-1022) and below.
    small += [1.2e-308, 1.5e-308, 2e-308, 1.9e-308, 1.2345e-308, 2.2e-308, 5e-309, 3e-310, 1e-320]
    # From 2**26 to 1e8 a float is coarser than the 8 decimals printed: there the shortest
    # decimal that reads back is what numpy prints, not the rounding to 8 decimals.
    small += [rng.uniform(2.0 ** 26, 1e8) for _ in range(150)]
    small += [float("%.*f" % (rng.randint(0, 7), rng.uniform(2.0 ** 26, 1e8))) for _ in range(150)]
    # Short decimals that lie exactly halfway between two floats (odd d times 10**j, j >= 20, in
    # the binade whose gap is 2**(j+1)): the float they round to prints them back only by the tie rule.
    small += [float("%de%d" % (d, j)) for j in range(20, 26) for d in range(95, 190, 2)
              if 2.0 ** (j + 53) <= d * 10.0 ** j < 2.0 ** (j + 54)]
    # Just below powers of ten, where log10 can round up to the next exponent.
    small += [float(np.nextafter(10.0 ** k, 0)) for k in range(-300, 301, 7)] + [1e23, 9.999999999999999e22]
    # Far enough below a power of ten that log10 says so, close enough that 8 decimals round up to
    # it (9.9999999999e-05 prints 1.e-04): the estimated exponent is one too small.
    small += [9.9999999999 * 10.0 ** k for k in (-300, -100, -5, 8, 22, 100, 300)]
    print("FLOATS = [")
    for x in special + ties + in_range + patterns + small:
        x = float(x)
        print("    (%r, %r)," % (x, numpy_str(x)))
    print("]")

    print("RANDINT_SEED = 12345")
    print("RANDINT = {  # high: (20 draws of randint(high), then random_sample())")
    for high in (1, 2, 3, 7, 128, 255, 256, 1000, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40,
                 2 ** 62 + 1, 2 ** 63 - 1, 2 ** 63):
        r = np.random.RandomState(12345)
        draws = [int(r.randint(high)) for _ in range(20)]
        print("    %d: (%r, %r)," % (high, draws, float(r.random_sample())))
    print("}")
    print("SEEDS = {  # seed: (5 random_sample(), then 5 randint(2**63))")
    for seed in (0, 1, 5489, 2 ** 31, 2 ** 32 - 1):
        r = np.random.RandomState(seed)
        doubles = [float(r.random_sample()) for _ in range(5)]
        ints = [int(r.randint(2 ** 63)) for _ in range(5)]
        print("    %d: (%r, %r)," % (seed, doubles, ints))
    print("}")
    r = np.random.RandomState(3)
    print("SHAPED_SEED = 3")
    print("SHAPED_RANDOM = %r  # random_sample((2, 3))" % (r.random_sample((2, 3)).tolist(),))
    r = np.random.RandomState(3)
    print("SHAPED_RANDINT = %r  # randint(100, size=(3, 2))" % (r.randint(100, size=(3, 2)).tolist(),))
    print("PROBLEMS = {  # (seed, bits): 5 addition problems, then 5 subtraction problems, from one stream")
    for seed, bits in ((0, 8), (1, 1), (7, 2), (7, 33), (2 ** 32 - 1, 63)):
        r = np.random.RandomState(seed)
        adds, subs = [], []
        for _ in range(5):
            half = 2 ** (bits - 1)
            a, b = int(r.randint(half)), int(r.randint(half))
            adds.append((a, b, a + b))
        for _ in range(5):
            a, b = int(r.randint(2 ** bits)), int(r.randint(2 ** (bits - 1)))
            if a < b:
                a, b = b, a
            subs.append((a, b, a - b))
        print("    (%d, %d): (%r, %r)," % (seed, bits, adds, subs))
    print("}")
    print("SIGMOID = [  # x, numpy's 1 / (1 + np.exp(-x)) in float64")
    with np.errstate(over="ignore"):
        for x in (-1e308, -745.2, -709.79, -709.78, -100.0, -30.0, -1.0, -1e-300, 0.0, 1e-300, 0.5, 1.0,
                  2.0, 20.0, 36.7, 40.0, 709.0, 1e308):
            print("    (%r, %r)," % (x, float(1 / (1 + np.exp(-np.float64(x))))))
    print("]")
    print("NUMPY_VERSION = %r" % np.__version__)


if __name__ == "__main__":
    main()
