"""Prove that minirnn runs, and prints both published logs, on every runtime it supports.

    python3 portability/run_all.py [--quick]

For each runtime it trains the article's preset and the subtraction preset
(10,000 iterations each) and compares every checkpoint with the published
log (see check.py); and it runs drive.py's three tasks: the article
edition (minirnn.article.run) must print the article's log too, and the
LSTM and the GRU the three golden logs each of tests/golden/ (Error to a
relative 1e-6).  On MicroPython's WebAssembly port, which frees nothing
within one call, the article edition (one plain loop, one call) runs
2,001 iterations, the log's first 3 checkpoints: its garbage, about
0.5 MB an iteration, comes to 1 GB there, where 10,000 iterations would
need more than WebAssembly's 4 GB.  The other runtimes:

- every CPython 3.x that pyenv provides, each in a fresh venv without numpy;
- PyPy 3 (Debian's pypy3; installed with apt-get if missing);
- Pyodide and MicroPython's WebAssembly port, under Node.js (the npm
  packages pinned in package-lock.json, installed into
  portability/node_modules);
- Pyodide in headless Chromium (Debian's chromium; installed with apt-get
  if missing), through the page a reader would open, docs/browser.html
  (the two presets only: the page trains the engine).

It also runs the whole pytest suite on the oldest and the newest CPython and
on PyPy, each in a fresh venv where pip installed minirnn with its test
extras, as a user would.

A runtime that cannot be installed is skipped, and says why.  The jobs run
two at a time, the longest first.  At the end a table shows each runtime's
results and the wall time and peak memory (whole process) of the article's
run.  Exit status 1 if any job failed.

--quick trains at most 1,001 iterations in each run and compares the
checkpoints that prints with the logs' first ones: a quick test of this
script itself.
"""

import concurrent.futures
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from check import check, check_cells
from drive import checkpoint_count

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
VENVS = os.path.join(REPO, ".ci", "venvs")
PRESETS = ("article", "subtraction")
DRIVEN = ("edition", "lstm", "gru")  # drive.py's tasks
TASKS = PRESETS + DRIVEN
QUICK_ITERATIONS = 1001
EDITION_ON_MICROPYTHON = 2001  # iterations: see above
WORKERS = 2  # the machine's cores


class Job:
    """One command to run on one runtime, and what came of it.

    task is a preset's name (train it and compare the log), one of drive.py's
    tasks, or "tests" (run pytest).  iterations: the run was cut to that
    many (None: the whole run).  setup, if given, runs first, inside the
    job's time.
    """

    def __init__(self, runtime, task, command=None, expected_seconds=0, timeout=900, setup=None,
                 one_process=True, iterations=None):
        self.runtime, self.task, self.command = runtime, task, command
        self.iterations = iterations
        self.one_process = one_process  # False: peak memory of one process says little
        self.expected_seconds, self.timeout, self.setup = expected_seconds, timeout, setup
        self.status, self.detail = "", ""
        self.seconds = self.peak_kib = None
        self.version = ""  # what the runtime says it is, once it has run

    def skip(self, why):
        self.status, self.detail = "SKIP", why
        return self

    def line(self):
        summary, _, more = self.detail.partition("\n")  # more: the failing tests, if any
        text = "%s %s %s: %s" % (self.status, self.version or self.runtime, self.task, summary)
        text += " (%.1f s)" % self.seconds if self.seconds is not None else ""
        return text + ("\n" + more if more else "")


# ---------------------------------------------------------------- running


