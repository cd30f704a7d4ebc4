"""Details of the pictures that the layout tests (test_plots.py, test_picture_layout.py) and the
committed pictures (test_doc_pictures.py) leave open, each with an expectation written by hand."""

import xml.etree.ElementTree as ET

import pytest

from minirnn.plots import describe_settings

SVG = "{http://www.w3.org/2000/svg}"


def parse(text):
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


@pytest.mark.parametrize("settings, line", [
    ({}, ""),
    ({"bits": 8, "hidden": 16}, "16 hidden units"),        # no task: the bits of what is not said
    ({"task": "add", "seed": 3}, "seed 3"),
    ({"task": "sub", "bits": 4, "cell": "gru", "hidden": 1, "iterations": 1, "init_scale": 0.5,
      "h0": -0.25}, "4-bit subtraction, gru cell, 1 hidden unit, init scale 0.5, h0 -0.25, 1 iteration"),
])
def test_describe_settings_names_only_the_settings_it_is_given(settings, line):
    assert describe_settings(settings) == line
