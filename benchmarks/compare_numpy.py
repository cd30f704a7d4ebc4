"""Time minirnn against the article's numpy program, side by side.

Three programs run the article's training (seed 0, 10,000 iterations, a
checkpoint every 1,000) in fresh processes: the article's numpy program,
minirnn's engine (python -m minirnn) and minirnn's article edition, the
article's program spelled with the matrix module (python -m
minirnn.article).  They take turns, so that whatever else the machine is
doing falls on all alike.  Their logs must be identical, or the timing
means nothing and the script says so.

    python3 benchmarks/compare_numpy.py                  # this Python for both
    python3 benchmarks/compare_numpy.py --runs 5 --minirnn-python pypy3

The numpy program runs under --numpy-python (default: this Python), which
needs numpy; both minirnn programs run under --minirnn-python.  Prints the
median wall time and CPU time of each and their ratios to numpy's (below
1.0: faster than numpy).
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
EDITION_PROGRAM = ["-m", "minirnn.article"]


def timed_run(python, program):
    """(wall seconds, CPU seconds, stdout) of one run in a fresh process.

    The CPU time (user and system) is what the process itself used; on a
    machine shared with other work it varies much less than the wall time.
    """
    env = dict(os.environ, PYTHONPATH=ROOT)
    start, before = time.perf_counter(), os.times()
    done = subprocess.run([python] + program, cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds, after = time.perf_counter() - start, os.times()
    if done.returncode != 0:
        sys.exit("%s %s failed:\n%s" % (python, " ".join(program), done.stderr.decode()))
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    return seconds, cpu, done.stdout


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

    programs = [("numpy program", args.numpy_python, NUMPY_PROGRAM),
                ("minirnn", args.minirnn_python, MINIRNN_PROGRAM),
                ("article edition", args.minirnn_python, EDITION_PROGRAM)]
    wall, cpu = {name: [] for name, _, _ in programs}, {name: [] for name, _, _ in programs}
    for _ in range(args.runs):
        logs = []
        for name, python, program in programs:
            seconds, cpu_seconds, log = timed_run(python, program)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
            logs.append(log)
        if any(log != logs[0] for log in logs):
            sys.exit("the programs printed different logs; no comparison made")

    print("article's run, 10,000 iterations, median of %d" % args.runs)
    print("  %-16s %-22s %8s %7s %8s %7s" % ("", "", "wall", "ratio", "CPU", "ratio"))
    numpy_wall, numpy_cpu = statistics.median(wall["numpy program"]), statistics.median(cpu["numpy program"])
    for name, python, _ in programs:
        median_wall, median_cpu = statistics.median(wall[name]), statistics.median(cpu[name])
        print("  %-16s %-22s %6.2f s %6.2fx %6.2f s %6.2fx" % (
            name, version_of(python), median_wall, median_wall / numpy_wall, median_cpu, median_cpu / numpy_cpu))
    print("  (ratio: to the numpy program's median; below 1.0 is faster than numpy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
