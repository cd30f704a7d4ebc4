"""The examples in minirnn's docstrings, run as a test.

pytest already runs them (--doctest-modules); this runs them again from
tests/, where mutation testing (tests/mutation/) looks for the tests that
reach each function, so a docstring's example can catch a mutant too.  The
examples are read from each module's source with ast, which finds the same
docstrings whether or not the functions have been wrapped by the mutation
tool.
"""

import ast
import doctest
import importlib
import os

import pytest

import minirnn

PACKAGE = os.path.dirname(minirnn.__file__)
MODULES = sorted(name[:-3] for name in os.listdir(PACKAGE)
                 if name.endswith(".py") and name not in ("__main__.py",))


def docstrings(source):
    """(name, docstring) of the module and of every function and class in it, methods included.

    Copies that a mutation tool adds (names starting x_ or holding __mutmut) are left out.
    """
    tree = ast.parse(source)
    found = [("module", ast.get_docstring(tree, clean=False))]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            if node.name.startswith("x_") or "__mutmut" in node.name:
                continue
            found.append((node.name, ast.get_docstring(node, clean=False)))
    return [(name, text) for name, text in found if text and ">>>" in text]


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_hold(name, request):
    module = importlib.import_module("minirnn" if name == "__init__" else "minirnn." + name)
    with open(module.__file__) as handle:
        examples = docstrings(handle.read())
    if name == "evaluate":  # its example's line that trains the article's run is skipped
        model = request.getfixturevalue("article_model")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    for where, text in examples:
        globs = dict(vars(module))
        if name == "evaluate":
            globs["model"] = model
        test = parser.get_doctest(text, globs, "%s.%s" % (module.__name__, where), module.__file__, 0)
        runner.run(test)
    assert runner.failures == 0
    assert runner.tries > 0 or name == "__init__" or not examples
