"""train and train_steps: their defaults are the article's run, and each setting reaches the network."""

import inspect
import io

import pytest

import minirnn


# The article program's settings, spelled out from it (tests/golden/README.md, /work/shared/seeds):
# 8-bit addition, 16 hidden units, alpha 0.1, 10,000 iterations, np.random.seed(0), weights
# uniform in +-1, a hidden layer starting at zeros, a checkpoint every 1,000 iterations.
ARTICLE = {"task": "add", "bits": 8, "hidden": 16, "alpha": 0.1, "iterations": 10000,
           "seed": 0, "init_scale": 1.0, "h0": 0.0}


def test_the_article_preset_is_the_articles_settings():
    assert minirnn.PRESETS["article"] == dict(ARTICLE, print_every=1000)


@pytest.mark.parametrize("function", [minirnn.train, minirnn.train_steps])
def test_the_defaults_are_the_articles_settings(function, monkeypatch):
    # since the cells (issue 11) a size setting left out is None, "the cell's default"; the
    # default cell is the article's, and what it resolves to is checked as the loop receives it
    from minirnn import training
    defaults = {name: parameter.default for name, parameter in inspect.signature(function).parameters.items()
                if parameter.default is not inspect.Parameter.empty}
    assert defaults["cell"] == "rnn"
    for name, value in ARTICLE.items():
        assert defaults[name] in (value, None), name
    if function is minirnn.train:
        assert defaults["print_every"] == 1000
    asked = {}

    def steps(settings, rng, model):
        asked.update(settings)
        return iter(())

    monkeypatch.setattr(training, "_steps", steps)
    result = function(out=io.StringIO()) if function is minirnn.train else list(function())
    assert result is not None
    assert {name: asked[name] for name in ARTICLE} == ARTICLE


@pytest.mark.parametrize("hidden", [1, 3])
def test_the_network_has_the_size_asked_for(hidden):
    model = minirnn.train(hidden=hidden, iterations=2, print_every=None)
    assert model.hidden_dim == hidden and len(model.synapse_0[0]) == hidden
    step = next(minirnn.train_steps(hidden=hidden, h0=0.5, init_scale=0.25))
    assert step.model.hidden_dim == hidden and step.model.h0 == 0.5
    assert max(abs(w) for row in minirnn.train(hidden=hidden, iterations=0, init_scale=0.25,
                                               print_every=None).synapse_h for w in row) < 0.25


def test_train_prints_to_standard_output_by_default(capsys):
    minirnn.train(iterations=1)
    out = io.StringIO()
    minirnn.train(iterations=1, out=out)
    assert capsys.readouterr().out == out.getvalue() != ""


class Stub:
    def __init__(self, iteration):
        self.iteration = iteration


def test_called_with_no_settings_train_runs_the_articles_10000_iterations(monkeypatch):
    # the loop itself is replaced (the full run is the session's, in conftest.py): what train
    # asks for, and which iterations it prints, are what is checked here
    from minirnn import training
    asked = {}

    def steps(settings, rng, model):
        asked.update(settings)
        return (Stub(j) for j in range(settings["iterations"]))

    monkeypatch.setattr(training, "_steps", steps)
    monkeypatch.setattr(training, "format_checkpoint", lambda step: str(step.iteration))
    out = io.StringIO()
    model = minirnn.train(out=out)
    assert asked["iterations"] == 10000 and model.settings["iterations"] == 10000
    assert out.getvalue().split() == [str(j) for j in range(0, 10000, 1000)]


def test_train_steps_with_no_settings_is_the_articles_run():
    step = next(minirnn.train_steps())
    assert step.model.settings == dict(ARTICLE, cell="rnn")


def test_whole_numbers_are_numbers_for_alpha_init_scale_and_h0():
    # alpha=1 is the same learning rate as alpha=1.0: an int is accepted and trains the same network
    as_ints, as_floats = io.StringIO(), io.StringIO()
    by_ints = minirnn.train(alpha=1, init_scale=1, h0=0, iterations=3, print_every=1, out=as_ints)
    by_floats = minirnn.train(alpha=1.0, init_scale=1.0, h0=0.0, iterations=3, print_every=1, out=as_floats)
    assert as_ints.getvalue() == as_floats.getvalue() != ""
    assert by_ints.synapse_h == by_floats.synapse_h
    for setting in ("alpha", "init_scale", "h0"):
        with pytest.raises(ValueError, match="^%s must be a finite number, got True$" % setting):
            minirnn.train(iterations=0, print_every=None, **{setting: True})
