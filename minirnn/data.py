"""The training data: numbers as bits, and the problems the network practises on.

The article keeps a table ``int2binary`` from each 8-bit number to its bits,
most significant first (what ``np.unpackbits`` gives).  Here the table is a
function, so any bit width works:

>>> int2binary(9, 8)
[0, 0, 0, 0, 1, 0, 0, 1]
>>> binary2int([0, 0, 0, 0, 1, 0, 0, 1])
9

A problem is drawn from the seeded generator in the article's order, so the
same seed gives the same problems as the article (its first sum is 9 + 60):

>>> from minirnn.numpy_random import RandomState
>>> rng = RandomState(0)
>>> _ = rng.random((2 * 16 + 16 * 1 + 16 * 16,))  # the article draws its weights first
>>> addition_problem(rng, 8)
(9, 60, 69)
"""


def int2binary(number, bits):
    """The bits of a non-negative integer, most significant first, padded to `bits`.

    >>> int2binary(5, 4)
    [0, 1, 0, 1]
    >>> int2binary(256, 8)
    Traceback (most recent call last):
      ...
    ValueError: 256 does not fit in 8 bits
    """
    if number < 0 or number >> bits:
        raise ValueError("%d does not fit in %d bits" % (number, bits))
    return [(number >> shift) & 1 for shift in range(bits - 1, -1, -1)]


def binary2int(binary):
    """The integer that a list of bits, most significant first, stands for.

    >>> binary2int([1, 1, 0])
    6
    """
    number = 0
    for bit in binary:
        number = (number << 1) | int(bit)
    return number


def addition_problem(rng, bits):
    """(a, b, a + b) with a and b drawn from [0, 2**(bits-1)), so the sum fits in `bits`."""
    largest_number = 2 ** bits
    a_int = rng.randint(largest_number // 2)
    b_int = rng.randint(largest_number // 2)
    return a_int, b_int, a_int + b_int


def subtraction_problem(rng, bits):
    """(a, b, a - b) with a from [0, 2**bits) and b from [0, 2**(bits-1)), swapped if a < b.

    The order of draws and the swap follow the published subtraction variant.
    """
    largest_number = 2 ** bits
    a_int = rng.randint(largest_number)
    b_int = rng.randint(largest_number // 2)
    if a_int < b_int:
        a_int, b_int = b_int, a_int
    return a_int, b_int, a_int - b_int


# How each task draws its problems, and the sign it prints between operands.
PROBLEMS = {"add": addition_problem, "sub": subtraction_problem}
OPERATORS = {"add": "+", "sub": "-"}
