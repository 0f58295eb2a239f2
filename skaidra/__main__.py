"""Run the command line: `python -m skaidra`."""

import sys

from .cli import main

sys.exit(main())
