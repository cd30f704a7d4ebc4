"""The article's five-line checkpoint, printed the way numpy prints it.

The article prints ``"Error:" + str(overallError)``, where overallError is a
one-element numpy array, then the predicted and true bits as numpy integer
arrays, then the sum as decoded from the prediction:

>>> print(format_checkpoint_lines(3.456386630001, [0, 0, 0, 0, 0, 0, 0, 1],
...                               [0, 1, 0, 0, 0, 1, 0, 1], 9, 60, "+"))
Error:[3.45638663]
Pred:[0 0 0 0 0 0 0 1]
True:[0 1 0 0 0 1 0 1]
9 + 60 = 1
------------

numpy shows a float with at most 8 digits after the point, rounded, and
drops trailing zeros; below 1e-4 it switches to scientific notation.  The
digits are found with exact integer arithmetic rather than ``'%.8f'`` or
``repr``, because not every Python turns floats into text exactly
(MicroPython does not).
"""

from math import floor, frexp, log10

PRECISION = 8  # numpy's default print precision


def _exact(x):
    """(m, s) with x == m * 2**s exactly, m an integer of at most 53 bits, for finite x > 0."""
    mantissa, exponent = frexp(x)
    m, s = int(mantissa * 2 ** 53), exponent - 53
    if s < -1074:  # a subnormal: its last bit is worth 2**-1074
        m, s = m >> (-1074 - s), -1074
    return m, s


def _scaled(x, p):
    """(numerator, denominator): x * 10**p as an exact fraction, for a finite x > 0."""
    m, s = _exact(x)
    numerator, denominator = m * 10 ** max(p, 0), 10 ** max(-p, 0)
    if s >= 0:
        numerator <<= s
    else:
        denominator <<= -s
    return numerator, denominator


def _scaled_round(x, p):
    """round(x * 10**p) for a finite x > 0, exactly, ties to even."""
    numerator, denominator = _scaled(x, p)
    quotient, remainder = divmod(numerator, denominator)
    if 2 * remainder > denominator or (2 * remainder == denominator and quotient & 1):
        quotient += 1
    return quotient


def _reads_back(x, units, p):
    """True if the decimal units * 10**-p would be read back as exactly the float x.

    That is the test numpy (and repr) use to print no more digits than
    needed: the decimal must lie closer to x than to its neighbouring floats.
    """
    m, s = _exact(x)
    # Bring x, the decimal and the gap between floats to one integer scale.
    scale_2, scale_10 = 2 ** max(-s, 0), 10 ** max(p, 0)
    x_scaled = 4 * m * 2 ** (s + max(-s, 0)) * scale_10
    decimal = 4 * units * scale_2 * 10 ** (max(p, 0) - p)
    gap = 4 * 2 ** (s + max(-s, 0)) * scale_10
    below = gap // 4 if m == 2 ** 52 and s > -1074 else gap // 2  # floats are closer below a power of two
    above = gap // 2
    if m % 2 == 0:  # a tie reads back to the even neighbour: x
        return -below <= decimal - x_scaled <= above
    return -below < decimal - x_scaled < above


def _shortest(x, p_for):
    """(units, digits) for the fewest digits, up to PRECISION, that print x faithfully.

    p_for(digits) is the power of ten that gives that many digits.
    """
    for digits in range(PRECISION + 1):
        units = _scaled_round(x, p_for(digits))
        if digits == PRECISION or _reads_back(x, units, p_for(digits)):
            return units, digits


def _digits_after_point(units, places):
    """units / 10**places as text, trailing zeros dropped but the point kept."""
    text = str(units)
    if len(text) <= places:
        text = "0" * (places - len(text) + 1) + text
    whole, fraction = text[: len(text) - places], text[len(text) - places:]
    return whole + "." + fraction.rstrip("0")


def numpy_float(x):
    """A float as numpy prints an element of a float array by default.

    >>> numpy_float(3.5852713), numpy_float(2.0), numpy_float(0.1)
    ('3.5852713', '2.', '0.1')
    >>> numpy_float(0.00001234), numpy_float(float('nan'))
    ('1.234e-05', 'nan')
    """
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    sign = "-" if x < 0 or (x == 0 and str(x).startswith("-")) else ""
    x = abs(x)
    if x == 0:
        return sign + "0."
    if 1e-4 <= x < 1e8:
        units, digits = _shortest(x, lambda digits: digits)
        return sign + _digits_after_point(units, digits)
    # Scientific: one digit before the point, up to PRECISION after it.
    # log10 only estimates the exponent; exact integers settle it: x * 10**-exponent
    # is from 1 up to (not including) 10, so rounded down to PRECISION places it
    # has PRECISION + 1 digits.  (Rounded to nearest, it could reach 10 from below.)
    exponent = int(floor(log10(x)))
    while True:
        numerator, denominator = _scaled(x, PRECISION - exponent)
        units = numerator // denominator
        if units >= 10 ** (PRECISION + 1):
            exponent += 1
        elif units < 10 ** PRECISION:
            exponent -= 1
        else:
            break
    units, digits = _shortest(x, lambda digits: digits - exponent)
    if units == 10 ** (digits + 1):
        # Rounding can carry into the next power of ten: 9.9999999999e-05 to
        # eight places, or 9.98e-322 (a subnormal with only two significant
        # digits) to 10.e-322.  numpy writes 1.e-04 and 1.e-321.
        exponent += 1
        units, digits = _shortest(x, lambda digits: digits - exponent)
    mantissa = _digits_after_point(units, digits)
    return "%s%se%s%02d" % (sign, mantissa, "-" if exponent < 0 else "+", abs(exponent))


def numpy_array(values, element=str):
    """A one-dimensional numpy array as str() shows it: [a b c].

    >>> numpy_array([0, 1, 1])
    '[0 1 1]'
    """
    return "[" + " ".join(element(v) for v in values) + "]"


def format_checkpoint_lines(overallError, d, c, a_int, b_int, operator):
    """The five checkpoint lines as one string (no final newline)."""
    out = 0
    for index, x in enumerate(reversed(d)):
        out += x * 2 ** index
    return "\n".join([
        "Error:" + numpy_array([overallError], numpy_float),
        "Pred:" + numpy_array(d),
        "True:" + numpy_array(c),
        "%d %s %d = %d" % (a_int, operator, b_int, out),
        "------------",
    ])
