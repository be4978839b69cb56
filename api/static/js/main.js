// The tuning page: edit a week, move the weights, watch the optimal week re-solve.
// Plain ES modules against the public API: /openapi.json (limits), /v1/rules (goals),
// /v1/weeks/solve, /v1/weeks/sensitivity, /v1/scenarios and /v1/profiles.
//
// This module only wires the parts together; each part owns one card or concern:
// grid.js (the week and day editor), athlete.js, weights.js (sliders and bands),
// penalties.js, solve.js, scenarios.js, presets.js (library weights), profiles.js (saving).

import { getJson } from "./api.js";
import { initAthlete, renderAthlete } from "./athlete.js";
import { initGrid, renderDays } from "./grid.js";
import { readLimits } from "./limits.js";
import { clearPreset, initPresets } from "./presets.js";
import { initProfiles } from "./profiles.js";
import { initScenarios } from "./scenarios.js";
import { scheduleSolve } from "./solve.js";
import { loadRequest, setGoals, state } from "./state.js";
import { showFailure } from "./status.js";
import { initWeights, renderSliders, renderWeights } from "./weights.js";

// Where a coach starts: the Hansons beginner marathon week ten weeks out (docs/domain.md).
const STARTER_WEEK = {
  days: {
    mon: { runs: [{ type: "easy", minutes: 72 }] },
    tue: { runs: [{ type: "intervals", minutes: 60 }] },
    thu: { runs: [{ type: "tempo", minutes: 75 }] },
    fri: { runs: [{ type: "easy", minutes: 63 }] },
    sat: { runs: [{ type: "easy", minutes: 72 }] },
    sun: { runs: [{ type: "long", minutes: 135 }] },
  },
};

function showRequest(request) {
  loadRequest(request);
  renderAthlete();
  renderDays();
  renderWeights();
  scheduleSolve();
}

async function start() {
  let openapi;
  let rules;
  try {
    [openapi, rules] = await Promise.all([getJson("/openapi.json"), getJson("/v1/rules")]);
    state.limits = readLimits(openapi);
  } catch (error) {
    return showFailure(`Could not load the rules (${error.message}).`);
  }
  setGoals(rules.soft);
  initAthlete({ changed: scheduleSolve });
  initGrid({ changed: scheduleSolve });
  initWeights({
    tuned: () => { clearPreset(); scheduleSolve(); },
    reset: () => { clearPreset(); scheduleSolve(); },
  });
  initProfiles();
  renderSliders();
  showRequest(STARTER_WEEK);

  let library;
  try {
    library = await getJson("/v1/scenarios");
  } catch {
    return; // the library is optional: without it, no loader and no presets
  }
  initPresets(library.presets || [], { picked: () => { renderWeights(); scheduleSolve(); } });
  initScenarios(library.scenarios || [], { load: showRequest });
}

start();
