"""tests/mutation/score.py's estimate, on a made-up run whose answer is worked out by hand.

The README's mutation score for a run finished by sampling comes from this
arithmetic, so it is tested like the rest of the code.
"""

import importlib.util
import os

from conftest import ROOT


def load_score():
    spec = importlib.util.spec_from_file_location("score", os.path.join(ROOT, "tests", "mutation", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def made_up_run():
    """11 mutants tested before the draw (10 killed), 100 untested at the draw, of which
    10 were drawn (9 killed), and 20 more of the 100 tested after it, all killed (mutmut
    tests the quickest first, so these say nothing about the rest)."""
    verdicts = dict(("a%d" % k, "killed") for k in range(10))
    verdicts["a10"] = "survived"
    rest = ["b%d" % k for k in range(100)]
    verdicts.update((name, "unrun") for name in rest)
    sampled = rest[:10]
    verdicts.update((name, "killed") for name in sampled[:9])
    verdicts[sampled[9]] = "survived"
    verdicts.update((name, "killed") for name in rest[10:30])
    untested_at_draw = [name for name in rest if name not in sampled]
    return verdicts, {"untested": 100, "untested_names": untested_at_draw, "sampled": sampled}


def test_the_estimate_scales_the_sample_up_to_all_that_was_untested_at_the_draw():
    verdicts, sample = made_up_run()
    killed, denominator, variance = load_score().estimate(verdicts, sample)
    # 10 known kills + 9/10 of the 100 drawn from; 11 known + 100
    assert abs(killed - 100.0) < 1e-9 and denominator == 111
    # (n p + 1/2) / (n + 1) = 9.5 / 11; N^2 q (1 - q) / n (1 - n / N) with N = 100, n = 10
    q = 9.5 / 11
    assert abs(variance - 100 ** 2 * q * (1 - q) / 10 * 0.9) < 1e-9
    assert abs(variance - 105.9917355) < 1e-6


def test_an_equivalent_mutant_is_left_out_of_both_parts():
    verdicts, sample = made_up_run()
    verdicts["a10"] = "equivalent"       # a known one
    verdicts["b99"] = "equivalent"       # one of the untested rest, shown equivalent since
    killed, denominator, _ = load_score().estimate(verdicts, sample)
    assert abs(killed - (10 + 0.9 * 99)) < 1e-9 and denominator == 10 + 99


def test_once_the_whole_rest_is_tested_there_is_nothing_to_estimate():
    verdicts, sample = made_up_run()
    for name in sample["untested_names"]:
        if verdicts[name] == "unrun":
            verdicts[name] = "killed"
    assert load_score().estimate(verdicts, sample) is None  # score.py then counts them as they are
