// The coach's page: edit a week, move the weights, watch the optimal week re-solve; sign in,
// keep profiles, learn weights from weeks placed by hand, and look after athletes.
// Plain ES modules against the public API: /openapi.json (limits), /v1/rules (goals),
// /v1/sessions (the catalogue), /v1/weeks/solve, /v1/weeks/sensitivity, /v1/weeks/compare,
// /v1/weeks/alternatives and /v1/weeks/evaluate (a session moved by hand), /v1/weeks/replan,
// /v1/scenarios, /v1/coaches, /v1/profiles (and /v1/profiles/learn), /v1/athletes,
// /v1/plans/solve.
//
// This module only wires the parts together; each part owns one card or concern:
// grid.js (the week and day editor), alternatives.js (where else a placed session could go, and
// moving it there), replan.js (sessions and runs marked done, missed or skipped, and the rest of
// the week replanned), athlete.js (level, phase, equipment), weights.js (sliders
// and bands), penalties.js, solve.js, scenarios.js, presets.js (library weights), account.js
// (sign up, token, sign out), profiles.js (saved weights, compare), learn.js (weights from
// examples), roster.js (athletes, their solves and history), plan.js (a whole training plan
// from a file, as a grid of weeks), url.js (state in the fragment).

import { initAccount } from "./account.js";
import { initAlternatives, showAlternatives } from "./alternatives.js";
import { getJson } from "./api.js";
import { initAthlete, renderAthlete } from "./athlete.js";
import { initGrid, renderDays } from "./grid.js";
import { initLearn } from "./learn.js";
import { readLimits } from "./limits.js";
import { initPlan } from "./plan.js";
import { clearPreset, initPresets } from "./presets.js";
import { initReplan, pickItem } from "./replan.js";
import { adopt, initProfiles, unload } from "./profiles.js";
import { initRoster } from "./roster.js";
import { initScenarios } from "./scenarios.js";
import { scheduleSolve } from "./solve.js";
import { loadRequest, setGoals, state } from "./state.js";
import { showFailure } from "./status.js";
import { readUrl } from "./url.js";
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

function weightsChanged() {
  renderWeights();
  scheduleSolve();
}

// The forms' buttons come disabled (data-until-ready) so that nothing is sent, or the page
// reloaded by a form's own submit, before the parts above are wired: enable them now.
function ready() {
  for (const button of document.querySelectorAll("button[data-until-ready]")) {
    button.disabled = false;
    button.removeAttribute("data-until-ready");
  }
}

async function start() {
  let openapi;
  let rules;
  let catalogue;
  try {
    [openapi, rules, catalogue] = await Promise.all(
      [getJson("/openapi.json"), getJson("/v1/rules"), getJson("/v1/sessions")]);
    state.limits = readLimits(openapi);
  } catch (error) {
    return showFailure(`Could not load the rules (${error.message}).`);
  }
  setGoals(rules.soft);
  state.sessions = catalogue.sessions;
  const saved = readUrl();
  initAthlete({ changed: scheduleSolve });
  initGrid({
    changed: scheduleSolve,
    picked: (day, session) => {
      showAlternatives(day, session);
      pickItem(day, { session });
    },
    pickedRun: (day, run) => pickItem(day, { run }),
  });
  initAlternatives();
  initReplan({ restore: saved.replan });
  initWeights({
    tuned: () => { clearPreset(); unload(); scheduleSolve(); },
    reset: () => { clearPreset(); unload(); scheduleSolve(); },
  });
  initProfiles({ loaded: () => { clearPreset(); weightsChanged(); }, restore: saved.profile });
  initLearn({
    learned: (profile) => {
      clearPreset();
      if (profile) adopt(profile.id);
      else unload();
      weightsChanged();
    },
  });
  initPlan();
  initRoster({ edit: (request) => showRequest({ ...request, weights: state.weights }), restore: saved.athlete });
  renderSliders();
  showRequest(saved.request || STARTER_WEEK);
  await initAccount();
  ready();

  let library;
  try {
    library = await getJson("/v1/scenarios");
  } catch {
    return; // the library is optional: without it, no loader and no presets
  }
  initPresets(library.presets || [], { picked: () => { unload(); weightsChanged(); } });
  initScenarios(library.scenarios || [], { load: (request) => showRequest(request) });
}

start();
