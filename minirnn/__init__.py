"""minirnn: the binary-addition RNN of "Anyone Can Learn To Code an LSTM-RNN
in Python (Part 1: RNN)", in pure Python with no dependencies.

>>> import minirnn
>>> model = minirnn.train(iterations=1)
Error:[3.45638663]
Pred:[0 0 0 0 0 0 0 1]
True:[0 1 0 0 0 1 0 1]
9 + 60 = 1
------------
"""

from .cells import CELLS
from .gru import GRU
from .lstm import LSTM
from .model_file import ModelFileError, load
from .rnn import RNN
from .training import CELL_DEFAULTS, PRESETS, Step, format_checkpoint, train, train_steps

__version__ = "0.1.0"
__all__ = ["RNN", "LSTM", "GRU", "CELLS", "CELL_DEFAULTS", "PRESETS", "Step", "ModelFileError",
           "format_checkpoint", "load", "train", "train_steps"]
