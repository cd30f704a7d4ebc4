"""The cells minirnn can train, by name, and the interface they share.

The article's network (``rnn``), the LSTM (``lstm``) and the GRU (``gru``)
are each one class.  Training, model files, evaluation, pictures and the
command line use only what every cell has, listed here, so each of them
works for every cell without asking which one it holds:

``cell_name``
    class attribute: "rnn", "lstm" or "gru", the key in CELLS.
``weight_names``
    class attribute: the names of the weight matrices, in the order the
    starting weights are drawn from the seeded stream.  RNN: synapse_0,
    synapse_1, synapse_h.  LSTM: for each gate i, f, g, o its synapse_0_<gate>
    (2 x hidden), synapse_h_<gate> (hidden x hidden) and bias_<gate>
    (1 x hidden), then synapse_1 (hidden x 1).  GRU: the same with gates r, z, n.
``weight_shapes(hidden_dim)``
    classmethod: (name, rows, columns) of each weight, in weight_names order.
``random(rng, hidden_dim=16, init_scale=1.0, h0=0.0)``
    classmethod: fresh weights, each drawn as the article draws its own,
    ``(2 * rng.random((rows, columns)) - 1) * init_scale``, in weight_names order.
``from_weights(weights, h0=0.0, settings=None)``
    classmethod: a network from a dict name -> matrix (a list of rows);
    raises ValueError naming a weight that is missing, unknown or misshapen.
attributes
    each weight under its name, ``h0`` (the first hidden state, in every
    unit), ``settings`` (a dict: how it was trained) and the property
    ``hidden_dim``.
``feed(a, b)``
    runs the network over two bit lists (most significant bit first) and
    returns ``(d, layer_1_values, layer_2_values)``: the predicted bits;
    the starting hidden state, then the hidden state h (a 1 x hidden row)
    after each position, least significant bit first; the 1 x 1 outputs.
``states(a, b)``
    what the network holds after each position, for pictures: a list of
    (label, rows) pairs, rows one 1 x hidden matrix per position.  RNN:
    "hidden layer"; LSTM: "hidden state h" and "cell state c"; GRU:
    "hidden state h".
``backpropagate(a, b, c)``
    returns ``(d, overallError, updates)``, updates a dict name -> matrix:
    minus the gradient of 0.5 * sum((c_bit - layer_2)**2), before alpha.
``learn(a, b, c, alpha)``
    backpropagates, then moves every weight by ``update * alpha``; returns
    ``(d, overallError)`` as the article prints them.
``predict(a, b)`` and ``save(path)``
    the answer to a + b as an integer, and the network as a model file.

>>> sorted(CELLS)
['gru', 'lstm', 'rnn']
>>> cell_class("lstm").weight_names[:3]
('synapse_0_i', 'synapse_h_i', 'bias_i')
>>> cell_class("transformer")
Traceback (most recent call last):
  ...
ValueError: cell must be 'rnn', 'lstm' or 'gru', got 'transformer'
"""

from .gru import GRU
from .lstm import LSTM
from .rnn import RNN

# Name -> class; NAMES lists them in order (MicroPython's dicts keep no order).
CELLS = {"rnn": RNN, "lstm": LSTM, "gru": GRU}
NAMES = ("rnn", "lstm", "gru")


def describe_choices():
    """The cell names for a message: 'rnn', 'lstm' or 'gru'."""
    quoted = ["'%s'" % name for name in NAMES]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def cell_class(name):
    """The class of the cell called name; ValueError listing the choices for any other name."""
    if not isinstance(name, str) or name not in CELLS:
        raise ValueError("cell must be %s, got %r" % (describe_choices(), name))
    return CELLS[name]
