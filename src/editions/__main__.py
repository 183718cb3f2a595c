"""``python -m editions``: the same command line as the ``editions`` script."""

import sys

from editions.cli import main

sys.exit(main())
