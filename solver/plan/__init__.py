"""Training plans: a horizon of 1 to 104 weeks towards a goal race, placed as one model.

`domain.py` is the plan JSON, `phases.py` the phase of each week, `solve.py` the CP-SAT
solve, `checker.py` the independent checker, `exact.py` an exact dynamic program (the model's
referee on small plans), `baseline.py` the old way (each week alone).
"""
