"""numpy's legacy random stream (np.random.seed / random / randint) in pure Python.

The article seeds numpy with ``np.random.seed(0)`` and draws its weights with
``np.random.random`` and its problems with ``np.random.randint``.  To print
the article's log number for number, minirnn needs exactly the same numbers,
so this module re-implements the generator behind them: the Mersenne Twister
MT19937, seeded and read the way numpy's legacy ``RandomState`` does it.

>>> rng = RandomState(0)
>>> rng.random_sample()
0.5488135039273248
>>> [rng.randint(128) for _ in range(4)]
[117, 64, 67, 123]

(Those are the numbers ``np.random.seed(0)`` then ``np.random.random()`` and
four ``np.random.randint(128)`` give.)

CPython's own ``random`` module also runs MT19937, but it seeds it
differently and MicroPython has no ``random.setstate``, so the generator is
written out here; it is short.
"""

_N = 624  # words of state
_M = 397  # the twist pairs word i with word i + 397
_MATRIX_A = 0x9908B0DF
_UPPER_MASK = 0x80000000
_LOWER_MASK = 0x7FFFFFFF
_WORD = 0xFFFFFFFF


class RandomState:
    """A seeded MT19937 stream that gives what numpy's legacy RandomState gives."""

    def __init__(self, seed=0):
        self.seed(seed)

    def seed(self, seed):
        """Start over from seed, an integer 0 <= seed < 2**32, like np.random.seed(seed)."""
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ValueError("seed must be an integer from 0 to 2**32 - 1, got %r" % (seed,))
        if not 0 <= seed <= _WORD:
            raise ValueError("seed must be an integer from 0 to 2**32 - 1, got %r" % (seed,))
        # Matsumoto and Nishimura's init_genrand: numpy seeds integers this way.
        mt = [0] * _N
        mt[0] = seed
        for i in range(1, _N):
            previous = mt[i - 1]
            mt[i] = (1812433253 * (previous ^ (previous >> 30)) + i) & _WORD
        self.mt = mt
        self.index = _N  # the first draw twists

    def _twist(self):
        """Make the next 624 words of output from the current ones."""
        mt = self.mt
        for i in range(_N):
            y = (mt[i] & _UPPER_MASK) | (mt[(i + 1) % _N] & _LOWER_MASK)
            value = mt[(i + _M) % _N] ^ (y >> 1)
            if y & 1:
                value ^= _MATRIX_A
            mt[i] = value
        self.index = 0

    def next_uint32(self):
        """The next raw 32-bit word of the stream, tempered (genrand_int32)."""
        if self.index >= _N:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y

    def random_sample(self, size=None):
        """A float in [0, 1) with 53 random bits, or nested lists of them for a shape.

        size is None (one float), an int (a list) or a tuple (nested lists in
        C order: the last index changes fastest), as for np.random.random.

        >>> RandomState(0).random_sample((2, 2))
        [[0.5488135039273248, 0.7151893663724195], [0.6027633760716439, 0.5448831829968969]]
        """
        if size is None:
            a = self.next_uint32() >> 5  # 27 bits
            b = self.next_uint32() >> 6  # 26 bits
            return (a * 67108864.0 + b) / 9007199254740992.0
        if isinstance(size, int):
            size = (size,)
        return self._fill(tuple(size), self.random_sample)

    random = random_sample  # np.random.random is the same function

    def randint(self, high, size=None):
        """An integer from [0, high), or nested lists of them, like legacy np.random.randint(high).

        numpy masks each draw to the bit length of high - 1 and draws again
        while the value is too large.  Ranges wider than 32 bits use 64-bit
        draws made of two words, the first one high.  numpy stops at 64 bits;
        here wider ranges keep going the same way, one more word at a time,
        so problems of any bit width can be drawn.

        >>> rng = RandomState(0)
        >>> rng.randint(2**40)
        741280623151
        """
        if isinstance(high, bool) or not isinstance(high, int):
            raise ValueError("randint: high must be an integer, got %r" % (high,))
        if high <= 0:
            raise ValueError("randint: high must be at least 1, got %r" % (high,))
        if size is None:
            return self._bounded(high - 1)
        if isinstance(size, int):
            size = (size,)
        return self._fill(tuple(size), lambda: self._bounded(high - 1))

    def _bounded(self, largest):
        """A uniform integer from [0, largest] by masked rejection sampling."""
        if largest == 0:
            return 0  # numpy draws nothing for a range of one value
        bits = _bit_length(largest)
        mask = (1 << bits) - 1
        words = (bits + 31) // 32  # 32-bit words per draw
        while True:
            value = 0
            for _ in range(words):
                value = (value << 32) | self.next_uint32()
            value &= mask
            if value <= largest:
                return value

    def _fill(self, size, draw):
        if len(size) == 1:
            return [draw() for _ in range(size[0])]
        return [self._fill(size[1:], draw) for _ in range(size[0])]


def _bit_length(n):
    # int.bit_length is missing on MicroPython
    length = 0
    while n:
        n >>= 1
        length += 1
    return length
