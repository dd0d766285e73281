"""``python -m iocluster`` runs the command line."""

from iocluster.cli import main

main()
