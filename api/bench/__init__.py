"""`trainweek bench` on the command line; the bench itself lives in `solver.bench`."""
