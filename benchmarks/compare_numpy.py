"""Time minirnn against the article's numpy program, side by side.

Both programs run the article's training (seed 0, 10,000 iterations, a
checkpoint every 1,000) in fresh processes, taking turns so that whatever
else the machine is doing falls on both alike.  Their logs must be
identical, or the timing means nothing and the script says so.

    python3 benchmarks/compare_numpy.py                  # this Python for both
    python3 benchmarks/compare_numpy.py --runs 5 --minirnn-python pypy3

The numpy program runs under --numpy-python (default: this Python), which
needs numpy; minirnn runs under --minirnn-python.  Prints the median wall
time of each and the ratio minirnn / numpy (below 1.0: minirnn is faster).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NUMPY_PROGRAM = [os.path.join(HERE, "article_numpy.py")]
MINIRNN_PROGRAM = ["-m", "minirnn"]


def timed_run(python, program):
    """(seconds, stdout) of one run in a fresh process."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    start = time.perf_counter()
    done = subprocess.run([python] + program, cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("%s %s failed:\n%s" % (python, " ".join(program), done.stderr.decode()))
    return seconds, done.stdout


def has_numpy(python):
    return subprocess.run([python, "-c", "import numpy"], stderr=subprocess.DEVNULL).returncode == 0


def version_of(python):
    code = "import platform; print(platform.python_implementation(), platform.python_version())"
    return subprocess.run([python, "-c", code], stdout=subprocess.PIPE).stdout.decode().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each program (default 3)")
    parser.add_argument("--numpy-python", default=sys.executable)
    parser.add_argument("--minirnn-python", default=sys.executable)
    args = parser.parse_args()

    if not has_numpy(args.numpy_python):
        print("skipped: numpy is not installed for %s (pip install numpy)" % args.numpy_python)
        return 0

    numpy_times, minirnn_times = [], []
    for _ in range(args.runs):
        seconds, numpy_log = timed_run(args.numpy_python, NUMPY_PROGRAM)
        numpy_times.append(seconds)
        seconds, minirnn_log = timed_run(args.minirnn_python, MINIRNN_PROGRAM)
        minirnn_times.append(seconds)
        if numpy_log != minirnn_log:
            sys.exit("the two programs printed different logs; no comparison made")

    numpy_median = statistics.median(numpy_times)
    minirnn_median = statistics.median(minirnn_times)
    print("article's run, 10,000 iterations, median of %d" % args.runs)
    print("  numpy program  %-22s %6.2f s" % (version_of(args.numpy_python), numpy_median))
    print("  minirnn        %-22s %6.2f s" % (version_of(args.minirnn_python), minirnn_median))
    print("  ratio minirnn / numpy: %.2fx" % (minirnn_median / numpy_median))
    return 0


if __name__ == "__main__":
    sys.exit(main())
