"""Ask a trained network sums, and measure how often it is right, at any bit width.

The network reads one bit of each operand per step and the same weights do
the work at every step, so a network trained on 8-bit sums can be asked
about numbers of any length: ``predict`` sizes the problem to the operands.

>>> from minirnn import train
>>> model = train(print_every=None)  # the article's run: 8-bit sums, seed 0  # doctest: +SKIP
>>> predict(model, 57, 68)
125
>>> a, b = 2 ** 127 - 12345, 2 ** 126 + 67890
>>> predict(model, a, b) == a + b
True

``measure`` checks it on many problems of one width, drawn as training
draws them (for addition, both operands below 2**(bits-1), so the sum fits
in bits): every pair when there are at most 2**16 of them, else a seeded
sample.  It counts whole answers and each bit of the answer:

>>> result = measure(model, bits=6)
>>> result.exhaustive, result.checked, result.correct
(True, 1024, 1024)
>>> print(format_result(result))
6-bit addition: all 1024 pairs of operands below 2**5
exact answers: 1024 of 1024 (100%)
each bit of the answer right (bit 0 is the ones):
  bits 0-5:    100%    100%    100%    100%    100%    100%
>>> print(format_table([result, measure(model, bits=64, samples=20)]))
 bits  pairs checked           exact answers  worst bit
    6  all 1024                         100%  100%
   64  20 random (seed 0)               100%  100%
"""

from .data import OPERATORS, PROBLEMS, binary2int, int2binary
from .numpy_random import RandomState

MAX_BITS = 4096  # widest numbers accepted: a 4096-bit sum takes a fraction of a second
EXHAUSTIVE_LIMIT = 2 ** 16  # check every pair when there are at most this many
DEFAULT_SAMPLES = 1000
MISTAKES_KEPT = 5  # wrong answers kept as examples
TASK_NAMES = {"add": "addition", "sub": "subtraction"}


def task_of(model):
    """What the model was trained to do; a network built by hand counts as the article's adder."""
    return model.settings.get("task", "add")


def bits_of(model):
    """The width the model trained on (the article's 8 if it was not trained here)."""
    return model.settings.get("bits", 8)


def bit_length(number):
    """How many bits a non-negative integer needs (int.bit_length is missing on MicroPython).

    >>> bit_length(0), bit_length(1), bit_length(255), bit_length(256)
    (0, 1, 8, 9)
    """
    return len(bin(number)) - 2 if number else 0


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_operands(task, a, b):
    """Raise ValueError unless the model can be asked a (op) b: whole, non-negative,
    at most MAX_BITS bits, and for subtraction a >= b."""
    for name, value in (("a", a), ("b", b)):
        if not _is_int(value):
            raise ValueError("%s must be a whole number, got %r" % (name, value))
        if value < 0:
            raise ValueError("%s must not be negative, got %d" % (name, value))
        if value >> MAX_BITS:
            raise ValueError("%s is too large: numbers of at most %d bits are accepted, got one of %d bits"
                             % (name, MAX_BITS, bit_length(value)))
    if task == "sub" and a < b:
        raise ValueError("a subtraction model needs a >= b (it has no negative answers), got %d - %d"
                         % (a, b))


def width_for(model, a, b):
    """The bit width to pose a (op) b at: one bit more than the larger operand, so a
    sum's carry fits, and never fewer bits than the model trained on.

    For subtraction a >= b, so a - b needs no more bits than a; the spare top
    bit is then 0 - 0, which is what training showed it above the operands.
    """
    return max(bits_of(model), bit_length(max(a, b)) + 1)


def true_answer(task, a, b):
    return a + b if task == "add" else a - b


