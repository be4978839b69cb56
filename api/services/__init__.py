"""The use cases, one module each: the only place that combines requests, saved profiles,
athletes' defaults and the library into what the solver gets.

The HTTP routes (`api/routes/`) and the command line (`api/cli/`) call these same functions.
No Flask here: a service takes plain values (a `Database`, a token, a validated body) and
returns the project's own models, or raises one of `api/services/errors.py`'s refusals.
"""
