"""`python3 -m generator`: the command line (generator/cli.py)."""

from generator.cli import main

raise SystemExit(main())
