"""Train minirnn on this Python (CPython or PyPy) through its command line.

    python portability/run_python.py TASK [--iterations N]

does what ``python -m minirnn train --preset TASK`` does, from this
checkout (or for the tasks edition, lstm and gru, what
``python portability/drive.py TASK`` does), and then reports on stderr, in lines starting with "# ", the
runtime's version and the wall time of the training.  The portability check runs it in a fresh venv of each
interpreter, where numpy is not installed.
"""

import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import drive  # noqa: E402 (beside this file)
from minirnn.cli import main  # noqa: E402 (the path above makes it importable)


def runtime():
    """'CPython 3.12.1', or for PyPy its own version and the Python it implements."""
    if hasattr(sys, "pypy_version_info"):
        return "PyPy %d.%d.%d (Python %s)" % (sys.pypy_version_info[:3] + (platform.python_version(),))
    return "%s %s" % (platform.python_implementation(), platform.python_version())


def run(argv):
    if not argv or argv[0].startswith("-"):
        sys.stderr.write("usage: python run_python.py TASK [--iterations N]\n")
        return 2
    try:
        import numpy  # noqa: F401
    except ImportError:
        pass
    else:  # the point is to show minirnn needs nothing: refuse to run beside numpy
        sys.stderr.write("run_python: numpy is importable here; use a clean venv\n")
        return 2
    sys.stderr.write("# runtime: %s\n" % runtime())
    start = time.perf_counter()
    if argv[0] in drive.TASKS:
        status = drive.main(argv)
    else:
        status = main(["train", "--preset"] + argv)
    sys.stderr.write("# seconds: %.1f\n" % (time.perf_counter() - start))
    return status


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
