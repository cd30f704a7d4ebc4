"""``python -m minirnn``: the command line (see minirnn.cli)."""

import sys

from .cli import main

sys.exit(main())
