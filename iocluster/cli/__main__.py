"""``python -m iocluster`` runs the command line."""

from iocluster.cli import main

if __name__ == "__main__":
    main()
