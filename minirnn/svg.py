"""Just enough SVG to draw minirnn's pictures, written as text by hand.

An SVG picture is an XML document: a list of shapes (rect, line, polyline,
text) whose attributes say where they go and how they look.  ``element``
writes one shape, ``document`` wraps shapes into a whole picture:

>>> print(element("rect", x=1, y=2.5, width=10, height=4, fill="#fff"))
<rect x="1" y="2.5" width="10" height="4" fill="#fff"/>
>>> print(element("text", "1 < 2 & 3", x=0, y=12, font_size=11))
<text x="0" y="12" font-size="11">1 &lt; 2 &amp; 3</text>
>>> print(document(40, 20, [element("line", x1=0, y1=0, x2=40, y2=20, stroke="black")]))
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20" font-family="sans-serif">
<line x1="0" y1="0" x2="40" y2="20" stroke="black"/>
</svg>

Attribute names are written the Python way and turned into SVG's: an
underscore becomes a hyphen (``font_size`` is ``font-size``) and a trailing
underscore is dropped (``class_`` is ``class``).  Numbers are rounded to two
decimals, which is far finer than a pixel, to keep the files small.
"""


def number(x):
    """A coordinate as short text: at most two decimals, no trailing zeros.

    >>> number(3), number(2.5), number(1 / 3), number(-0.001), number(120.0)
    ('3', '2.5', '0.33', '0', '120')
    """
    text = "%.2f" % x
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text


def escape(text):
    """Text made safe to put inside an XML element or a quoted attribute.

    >>> escape('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _attribute_name(name):
    if name.endswith("_"):
        name = name[:-1]
    return name.replace("_", "-")


def _attribute_value(value):
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return number(value)
    return escape(value)


def attributes(pairs):
    """(name, value) pairs as the text of XML attributes, in the order given."""
    return "".join(' %s="%s"' % (_attribute_name(name), _attribute_value(value))
                   for name, value in pairs)


def element(name, content=None, **attrs):
    """One XML element.  content is text (escaped here) or None for an empty element.

    Keyword arguments keep their order on Python 3.6 and later, so
    attributes come out in the order they are written.
    """
    return _element(name, content, list(attrs.items()))


def _element(name, content, pairs):
    if content is None:
        return "<%s%s/>" % (name, attributes(pairs))
    return "<%s%s>%s</%s>" % (name, attributes(pairs), escape(content), name)


def group(children, **attrs):
    """A <g> element around other elements' text: the attributes apply to them all."""
    return "<g%s>\n%s\n</g>" % (attributes(list(attrs.items())), "\n".join(children))


def with_tooltip(name, tooltip, **attrs):
    """An element with a <title> inside: browsers show it when the pointer rests on the shape."""
    return "<%s%s><title>%s</title></%s>" % (name, attributes(list(attrs.items())),
                                             escape(tooltip), name)


def points(pairs):
    """(x, y) pairs as the text of a polyline's points attribute.

    >>> points([(0, 1.5), (2, 3)])
    '0,1.5 2,3'
    """
    return " ".join("%s,%s" % (number(x), number(y)) for x, y in pairs)


def document(width, height, children, title=None):
    """A whole SVG picture of the given size in pixels.

    title, when given, becomes the document's <title> (shown as the name
    of a browser tab, and read by screen readers).
    """
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s"'
            ' font-family="sans-serif">' % (number(width), number(height), number(width),
                                             number(height)))
    body = list(children)
    if title is not None:
        body.insert(0, element("title", title))
    return "\n".join([head] + body + ["</svg>"]) + "\n"
