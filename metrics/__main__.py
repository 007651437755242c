"""``python -m metrics``: the command line."""

import sys

from metrics.cli import main

sys.exit(main())