def predict(model, a, b):
    """The model's answer to a + b (a - b for a subtraction model) as an integer.

    >>> from minirnn.rnn import RNN
    >>> predict(RNN([[0.0], [0.0]], [[0.0]], [[0.0]]), 1, 2)  # untrained: every bit 0
    0
    >>> predict(RNN([[0.0], [0.0]], [[0.0]], [[0.0]]), -1, 2)
    Traceback (most recent call last):
      ...
    ValueError: a must not be negative, got -1
    """
    check_operands(task_of(model), a, b)
    width = width_for(model, a, b)
    d = model.feed(int2binary(a, width), int2binary(b, width))[0]
    return binary2int(d)


# Measuring


class Result:
    """What a model got right on the problems of one width.

    correct of checked answers were right in every bit; bit_correct[k] counts
    the answers whose bit k (bit 0 is the ones) was right; mistakes keeps the
    first few wrong answers as (a, b, predicted, true).
    """

    def __init__(self, task, bits, exhaustive, seed=None):
        self.task = task
        self.bits = bits
        self.exhaustive = exhaustive
        self.seed = seed
        self.checked = 0
        self.correct = 0
        self.bit_correct = [0] * bits
        self.mistakes = []

    def record(self, a, b, d, c):
        """Count one answer: d the predicted bits and c the true ones, most significant first."""
        self.checked += 1
        if d == c:
            self.correct += 1
        elif len(self.mistakes) < MISTAKES_KEPT:
            self.mistakes.append((a, b, binary2int(d), binary2int(c)))
        for k in range(self.bits):
            if d[-k - 1] == c[-k - 1]:
                self.bit_correct[k] += 1

    @property
    def accuracy(self):
        """The fraction of answers right in every bit."""
        return self.correct / self.checked

    @property
    def bit_accuracy(self):
        """The fraction of answers right at each bit, bit 0 (the ones) first."""
        return [count / self.checked for count in self.bit_correct]

    def __repr__(self):
        return "Result(%s, bits=%d, %d of %d right)" % (self.task, self.bits, self.correct, self.checked)


def pair_count(task, bits):
    """How many problems training can draw at this width.

    Addition draws a and b below 2**(bits-1).  Subtraction draws a below
    2**bits and b below 2**(bits-1) and swaps them when a < b, so it can pose
    every a >= b with b below 2**(bits-1).

    >>> pair_count("add", 8), pair_count("sub", 8)
    (16384, 24640)
    """
    half = 2 ** (bits - 1)
    if task == "add":
        return half * half
    return half * 2 ** bits - half * (half - 1) // 2


def all_problems(task, bits):
    """Every (a, b, answer) training can draw at this width, in order."""
    half = 2 ** (bits - 1)
    if task == "add":
        for a in range(half):
            for b in range(half):
                yield a, b, a + b
    else:
        for b in range(half):
            for a in range(b, 2 * half):
                yield a, b, a - b


def sampled_problems(task, bits, samples, seed):
    """samples problems drawn as training draws them, from RandomState(seed)."""
    rng = RandomState(seed)
    draw = PROBLEMS[task]
    for _ in range(samples):
        yield draw(rng, bits)


def measure(model, bits=None, samples=DEFAULT_SAMPLES, seed=0, progress=None):
    """Pose the model the problems of one width and count what it gets right; returns a Result.

    bits defaults to the width the model trained on.  Every pair is checked
    when there are at most EXHAUSTIVE_LIMIT of them; otherwise `samples`
    problems drawn with numpy's generator seeded with `seed`.  progress, if
    given, is called as progress(checked, total) after each problem (the
    command line shows a progress line with it).
    """
    task = task_of(model)
    bits = bits_of(model) if bits is None else bits
    _check_whole("bits", bits, 1, MAX_BITS)
    _check_whole("samples", samples, 1, None)
    _check_whole("seed", seed, 0, 2 ** 32 - 1)
    total = pair_count(task, bits)
    if total <= EXHAUSTIVE_LIMIT:
        result = Result(task, bits, exhaustive=True)
        problems = all_problems(task, bits)
    else:
        result = Result(task, bits, exhaustive=False, seed=seed)
        problems = sampled_problems(task, bits, samples, seed)
        total = samples
    for a_int, b_int, c_int in problems:
        d = model.feed(int2binary(a_int, bits), int2binary(b_int, bits))[0]
        result.record(a_int, b_int, d, int2binary(c_int, bits))
        if progress is not None:
            progress(result.checked, total)
    return result


