"""The week as a CP-SAT model: variables, hard rules, soft goals, infeasibility explanation."""
