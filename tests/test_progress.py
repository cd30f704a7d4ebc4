"""The progress line: shown only on a terminal, redrawn at most ten times a second, and gone
before each checkpoint and at the end, so what stays on the screen is the article's log."""

import io
import sys

import pytest

import minirnn
from minirnn import cli as cli_module
from minirnn.cli import main
from minirnn.progress import Progress, RecentMean, for_terminal


class Terminal(io.StringIO):
    """A stand-in for a terminal: it says it is one, and keeps everything written to it."""

    def isatty(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as a real stream does
        return True


class Clock:
    """A clock the test moves by hand (no real time passes in these tests)."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def screen(text):
    """What a terminal shows after this text: a carriage return goes back to the line's
    start and later characters overwrite earlier ones.  Trailing blanks are dropped."""
    lines, line, column = [], [], 0
    for char in text:
        if char == "\n":
            lines.append("".join(line).rstrip())
            line, column = [], 0
        elif char == "\r":
            column = 0
        else:
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return "\n".join(lines) + "\n" if lines else ""


def article_log(**settings):
    out = io.StringIO()
    minirnn.train(out=out, **settings)
    return out.getvalue()


# Only on a terminal


@pytest.mark.parametrize("stream", [io.StringIO(), io.BytesIO(), object()])
def test_nothing_is_shown_on_what_is_not_a_terminal(stream):
    assert for_terminal(stream, total=100) is None


def test_a_closed_stream_is_not_a_terminal():
    stream = Terminal()
    stream.close()
    assert for_terminal(stream, total=100) is None


def test_train_prints_exactly_the_log_when_stdout_is_not_a_terminal(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["train", "--iterations", "301", "--print-every", "100"]) == 0
    assert out.getvalue() == article_log(iterations=301, print_every=100)


# On a terminal


def test_on_a_terminal_the_line_is_shown_and_the_screen_ends_with_just_the_log(monkeypatch):
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["train", "--iterations", "301", "--print-every", "100"]) == 0
    written = out.getvalue()
    assert "\riteration " in written and "/301" in written  # the line was drawn
    assert screen(written) == article_log(iterations=301, print_every=100)
    assert written.endswith("\r")  # erased at the end: the cursor is back at the line's start


def test_the_line_is_redrawn_at_most_ten_times_a_second():
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=10000, clock=clock)
    for i in range(1000):  # a thousand iterations within one instant: drawn once
        progress.update(i, 2.0)
    assert out.getvalue().count("\r") == 1
    clock.now += 0.06
    progress.update(1000, 2.0)
    assert out.getvalue().count("\r") == 1  # too soon
    clock.now += 0.05
    progress.update(1001, 2.0)
    assert out.getvalue().count("\r") == 2
    assert out.getvalue().split("\r")[-1].startswith("iteration 1,002/10,000")


def test_clearing_blanks_the_line_and_the_next_update_redraws_at_once():
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=50, clock=clock)
    progress.update(0, 3.0)
    shown = out.getvalue()[1:]
    progress.clear()
    # two blanks more than the line: they also cover a ^C the terminal echoed after it
    assert out.getvalue() == "\r" + shown + "\r" + " " * (len(shown) + 2) + "\r"
    progress.clear()  # nothing on the screen: nothing to erase
    assert out.getvalue().count("\r") == 3
    progress.update(1, 3.0)  # no time has passed, but the screen has no line
    assert screen(out.getvalue()).startswith("iteration 2/50")


def test_a_shorter_line_covers_all_of_the_longer_one_before_it():
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=10 ** 6, clock=clock)
    clock.now += 1
    progress.update(99999, 0.5)  # "... 1 s left" grows to many seconds left
    clock.now += 100
    progress.update(10 ** 6 - 1, 0.5)
    assert screen(out.getvalue()) == progress.line(10 ** 6, 101) + "\n"


def test_the_line_says_how_far_how_fast_and_the_recent_mean_error():
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=1000, clock=clock)
    errors = [4.0 - i / 250.0 for i in range(400)]
    for i, error in enumerate(errors):
        progress.update(i, error)
    clock.now += 4.0
    line = progress.line(400, 4.0)
    window = 50  # a run of 1,000 iterations is smoothed over 50
    assert line.startswith("iteration 400/1,000  40% |####------|")
    assert "100 it/s" in line and "6 s left" in line
    assert "mean error %.2f" % (sum(errors[-window:]) / window) in line


@pytest.mark.parametrize("width", [20, 40, 80, 200])
def test_the_line_fits_the_terminal(width):
    progress = Progress(Terminal(), total=10 ** 9, clock=Clock(), width=width)
    progress.update(123456789, 2.5)
    assert len(progress.line(123456789, 3.0)) <= width - 1  # a full-width line would wrap


def test_the_recent_mean_forgets_old_numbers():
    mean = RecentMean(3)
    for x in (100, 1, 2, 3, 4):
        mean.add(x)
    assert mean.value() == 3.0


def test_eval_on_a_terminal_shows_pairs_after_a_second_and_ends_with_just_its_report(tmp_path, monkeypatch):
    from minirnn import progress as progress_module
    from minirnn.cli import describe_model
    from minirnn.evaluate import format_result, measure
    from minirnn.rnn import RNN
    model = RNN([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]])
    path = str(tmp_path / "m.json")
    model.save(path)
    report = describe_model(path, model) + "\n" + format_result(measure(model, 6)) + "\n"
    now = [0.0]

    def clock():  # each look at the clock finds 1/8 s passed
        now[0] += 0.125
        return now[0]

    monkeypatch.setattr(progress_module, "_default_clock", clock)
    monkeypatch.setenv("COLUMNS", "50")
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["eval", "--model", path, "--bits", "6"]) == 0
    written = out.getvalue()
    # the line starts when the clock is read after pair 1, and one more read per pair: a second
    # has passed after pair 8, at 8 pairs/s, with 1,016 left (127 s); cut to 50 - 3 columns
    first = written[written.index("\r"):].split("\r")[1]
    assert first == "pair 8/1,024   0% |----------|  8 pairs/s  127 s left"[:47]
    assert screen(written) == report


# Edges of the line's arithmetic


def test_a_fresh_display_has_nothing_to_erase():
    out = Terminal()
    Progress(out, total=10, clock=Clock()).clear()
    assert out.getvalue() == ""


def test_the_line_is_redrawn_once_the_interval_has_passed_exactly():
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=100, clock=clock, interval=0.125)  # exact in binary
    progress.update(0, 1.0)
    clock.now += 0.125
    progress.update(1, 1.0)
    assert out.getvalue().count("\r") == 2


@pytest.mark.parametrize("total, done, percent, bar", [
    (1000, 999, " 99%", "#########-"), (1000, 1000, "100%", "##########"), (1, 1, "100%", "##########"),
    (3, 1, " 33%", "###-------"), (0, 0, "  0%", "##########"),
])
def test_the_percentage_and_bar_round_down(total, done, percent, bar):
    progress = Progress(Terminal(), total=total, clock=Clock())
    progress.mean.add(1.0)  # the line shows the mean error: there is one after an update
    line = progress.line(done, 0.0)
    assert line.startswith("iteration %s/%s %s |%s|" % ("{:,}".format(done), "{:,}".format(total), percent, bar))


def test_by_default_the_line_fits_80_columns():
    progress = Progress(Terminal(), total=10 ** 9, clock=Clock())
    progress.update(123456789, 2.5)
    # cut three columns short of the 80: a line reaching the last column can wrap and not be erased
    assert len(progress.line(123456789, 3.0)) == 80 - 3


def test_for_terminal_passes_the_width_and_defaults_to_80():
    assert for_terminal(Terminal(), total=10, width=40).width == 40
    assert for_terminal(Terminal(), total=10).width == 80


def test_for_terminal_passes_what_is_counted_and_the_delay():
    # eval counts pairs and waits a second before drawing
    clock = Clock()
    out = Terminal()
    progress = for_terminal(out, total=4, clock=clock, noun="pair", rate="pairs/s", delay=1.0)
    progress.update(0)
    assert out.getvalue() == ""
    clock.now += 1
    progress.update(1)
    assert screen(out.getvalue()) == "pair 2/4  50% |#####-----|  2 pairs/s  1 s left\n"


@pytest.mark.parametrize("done, elapsed, left", [(1, 0.5, "10 s left"), (20, 0.5, None), (20, 9.0, None),
                                                 (1, 0.0, None)])
def test_time_left_is_shown_once_there_is_a_rate_and_until_the_end(done, elapsed, left):
    progress = Progress(Terminal(), total=20, clock=Clock(), width=200)
    progress.mean.add(1.0)
    line = progress.line(done, elapsed)
    assert (line.endswith(left) if left else "left" not in line), line


@pytest.mark.parametrize("width", [0, 1])
def test_a_terminal_too_narrow_gets_an_empty_line(width):
    progress = Progress(Terminal(), total=20, clock=Clock(), width=width)
    progress.mean.add(1.0)
    assert progress.line(3, 1.0) == ""


def test_nothing_is_drawn_until_the_delay_has_passed():
    # eval's line waits a second, so a quick measure shows none; the clock is far from 0
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=100, clock=clock, delay=1.0)
    progress.update(0)
    clock.now += 0.5
    progress.update(1)
    assert out.getvalue() == ""
    clock.now += 0.5
    progress.update(2)
    assert screen(out.getvalue()).startswith("iteration 3/100")


def test_a_shorter_line_covers_all_of_a_line_cut_to_the_width():
    # eval's line: on a 51-column terminal the first is cut to 48 characters, the last is shorter
    out, clock = Terminal(), Clock()
    progress = Progress(out, total=100, clock=clock, width=51, noun="pair", rate="pairs/s")
    clock.now += 2
    progress.update(49)
    assert out.getvalue() == "\rpair 50/100  50% |#####-----|  25 pairs/s  2 s l"
    clock.now += 2
    progress.update(99)
    assert screen(out.getvalue()) == "pair 100/100 100% |##########|  25 pairs/s\n"


@pytest.mark.parametrize("width", range(0, 12))
def test_the_erasing_blanks_fit_a_terminal_made_narrower(width):
    # drawn on 80 columns, then the terminal shrank: the blanks stop short of its last column,
    # where they would wrap
    columns = [80]
    out = Terminal()
    progress = Progress(out, total=100, clock=Clock(), width=lambda: columns[0])
    progress.update(0, 1.0)
    drawn = len(out.getvalue())
    columns[0] = width
    progress.clear()
    assert out.getvalue()[drawn:] == "\r" + " " * max(width - 1, 0) + "\r"


def test_on_a_terminal_the_line_fits_its_width_and_shows_the_error(monkeypatch):
    # A 70-column terminal: every drawn line stays three columns short of it, and says how
    # the error is doing.  Whole, the line of a run this size is longer than 67 characters:
    # 'iteration 101/301  33% |###-------|  3,230 it/s  mean error 0.50  0 s left' is 74.
    out = Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(cli_module, "_terminal_width", lambda: 70)
    assert main(["train", "--iterations", "301", "--print-every", "100"]) == 0
    drawn = [part for line in out.getvalue().split("\n") for part in line.split("\r")
             if part.startswith("iteration ")]
    assert drawn and all(len(part) <= 67 for part in drawn), drawn
    assert all("mean error " in part for part in drawn), drawn
