"""The SVG writer's exact text: what each function writes, character for character.

Written by hand from the SVG and XML rules (attribute syntax, the five
characters XML escapes, an element with no content closing itself).
"""

import pytest

from minirnn.svg import attributes, document, element, escape, group, number, points, with_tooltip


@pytest.mark.parametrize("x, text", [
    (3, "3"), (2.5, "2.5"), (1 / 3, "0.33"), (2 / 3, "0.67"), (10, "10"), (100.0, "100"), (0.1, "0.1"),
    (-0.001, "0"), (-0.004, "0"), (-0.006, "-0.01"), (0.999, "1"), (-2.25, "-2.25"), (1e6, "1000000"),
    (0, "0"), (-0.0, "0"), (float("inf"), "inf"),
])
def test_numbers_have_at_most_two_decimals_and_no_trailing_zeros(x, text):
    assert number(x) == text


def test_escape_replaces_the_characters_xml_reserves():
    assert escape('<a href="x">&amp;</a> > 2') == \
        "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt; &gt; 2"
    assert escape("]]>") == "]]&gt;"
    assert escape(42) == "42" and escape("plain 'quotes'") == "plain 'quotes'"


def test_attributes_keep_their_order_and_take_svgs_names():
    assert attributes([("x", 1), ("font_size", 12.0), ("class_", "raw"), ("text_anchor", "end")]) == \
        ' x="1" font-size="12" class="raw" text-anchor="end"'
    assert attributes([("stroke_width", 0.5), ("visible", True), ("label", "a<b")]) == \
        ' stroke-width="0.5" visible="True" label="a&lt;b"'
    assert attributes([]) == ""


def test_elements_close_themselves_when_empty():
    assert element("rect", x=1, y=2) == '<rect x="1" y="2"/>'
    assert element("text", "a & b", x=0) == '<text x="0">a &amp; b</text>'
    assert element("text", "", x=0) == '<text x="0"></text>'


def test_groups_and_tooltips():
    assert group(['<a/>', '<b/>'], class_="grid", stroke_width=1) == \
        '<g class="grid" stroke-width="1">\n<a/>\n<b/>\n</g>'
    assert group([]) == "<g>\n\n</g>"
    assert with_tooltip("rect", "unit 1 < 2", x=3, fill="#fff") == \
        '<rect x="3" fill="#fff"><title>unit 1 &lt; 2</title></rect>'


def test_points_pair_coordinates_with_commas():
    assert points([(0, 1.5), (2.004, -3)]) == "0,1.5 2,-3"
    assert points([]) == ""


def test_a_document_with_a_title():
    assert document(40.5, 20, ["<x/>"], title="a & b") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="40.5" height="20" viewBox="0 0 40.5 20"'
        ' font-family="sans-serif">\n'
        '<title>a &amp; b</title>\n<x/>\n</svg>\n')
    assert document(1, 2, []) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="2" viewBox="0 0 1 2"'
        ' font-family="sans-serif">\n</svg>\n')