def _check_whole(name, value, low, high):
    if not _is_int(value) or value < low or (high is not None and value > high):
        allowed = ">= %d" % low if high is None else "from %d to %d" % (low, high)
        raise ValueError("%s must be a whole number %s, got %r" % (name, allowed, value))


# Reporting


def plural(count, noun, nouns=None, digits=str):
    """count and the noun, plural unless count is 1 (nouns: the plural, if not noun + "s").

    >>> plural(1, "pair"), plural(2, "pair"), plural(0, "hidden unit holds", "hidden units hold")
    ('1 pair', '2 pairs', '0 hidden units hold')
    """
    return "%s %s" % (digits(count), noun if count == 1 else nouns or noun + "s")


def percent(part, whole):
    """part/whole as a percentage that says 100% only when it is all, and 0% only when none.

    >>> percent(16384, 16384), percent(9999, 10000), percent(99999, 100000), percent(1, 10 ** 6)
    ('100%', '99.99%', '99.99%', '<0.01%')
    """
    if part == whole:
        return "100%"
    if part == 0:
        return "0%"
    text = "%.2f%%" % (100.0 * part / whole)
    if text == "100.00%":
        return "99.99%"
    if text == "0.00%":
        return "<0.01%"
    return text


def describe_problems(result):
    """Which problems a result counts, in words."""
    name = "%d-bit %s" % (result.bits, TASK_NAMES[result.task])
    if result.task == "add":
        operands = "operands below 2**%d" % (result.bits - 1)
    else:
        operands = "a >= b, a below 2**%d and b below 2**%d" % (result.bits, result.bits - 1)
    if result.exhaustive:
        return "%s: all %s of %s" % (name, plural(result.checked, "pair"), operands)
    return "%s: %s of %s (seed %d)" % (name, plural(result.checked, "random pair"), operands,
                                       result.seed)


def format_result(result):
    """A result as lines of text: what was checked, exact answers, each bit's accuracy, mistakes."""
    lines = [describe_problems(result),
             "exact answers: %d of %d (%s)" % (result.correct, result.checked,
                                               percent(result.correct, result.checked)),
             "each bit of the answer right (bit 0 is the ones):"]
    labels = ["bits %d-%d:" % (start, min(start + 8, result.bits) - 1)
              for start in range(0, result.bits, 8)]
    for row, label in enumerate(labels):
        counts = result.bit_correct[8 * row:8 * row + 8]
        lines.append("  %-*s" % (len(labels[-1]), label) +
                     "".join("%8s" % percent(k, result.checked) for k in counts))
    if result.mistakes:
        lines.append("wrong answers, for example:")
        operator = OPERATORS[result.task]
        for a, b, predicted, true in result.mistakes:
            lines.append("  %d %s %d = %d (should be %d)" % (a, operator, b, predicted, true))
    return "\n".join(lines)


def format_table(results):
    """Results at several widths as a table: how well what was learned at one width carries to others."""
    return "\n".join([TABLE_HEADER] + [format_row(result) for result in results])


TABLE_HEADER = "%5s  %-22s  %13s  %s" % ("bits", "pairs checked", "exact answers", "worst bit")


def format_row(result):
    """One result as a row under TABLE_HEADER."""
    if result.exhaustive:
        checked = "all %d" % result.checked
    else:
        checked = "%d random (seed %d)" % (result.checked, result.seed)
    worst = min(range(result.bits), key=lambda k: result.bit_correct[k])
    worst_text = percent(result.bit_correct[worst], result.checked)
    if result.bit_correct[worst] < result.checked:
        worst_text += " (bit %d)" % worst
    return "%5d  %-22s  %13s  %s" % (result.bits, checked, percent(result.correct, result.checked),
                                     worst_text)