def run(command, timeout):
    """Run command in the repository; (exit status, stdout, stderr, peak memory in KiB).

    The peak memory is the child's ru_maxrss as os.wait4 reports it: the
    whole process, interpreter and all.  A command still running after
    timeout seconds is killed.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=REPO,
                                   stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (process.returncode, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), usage.ru_maxrss)


def reported(stderr, key):
    """The value of a '# key: value' line that a runner wrote on stderr, or ''."""
    match = re.search(r"^# %s: (.*)$" % re.escape(key), stderr, re.M)
    return match.group(1).strip() if match else ""


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("# ")]
    return lines[-1].strip() if lines else ""


def run_job(job):
    started = time.monotonic()
    try:
        if job.setup:
            job.setup()
        status, out, err, job.peak_kib = run(job.command, job.timeout)
        if not job.one_process:
            job.peak_kib = None
    except subprocess.CalledProcessError as error:
        job.status, job.detail = "FAIL", "setup failed: %s" % last_line(error.output or "")
        return job
    except OSError as error:
        job.status, job.detail = "FAIL", "could not run: %s" % error
        return job
    job.seconds = float(reported(err, "seconds") or time.monotonic() - started)
    job.version = reported(err, "runtime")
    if status == -9:
        job.status, job.detail = "FAIL", "killed after %d s" % job.timeout
    elif job.task == "tests":
        counts = [line for line in out.splitlines() if re.search(r"\d+ (passed|failed|error)", line)]
        job.detail = counts[-1].strip("= ") if counts else last_line(out + err)
        # pytest -q ends with one line per failing test: show them, so that
        # a CI log says which test failed, not only how many.
        failures = [line for line in out.splitlines() if line.startswith(("FAILED ", "ERROR "))]
        job.detail += "".join("\n    " + line for line in failures)
        job.status = "PASS" if status == 0 else "FAIL"
    elif status != 0:
        job.status = "FAIL"
        job.detail = "exit status %d: %s" % (status, last_line(err) or last_line(out))
    else:
        ok, job.detail = check_output(job.task, out, job.iterations)
        job.status = "PASS" if ok else "FAIL"
    return job


def check_output(task, out, iterations):
    """check.py's verdict on a job's output; iterations: the run was cut to that many."""
    if task in ("lstm", "gru"):
        return check_cells(task, out, iterations)
    count = None
    if iterations:
        print_every = 1000 if task in ("article", "edition") else 800
        count = checkpoint_count(iterations, print_every)
    ok, message = check(task, out, count)
    if ok and iterations:
        message += " (%d iterations)" % iterations
    return ok, message


# ---------------------------------------------------------------- installing


def sh(*command, **options):
    """Run an install step quietly; raise CalledProcessError, with its output, if it fails."""
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=options.get("cwd", REPO),
                            universal_newlines=True, timeout=600)
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, command, result.stdout)
    return result.stdout


def fresh_venv(name, python, with_pip=False):
    """Make a new venv (the standard library and nothing else); its python's path."""
    path = os.path.join(VENVS, name)
    shutil.rmtree(path, ignore_errors=True)
    sh(python, "-m", "venv", *([] if with_pip else ["--without-pip"]), path)
    return os.path.join(path, "bin", "python")


