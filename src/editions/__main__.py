"""``python -m editions``: the same command line as the ``editions`` script."""

from editions.cli import run

run()
