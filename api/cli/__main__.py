"""`python -m api.cli`: the `trainweek` command."""

import sys

from api.cli import main

sys.exit(main())
