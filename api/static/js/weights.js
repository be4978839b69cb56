// The weights card: a slider and a number box per soft goal, and on each slider the shaded
// band of weights that keep the current week (from /v1/weeks/sensitivity).

import { $, el } from "./dom.js";
import { splitDescription, state } from "./state.js";

// The slider covers the useful range (defaults are 1..10); the number box takes anything the
// API accepts, up to its maximum weight.
const SLIDER_TOP = 30;

let onTuned = () => {};

const sliderMax = () => Math.min(SLIDER_TOP, state.limits.weight.max);

// `tuned` is called when the coach moves a weight by hand; `reset` when back to the defaults.
export function initWeights({ tuned, reset }) {
  onTuned = tuned;
  $("#reset-weights").addEventListener("click", () => {
    state.weights = { ...state.defaults };
    renderWeights();
    reset();
  });
}

export function renderSliders() {
  const weight = state.limits.weight;
  $("#sliders").replaceChildren(...state.goals.map((goal) => {
    const { title, hint } = splitDescription(goal.description);
    const slider = el("input", {
      type: "range", min: weight.min, max: sliderMax(), step: 1, id: `weight-${goal.id}`,
      class: "slider", "aria-describedby": `hint-${goal.id}`, "data-goal": goal.id,
    });
    const number = el("input", {
      type: "number", min: weight.min, max: weight.max, step: 1, class: "weight-value",
      "aria-label": `${title}: weight`, "data-goal": goal.id,
    });
    slider.addEventListener("input", () => setWeight(goal.id, Number(slider.value)));
    number.addEventListener("input", () => {
      const value = Number.parseInt(number.value, 10);
      if (Number.isFinite(value) && value >= weight.min && value <= weight.max) {
        setWeight(goal.id, value, number);
      }
    });
    return el("div", { class: "slider-row", id: `slider-${goal.id}` },
      el("div", { class: "slider-head" },
        el("label", { for: `weight-${goal.id}`, class: "slider-label", text: title }),
        number),
      el("div", { class: "slider-track" }, slider),
      el("p", { class: "slider-hint", id: `hint-${goal.id}`, text: hint }),
      el("p", { class: "range-note", "aria-live": "off" }));
  }));
  renderWeights();
}

function setWeight(goalId, value, source) {
  state.weights[goalId] = value;
  renderWeights(source);
  onTuned();
}

// Show state.weights on every slider and number box (but the box being typed in).
export function renderWeights(source) {
  for (const goal of state.goals) {
    const value = state.weights[goal.id] ?? goal.default_weight;
    const slider = $(`#weight-${goal.id}`);
    const number = $(`.weight-value[data-goal="${goal.id}"]`);
    if (!slider) continue;
    slider.value = String(Math.min(value, sliderMax()));
    slider.setAttribute("aria-valuetext", String(value));
    if (number !== source) number.value = String(value);
    const row = $(`#slider-${goal.id}`);
    row.classList.toggle("changed-from-default", value !== goal.default_weight);
    row.classList.toggle("off", value === 0);
  }
}

// One goal's range from /v1/weeks/sensitivity: shade it, and say what lies past either end.
export function renderBand(range) {
  const row = $(`#slider-${range.goal}`);
  if (!row) return;
  const top = sliderMax();
  // CSS custom properties through the CSSOM: allowed under a strict Content-Security-Policy.
  row.style.setProperty("--band-lo", String(Math.min(range.low, top) / top));
  row.style.setProperty("--band-hi", String(Math.min(range.high, top) / top));
  row.classList.add("has-band");
  const parts = [keepsText(range)];
  if (range.above) parts.push(`At ${range.above.weight}: ${summarise(range.above.changes)}.`);
  if (range.below) parts.push(`At ${range.below.weight}: ${summarise(range.below.changes)}.`);
  const note = $(".range-note", row);
  note.textContent = parts.join(" ");
  note.classList.toggle("inert", range.low === state.limits.weight.min && range.high === state.limits.weight.max);
}

function keepsText(range) {
  const { min, max } = state.limits.weight;
  if (range.low === min && range.high === max) return "Any weight keeps this week.";
  if (range.high === max) return `Keeps this week from ${range.low} up.`;
  if (range.low === min) return `Keeps this week up to ${range.high}.`;
  if (range.low === range.high) return `Keeps this week only at ${range.low}.`;
  return `Keeps this week from ${range.low} to ${range.high}.`;
}

function summarise(changes) {
  if (changes.length <= 4) return changes.join("; ");
  return `${changes.slice(0, 3).join("; ")} (+${changes.length - 3} more)`;
}

export function clearBands() {
  for (const row of document.querySelectorAll(".slider-row")) {
    row.classList.remove("has-band");
    $(".range-note", row).textContent = "";
  }
}
