// Level, phase, equipment and how many sessions: the choices come from the API's enums.

import { $, el, fillSelect } from "./dom.js";
import { state } from "./state.js";

// `changed` is called when the coach picks another value, to re-solve the week.
export function initAthlete({ changed }) {
  const { levels, phases, equipment, sessions } = state.limits;
  fillSelect($("#athlete-level"), levels);
  fillSelect($("#athlete-phase"), phases);
  $("#athlete-phase").prepend(el("option", { value: "", text: "Not set" }));
  fillSelect($("#athlete-equipment"), equipment);
  const targets = [];
  for (let n = sessions.min; n <= sessions.max; n += 1) targets.push(String(n));
  fillSelect($("#strength-target"), targets, (n) => `Aim for ${n}`);
  $("#strength-target").prepend(el("option", { value: "", text: "By phase" }));

  for (const [id, field] of [["#athlete-level", "level"], ["#athlete-phase", "phase"],
    ["#athlete-equipment", "equipment"]]) {
    $(id).addEventListener("change", (event) => {
      state.athlete[field] = event.target.value;
      changed();
    });
  }
  $("#strength-target").addEventListener("change", (event) => {
    setTarget(event.target.value ? Number(event.target.value) : null);
    changed();
  });
}

function setTarget(target) {
  if (target === null) {
    delete state.strength.target_sessions;
    return;
  }
  // Keep min..max around the target so the request stays valid.
  const { defaultMinSessions, defaultMaxSessions } = state.limits;
  state.strength = {
    ...state.strength,
    target_sessions: target,
    min_sessions: Math.min(state.strength.min_sessions ?? defaultMinSessions, target),
    max_sessions: Math.max(state.strength.max_sessions ?? defaultMaxSessions, target),
  };
}

export function renderAthlete() {
  $("#athlete-level").value = state.athlete.level;
  $("#athlete-phase").value = state.athlete.phase;
  $("#athlete-equipment").value = state.athlete.equipment;
  $("#strength-target").value = String(state.strength.target_sessions ?? "");
}
