"""Mutation testing: tell mutmut which of minirnn's functions a test reaches through a subprocess.

mutmut first runs the suite once with MUTANT_UNDER_TEST=stats, recording which
functions each test reaches, and later tests each mutant with only the tests
that reach its function.  It records the test's own process only, while many
tests run ``python -m minirnn`` in a subprocess, as a user would; a function
reached only that way would look untested ("no tests") and its mutants would
never be tried.  run.sh installs this file into the mutation environment (as
``minirnn_mutation_hits``), where it works on both ends:

- every Python process started during the stats run (a ``.pth`` line calls
  ``write_hits_at_exit``) writes, as it exits, the names of the functions it ran
  into a folder, one file per process;
- the test session loads it as a pytest plugin (``-p minirnn_mutation_hits``,
  setup.cfg), and at each test's teardown adds the names from that folder to
  what mutmut has seen the test reach, just before mutmut reads it.

Outside the stats run neither does anything: while a mutant is tested, the
subprocesses inherit its MUTANT_UNDER_TEST and run it, so no help is needed.
It reads mutmut's set of functions reached since the last test
(``state()._stats``), so it is tied to the version run.sh installs (3.8.1).
"""

import os
import tempfile

FOLDER = "MINIRNN_MUTATION_HITS"  # the environment variable naming the folder
PROJECT = "MINIRNN_MUTATION_PROJECT"  # and the one naming the folder with setup.cfg


def stats_run():
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


def write_hits_at_exit():
    """In a subprocess of the stats run: write the functions it ran when it exits."""
    if stats_run() and os.environ.get(FOLDER):
        import atexit
        # mutmut reads its configuration from the working folder on first use, and a
        # test's subprocess often runs elsewhere: read it now, from the project's
        from mutmut.configuration import config
        here = os.getcwd()
        os.chdir(os.environ[PROJECT])
        try:
            config()
        finally:
            os.chdir(here)
        atexit.register(_write_hits)


def _write_hits():
    import sys
    from mutmut.state import state
    # A module run with -m (python -m minirnn.diagrams) is named __main__ while it
    # runs; mutmut knows its functions by the module's own name.
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    own = (spec.name + ".") if spec is not None else "__main__."
    names = [own + name[len("__main__."):] if name.startswith("__main__.") else name
             for name in state()._stats]
    if names:
        path = os.path.join(os.environ[FOLDER], "%d.txt" % os.getpid())
        with open(path, "w") as handle:
            handle.write("\n".join(sorted(names)))


def _read_hits():
    from mutmut.state import state
    folder = os.environ[FOLDER]
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        with open(path) as handle:
            state()._stats.update(handle.read().split())
        os.remove(path)


# The pytest plugin.

def pytest_configure(config):
    if stats_run() and not os.environ.get(FOLDER):
        os.environ[FOLDER] = tempfile.mkdtemp(prefix="minirnn-mutation-hits-")
        os.environ[PROJECT] = os.path.dirname(str(config.rootpath))  # the tests run in mutants/


try:
    import pytest
except ImportError:  # a subprocess with the .pth line but not pytest: the hook is not needed there
    pass
else:
    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_teardown(item, nextitem):
        # before mutmut's own teardown hook files the functions reached under this test
        if stats_run() and os.environ.get(FOLDER):
            _read_hits()
        yield
