// Solving as the coach edits: debounced, and a newer request always wins over an older one.
// After each optimal week, the sensitivity ranges follow (a help, not the answer).

import { clearAlternatives } from "./alternatives.js";
import { postJson, problemText } from "./api.js";
import { renderStrength } from "./grid.js";
import { renderExplanation, renderPenalties } from "./penalties.js";
import { weekGone, weekHeld } from "./replan.js";
import { buildRequest, state } from "./state.js";
import { setStatus, showBusy, showFailure } from "./status.js";
import { writeUrl } from "./url.js";
import { clearBands, renderBand } from "./weights.js";

const SOLVE_DEBOUNCE_MS = 150;
const SENSITIVITY_DEBOUNCE_MS = 250;

let solveTimer = null;
let solveSeq = 0;
let solveAbort = null;

// Every change re-solves, and is written to the URL first so a reload brings it back.
export function scheduleSolve() {
  writeUrl();
  clearAlternatives();
  clearTimeout(solveTimer);
  showBusy();
  solveTimer = setTimeout(runSolve, SOLVE_DEBOUNCE_MS);
}

async function runSolve() {
  const seq = ++solveSeq;
  if (solveAbort) solveAbort.abort();
  solveAbort = new AbortController();
  const request = buildRequest();
  let answer;
  try {
    answer = await postJson("/v1/weeks/solve", request, { signal: solveAbort.signal });
  } catch (error) {
    if (error.name === "AbortError") return;
    return showFailure(`Could not reach the server (${error.message}).`);
  }
  if (seq !== solveSeq) return;
  document.body.classList.remove("busy");
  const { response, data } = answer;
  if (response.ok) {
    showWeek(data, request);
    scheduleSensitivity(request);
  } else if (response.status === 422 && data && Array.isArray(data.conflicts)) {
    showNoWeek(data);
  } else {
    showFailure(problemText(response, data));
  }
}

function showWeek(result, request) {
  clearAlternatives();
  state.shown = {
    request, days: result.days, objective: result.objective, penalties: result.penalties,
  };
  const count = Object.values(result.days).reduce((n, day) => n + day.strength.length, 0);
  const label = result.status === "optimal" ? "Optimal week" : "Best week found in time";
  setStatus(
    `${label} · penalty ${result.objective} · ${count} session${count === 1 ? "" : "s"} · ` +
    (result.solver.cached
      ? `solved before in ${Math.round(result.solver.wall_time_ms)} ms, kept`
      : `solved in ${Math.round(result.solver.wall_time_ms)} ms`), result.status);
  renderStrength(result);
  renderPenalties(result);
  weekHeld(state.shown);
}

function showNoWeek(problem) {
  clearAlternatives();
  state.shown = null;
  setStatus("No week keeps every hard rule", "infeasible");
  renderStrength(null);
  weekGone();
  renderExplanation(problem);
  clearBands();
}

let sensitivityTimer = null;
let sensitivitySeq = 0;
let sensitivityAbort = null;

function scheduleSensitivity(request) {
  clearTimeout(sensitivityTimer);
  sensitivityTimer = setTimeout(() => runSensitivity(request), SENSITIVITY_DEBOUNCE_MS);
}

async function runSensitivity(request) {
  const seq = ++sensitivitySeq;
  if (sensitivityAbort) sensitivityAbort.abort();
  sensitivityAbort = new AbortController();
  let answer;
  try {
    answer = await postJson("/v1/weeks/sensitivity", { request }, { signal: sensitivityAbort.signal });
  } catch {
    return; // the bands are a help, not the answer
  }
  if (seq !== sensitivitySeq || !answer.response.ok) return;
  // The week was edited meanwhile: these ranges belong to an older week.
  if (JSON.stringify(request) !== JSON.stringify(buildRequest())) return;
  for (const range of answer.data.goals) renderBand(range);
}
