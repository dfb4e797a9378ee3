"""``python -m flake8_ssot``: the ``flake8-ssot`` console script, where no script is installed."""

import sys

from flake8_ssot.adapters.cli import main

sys.exit(main())