def pyenv_pythons():
    """[(version, path)] of the CPython 3 releases pyenv provides, oldest first."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = []
    for path in glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3")):
        version = path.split(os.sep)[-3]
        if re.match(r"^3\.\d+\.\d+$", version):  # releases, not e.g. 3.14-dev
            found.append((tuple(int(part) for part in version.split(".")), version, path))
    return [(version, path) for _, version, path in sorted(found)]


def install_debian_package(command, package):
    """(path of command, ''), installing Debian's package if needed; (None, why) if it can't be had."""
    if shutil.which(command):
        return shutil.which(command), ""
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return None, "%s is not installed, and installing it needs apt-get as root" % command
    try:
        sh("apt-get", "update", "-qq")
        sh("apt-get", "install", "-y", "-qq", "--no-install-recommends", package)
    except subprocess.CalledProcessError as error:
        return None, "apt-get install %s failed: %s" % (package, last_line(error.output or ""))
    return shutil.which(command), ""


def install_node_packages():
    """'' once the pinned npm packages are in portability/node_modules, else why not."""
    if not (shutil.which("node") and shutil.which("npm")):
        return "Node.js and npm are not installed"
    try:
        sh("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", cwd=HERE)
    except subprocess.CalledProcessError as error:
        return "npm ci failed: %s" % last_line(error.output or "")
    return ""


def test_suite_job(runtime, interpreter, name, old_pip=False):
    """pytest in a fresh venv where pip installed minirnn and its test extras.

    old_pip: the venv comes with a pip too old to build a project from
    pyproject.toml alone (3.6's pip 18.1), so first upgrade it to the last
    pip for that Python.
    """
    python = os.path.join(VENVS, name, "bin", "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]

    def setup():
        fresh_venv(name, interpreter, with_pip=True)
        if old_pip:
            sh(*pip + ["--upgrade", "pip<22"])
        sh(*pip + [".[test]"])

    return Job(runtime, "tests", [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
               expected_seconds=150, timeout=1200, setup=setup)


# ---------------------------------------------------------------- the plan


def plan(quick):
    """Every job, in the order of the report; skipped ones already say why."""
    jobs = []

    def train(runtime, command, expected_seconds, timeout=900, one_process=True, tasks=TASKS,
              shorter=None):
        """A job for each task; expected_seconds and shorter (iterations) map a task to its own."""
        for task in tasks:
            iterations = QUICK_ITERATIONS if quick else (shorter or {}).get(task)
            jobs.append(Job(runtime, task, command + [task] + (["--iterations", str(iterations)]
                                                               if iterations else []),
                            expected_seconds[task], timeout, one_process=one_process,
                            iterations=iterations))

    def skip(runtime, tasks, why):
        jobs.extend(Job(runtime, task).skip(why) for task in tasks)

    run_python = os.path.join(HERE, "run_python.py")
    pythons = pyenv_pythons()
    # Rough wall times, two jobs at a time, for running the longest first.
    seconds = {
        "CPython": {"article": 10, "subtraction": 10, "edition": 25, "lstm": 20, "gru": 15},
        "PyPy": {"article": 5, "subtraction": 5, "edition": 8, "lstm": 10, "gru": 8},
        "Pyodide": {"article": 40, "subtraction": 40, "edition": 60, "lstm": 50, "gru": 40},
        "MicroPython": {"article": 200, "subtraction": 200, "edition": 60, "lstm": 160, "gru": 130},
        "Pyodide in Chromium": {"article": 40, "subtraction": 40},
    }
    if not pythons:
        skip("CPython", TASKS, "pyenv has no CPython 3 ($PYENV_ROOT or ~/.pyenv)")
    for version, path in pythons:
        train("CPython " + version, [fresh_venv("cpython-" + version, path), run_python],
              seconds["CPython"])

    pypy, why = install_debian_package("pypy3", "pypy3")
    if pypy:
        train("PyPy", [fresh_venv("pypy", pypy), run_python], seconds["PyPy"])
    else:
        skip("PyPy", TASKS + ("tests",), why)

    why = install_node_packages()
    node = shutil.which("node")
    for runtime, script, shorter in (("Pyodide", "run_pyodide.mjs", None),
                                     ("MicroPython", "run_micropython.mjs",
                                      {"edition": EDITION_ON_MICROPYTHON})):
        if why:
            skip(runtime, TASKS, why)
        else:
            train(runtime, [node, os.path.join(HERE, script)], seconds[runtime], timeout=1800,
                  shorter=shorter)
    browser, why_not = install_debian_package("chromium", "chromium")
    why = why or why_not
    if why:
        skip("Pyodide in Chromium", PRESETS, why)
    else:
        os.environ["CHROMIUM"] = browser  # run_browser.mjs starts this one
        train("Pyodide in Chromium", [node, os.path.join(HERE, "run_browser.mjs")],
              seconds["Pyodide in Chromium"], timeout=1800, one_process=False,  # many processes
              tasks=PRESETS)

    for version, path in unique(pythons[:1] + pythons[-1:]):
        jobs.append(test_suite_job("CPython " + version, path, "tests-cpython-" + version,
                                   old_pip=version.startswith("3.6.")))
    if pypy:
        jobs.append(test_suite_job("PyPy", pypy, "tests-pypy"))
    return jobs


# ---------------------------------------------------------------- reporting


def table(jobs):
    """One row per runtime: each task's result, and the article run's time and memory."""
    header = ["runtime"] + list(TASKS) + ["tests", "article time", "article peak RSS"]
    rows = []
    for runtime in unique(job.runtime for job in jobs):
        mine = dict((job.task, job) for job in jobs if job.runtime == runtime)
        article = mine.get("article")
        versions = [job.version for job in mine.values() if job.version]
        rows.append([versions[0] if versions else runtime] + [status(mine[task]) if task in mine else "-"
                                 for task in TASKS + ("tests",)] + [
            "%.1f s" % article.seconds if article and article.seconds else "-",
            "%.0f MiB" % (article.peak_kib / 1024.0) if article and article.peak_kib else "-",
        ])
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    lines = [header, ["-" * width for width in widths]] + rows
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in lines)


def status(job):
    """PASS, FAIL or SKIP, and how many iterations if the run was cut short."""
    return job.status + (" (%d it.)" % job.iterations if job.iterations and job.status else "")


def unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def main(argv):
    if argv not in ([], ["--quick"]):
        sys.stderr.write("usage: python3 portability/run_all.py [--quick]\n")
        return 2
    quick = argv == ["--quick"]
    # Started in the background by a shell (nohup ... &), this process and its
    # children would ignore Ctrl-C, and the suite's Ctrl-C test would wait
    # forever for a training that goes on: take Python's own handler back,
    # which the jobs' processes then start from.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()
    print("== portability: installing what is missing", flush=True)
    jobs = plan(quick)
    to_run = sorted((job for job in jobs if not job.status), key=lambda job: -job.expected_seconds)
    print("== portability: %d jobs, %d at a time" % (len(to_run), WORKERS), flush=True)
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        running = [pool.submit(run_job, job) for job in to_run]
        for done in concurrent.futures.as_completed(running):
            print(done.result().line(), flush=True)

    print("\n" + table(jobs))
    for job in jobs:
        if job.status != "PASS":
            print(job.line())
    count = dict((status, sum(job.status == status for job in jobs)) for status in ("PASS", "FAIL", "SKIP"))
    print("total time %.0f s" % (time.monotonic() - started))
    print("portability: %d passed, %d failed, %d skipped" % (count["PASS"], count["FAIL"], count["SKIP"]))
    return 1 if count["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
