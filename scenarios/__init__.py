"""The scenario library as package data: installed as `solver.library_data` (see setup.py).

Nothing to import here; `solver.library.load_library()` reads the JSON files beside this one.
"""
