"""A one-line progress display for training (and eval) on a terminal, redrawn in place.

The line says how far training has got, how fast it goes and how the
error is doing, and is rewritten at most ten times a second by returning
the cursor to the start of the line (a carriage return).  It is only for
people watching a terminal: ``for_terminal`` gives None for a stream that is
not one (a file, a pipe), so a saved log holds exactly the checkpoints.

The line stays three columns short of the terminal's width, so it never
wraps, not even when the terminal echoes ^C after it (a wrapped line could
not be erased).  The width may be a function, asked again at every redraw,
so a terminal made narrower meanwhile gets a shorter line.

A clock can be passed in, which makes the display easy to test:

>>> import io
>>> class Screen(io.StringIO):
...     def isatty(self):
...         return True
>>> screen, now = Screen(), [0.0]
>>> progress = for_terminal(screen, total=1000, clock=lambda: now[0])
>>> progress.update(0, 4.0)
>>> now[0] = 2.0
>>> progress.update(499, 3.0)
>>> screen.getvalue().split("\\r")[-1]
'iteration 500/1,000  50% |#####-----|  250 it/s  mean error 3.50  2 s left'
>>> progress.clear()
>>> for_terminal(io.StringIO(), total=1000) is None
True
"""

import time

from .plots import smoothing_window, thousands

BAR = 10  # characters in the bar: short, so the line fits an 80-column terminal


def _default_clock():
    try:
        return time.monotonic()
    except AttributeError:  # an old or small Python: wall-clock time will do
        return time.time()


def for_terminal(stream, total, clock=None, width=80, **options):
    """A Progress on stream if it is a terminal, else None (nothing to show).

    options go to Progress (noun, rate, delay).
    """
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is None or not isatty():
            return None
    except (ValueError, OSError):  # a closed stream
        return None
    return Progress(stream, total, clock, width=width, **options)


class RecentMean:
    """The mean of the last `window` numbers added: the error with the noise smoothed out.

    >>> mean = RecentMean(2)
    >>> for x in (4, 2, 0):
    ...     mean.add(x)
    >>> mean.value()
    1.0
    """

    def __init__(self, window):
        self.window = window
        self.recent = []
        self.next = 0  # where the next number goes once the list is full

    def add(self, x):
        if len(self.recent) < self.window:
            self.recent.append(x)
        else:
            self.recent[self.next] = x
            self.next = (self.next + 1) % self.window

    def value(self):
        # Summed afresh rather than kept as a running total, whose rounding
        # errors would pile up over a long run.
        return sum(self.recent) / len(self.recent)


class Progress:
    """The progress line for a run of `total` iterations, drawn on stream.

    noun and rate name what is counted ("iteration", "it/s"); nothing is
    drawn until delay seconds have passed, so a quick run shows no line.
    width is the terminal's, or a function giving it.
    """

    def __init__(self, stream, total, clock=None, interval=0.1, width=80, noun="iteration",
                 rate="it/s", delay=0.0):
        self.stream = stream
        self.total = total
        self.clock = clock or _default_clock
        self.interval = interval  # seconds between redraws, at least
        self.width = width  # the terminal's: a longer line would wrap and not be erased
        self.noun = noun
        self.rate = rate
        self.delay = delay
        self.mean = RecentMean(smoothing_window(total))
        self.start = self.clock()
        self.drawn_at = None  # when the line was last drawn; None when the screen has none
        self.shown = 0  # characters on the screen now

    def columns(self):
        """The terminal's width now."""
        return self.width() if callable(self.width) else self.width

    def update(self, iteration, error=None):
        """Record iteration's overallError (if any) and redraw the line if it is time to."""
        if error is not None:
            self.mean.add(error)
        now = self.clock()
        if self.drawn_at is not None and now - self.drawn_at < self.interval:
            return
        if now - self.start < self.delay:
            return
        self.drawn_at = now
        self._show(self.line(iteration + 1, now - self.start))

    def line(self, done, elapsed):
        """The text of the line after `done` iterations and `elapsed` seconds."""
        filled = BAR * done // self.total if self.total else BAR
        parts = ["%s %s/%s %3d%% |%s%s|" % (self.noun, thousands(done), thousands(self.total),
                                            100 * done // max(self.total, 1),
                                            "#" * filled, "-" * (BAR - filled))]
        if elapsed > 0:
            rate = done / elapsed
            parts.append("%s %s" % (thousands(rate), self.rate))
        if self.mean.recent:
            parts.append("mean error %.2f" % self.mean.value())
        if elapsed > 0 and done < self.total:
            parts.append("%d s left" % int(round((self.total - done) / rate)))
        # Three columns short of the width: a line that reaches the last
        # column, or that the ^C echoed after it pushes past it, wraps, and a
        # carriage return then erases only its second half.
        return "  ".join(parts)[:max(self.columns() - 3, 0)]

    def _show(self, text):
        # Cover the rest of a longer old line, but never past the width now.
        padding = " " * max(min(self.shown, self.columns() - 3) - len(text), 0)
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self.shown = len(text)

    def clear(self):
        """Erase the line (before a checkpoint is printed, and at the end); the next update redraws it."""
        if self.shown:
            # Two more blanks cover a ^C the terminal echoed after the line.
            blanks = min(self.shown + 2, max(self.columns() - 1, 0))
            self.stream.write("\r" + " " * blanks + "\r")
            self.stream.flush()
        self.shown = 0
        self.drawn_at = None
