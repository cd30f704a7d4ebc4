"""The network's construction: its default size and starting state, and the shapes it refuses."""

import pytest

from minirnn.numpy_random import RandomState
from minirnn.rnn import RNN, round_bit, sigmoid_output_to_derivative


def test_random_weights_are_the_articles_draws_by_default():
    net = RNN.random(RandomState(0))
    draws = RandomState(0).random(2 * 16 + 16 + 16 * 16)  # the article's order: synapse_0, _1, _h
    weights = [2 * r - 1 for r in draws]
    assert net.hidden_dim == 16 and net.h0 == 0.0
    assert net.synapse_0 == [weights[0:16], weights[16:32]]
    assert net.synapse_1 == [[w] for w in weights[32:48]]
    assert net.synapse_h == [weights[48 + 16 * i:64 + 16 * i] for i in range(16)]
    assert net.first_hidden_layer() == [[0.0] * 16]


def test_random_takes_its_size_scale_and_start():
    net = RNN.random(RandomState(1), hidden_dim=3, init_scale=0.5, h0=0.25)
    draws = RandomState(1).random(2 * 3 + 3 + 9)
    assert net.synapse_0[0][0] == (2 * draws[0] - 1) * 0.5
    assert net.first_hidden_layer() == [[0.25, 0.25, 0.25]] and net.h0 == 0.25


@pytest.mark.parametrize("weights, message", [
    (([[], []], [], []), "synapse_h must be square, got shape (0, 0)"),
    (([[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0]]), "synapse_h must be square, got shape (1, 2)"),
    (([[0.0, 0.0]], [[0.0], [0.0]], [[0.0, 0.0], [0.0, 0.0]]), "synapse_0 must have shape (2, 2), got (1, 2)"),
    (([[0.0], [0.0]], [[0.0, 1.0]], [[0.0]]), "synapse_1 must have shape (1, 1), got (1, 2)"),
    # a row shorter than the first: shape() alone would see (2, 3), and the forward pass would drop units
    (([[0.5, 0.5, 0.5], [0.5]], [[1.0], [1.0], [1.0]], [[0.0] * 3] * 3),
     "synapse_0 must have shape (2, 3), got rows of lengths [1, 3]"),
    (([[0.5] * 2] * 2, [[1.0], [1.0]], [[0.0, 0.0], [0.0]]), "synapse_h must have shape (2, 2), got rows of lengths [1, 2]"),
    (([[0.5] * 2] * 2, [[1.0], [1.0, 2.0]], [[0.0] * 2] * 2), "synapse_1 must have shape (2, 1), got rows of lengths [1, 2]"),
])
def test_weights_of_the_wrong_shape_are_refused_by_name(weights, message):
    with pytest.raises(ValueError) as raised:
        RNN(*weights)
    assert str(raised.value) == message


def test_an_output_bit_is_1_only_above_one_half():
    # like np.round, which rounds 0.5 to the even 0
    assert [round_bit(p) for p in (0.0, 0.49, 0.5, 0.5000000000000001, 1.0)] == [0, 0, 0, 1, 1]
    assert sigmoid_output_to_derivative(0.25) == 0.1875


def test_a_network_built_from_weights_starts_at_h0_0_with_no_settings():
    # the interface's defaults: from_weights(weights, h0=0.0, settings=None), and the constructor's
    weights = {"synapse_0": [[0.5], [0.5]], "synapse_1": [[1.0]], "synapse_h": [[0.25]]}
    for net in (RNN.from_weights(weights), RNN(weights["synapse_0"], weights["synapse_1"], weights["synapse_h"])):
        assert net.h0 == 0.0 and net.settings == {} and net.first_hidden_layer() == [[0.0]]
    net = RNN.from_weights(weights, 0.5, {"task": "sub"})
    assert net.h0 == 0.5 and net.settings == {"task": "sub"}
    assert (net.synapse_0, net.synapse_1, net.synapse_h) == ([[0.5], [0.5]], [[1.0]], [[0.25]])


def test_from_weights_names_a_weight_the_rnn_does_not_have():
    # the gated cells' names (tests/test_cells.py tests theirs the other way round)
    weights = {"synapse_0": [[0.5], [0.5]], "synapse_1": [[1.0]], "synapse_h": [[0.25]], "bias_f": [[0.0]]}
    with pytest.raises(ValueError) as error:
        RNN.from_weights(weights)
    assert str(error.value) == "bias_f is not a weight of the rnn cell"
