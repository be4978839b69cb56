// The week grid: each day's runs and the strength the solver placed, and the day editor.

import { $, el, fillSelect, humanize } from "./dom.js";
import { DAYS, DAY_NAMES, isKey, state } from "./state.js";

const RUN_TYPE_WORDS = { cross_train: "Cross-train" }; // where the id's own words read badly
const LEG_LOAD = { heavy: "Heavy legs", light: "Light legs", none: "No leg load" };
const NEW_RUN = { type: "easy", minutes: 45 };

let editingDay = null;
let onChange = () => {};
let onPick = () => {};
let onRunPick = () => {};
// What other modules draw in a day and a re-render keeps: the strength shown, the marks.
const KEPT = [".strength-slot", ".day-when", ".mark-list", ".mark-menu"];
const KEPT_CLASSES = ["settled", "today"];

export const runTypeLabel = (type) => RUN_TYPE_WORDS[type] ?? humanize(type);

// `changed` is called whenever the coach edits a day, to re-solve the week; `picked(day,
// session)` when they pick a placed session, to see where else it could go (and mark it);
// `pickedRun(day, type)` when they pick a run, to mark it done or missed.
export function initGrid({ changed, picked, pickedRun }) {
  onChange = changed;
  onPick = picked;
  onRunPick = pickedRun;
}

function runLabel(run) {
  // A run's start (or its slot, am/pm) rides along in `extra`: the page shows, not edits, it.
  const when = run.extra?.at ?? run.extra?.slot;
  return `${when ? `${when} ` : ""}${runTypeLabel(run.type)} ${run.minutes}′`;
}

export function renderDays() {
  const week = $("#week");
  // Keep the strength already shown while the week re-solves, and what is marked on it.
  const kept = Object.fromEntries([...week.querySelectorAll(".day")].map((item) => [
    item.dataset.day,
    { parts: KEPT.map((selector) => $(selector, item)), classes: [...item.classList] },
  ]));
  week.replaceChildren();
  for (const day of DAYS) {
    const item = $("#day-template").content.firstElementChild.cloneNode(true);
    item.id = `day-${day}`;
    item.dataset.day = day;
    $(".day-name", item).textContent = DAY_NAMES[day].slice(0, 3);
    $(".day-name", item).title = DAY_NAMES[day];
    renderRuns(day, item);
    if (kept[day]) {
      KEPT.forEach((selector, index) => $(selector, item).replaceWith(kept[day].parts[index]));
      for (const name of KEPT_CLASSES) {
        item.classList.toggle(name, kept[day].classes.includes(name));
      }
    } else $(".strength-slot", item).append(el("p", { class: "no-strength", text: "—" }));
    const edit = $(".edit-day", item);
    edit.setAttribute("aria-label", `Edit ${DAY_NAMES[day]}`);
    edit.setAttribute("aria-expanded", String(editingDay === day));
    edit.addEventListener("click", () => openEditor(editingDay === day ? null : day));
    item.classList.toggle("editing", editingDay === day);
    week.append(item);
    if (editingDay === day) week.append(dayEditor(day));
  }
}

function renderRuns(day, item = $(`#day-${day}`)) {
  const d = state.days[day];
  const runs = $(".runs", item);
  runs.replaceChildren(...(d.runs.length
    ? d.runs.map((run) => el("li", { class: `run-chip run-${run.type}${isKey(run) ? " key" : ""}` },
      runPick(day, run),
      isKey(run) ? el("span", { class: "visually-hidden", text: " (key run)" }) : null))
    : [el("li", { class: "rest", text: "Rest day" })]));
  const flags = [];
  if (!d.available) flags.push("no strength");
  else if (!d.gym) flags.push("no gym");
  if (d.available && d.available_minutes !== null) flags.push(`${d.available_minutes}′ in all`);
  const windows = d.extra?.windows ?? [];
  if (d.available && windows.length) {
    flags.push(`free ${windows.map(([start, end]) => `${start}–${end}`).join(", ")}`);
  }
  $(".day-flags", item).textContent = flags.join(" · ");
}

// A run's label is a button: mark it done or missed.
function runPick(day, run) {
  // The name in aria-label: the chip's text stays the run's label alone.
  const pick = el("button", {
    type: "button", class: "run-pick", text: runLabel(run),
    "aria-label": `${runLabel(run)} on ${DAY_NAMES[day]}: mark it run, missed or skipped`,
  });
  pick.addEventListener("click", () => onRunPick(day, run.type));
  return pick;
}

function openEditor(day) {
  editingDay = day;
  renderDays();
  if (day) $("#day-editor select, #day-editor .add-run").focus();
}

function changed(day) {
  renderRuns(day);
  onChange();
}

function dayEditor(day) {
  const d = state.days[day];
  const { runsPerDay, dayMinutes } = state.limits;
  const rows = d.runs.map((run, index) => runEditor(day, run, index));
  const add = el("button", { type: "button", class: "button secondary add-run", text: "+ Add a run" });
  add.hidden = d.runs.length >= runsPerDay;
  add.addEventListener("click", () => {
    d.runs.push({ ...NEW_RUN, key: null });
    changed(day);
    renderDays();
    $("#day-editor .run-row:last-child select").focus();
  });
  const available = el("input", { type: "checkbox", checked: d.available, id: "edit-available" });
  available.addEventListener("change", () => { d.available = available.checked; changed(day); });
  const gym = el("input", { type: "checkbox", checked: d.gym, id: "edit-gym" });
  gym.addEventListener("change", () => { d.gym = gym.checked; changed(day); });
  const minutes = el("input", {
    type: "number", min: dayMinutes.min, max: dayMinutes.max, step: 5, id: "edit-minutes",
    class: "short-number", value: d.available_minutes ?? "", placeholder: "no limit",
  });
  minutes.addEventListener("input", () => {
    const value = Number.parseInt(minutes.value, 10);
    d.available_minutes = Number.isFinite(value) && value >= dayMinutes.min ? value : null;
    changed(day);
  });
  const done = el("button", { type: "button", class: "button primary", text: "Done" });
  done.addEventListener("click", () => {
    openEditor(null);
    $(`#day-${day} .edit-day`).focus();
  });
  return el("li", { class: "day-editor", id: "day-editor", "aria-labelledby": "day-editor-title" },
    el("div", { class: "editor-head" },
      el("h3", { id: "day-editor-title", text: `${DAY_NAMES[day]}: runs and availability` }),
      done),
    d.runs.length ? el("ul", { class: "run-rows" }, ...rows)
      : el("p", { class: "rest", text: "Rest day: no run." }),
    add,
    el("div", { class: "editor-options" },
      el("label", { for: "edit-available" }, available, " Strength possible this day"),
      el("label", { for: "edit-gym" }, gym, " Gym access"),
      el("label", { for: "edit-minutes" }, "Training time, runs included (min) ", minutes)));
}

function runEditor(day, run, index) {
  const d = state.days[day];
  const { runTypes, runMinutes } = state.limits;
  const what = `${DAY_NAMES[day]} run ${index + 1}`;
  const type = el("select", { "aria-label": `${what} type`, class: "run-type" });
  fillSelect(type, runTypes, runTypeLabel);
  type.value = run.type;
  const minutes = el("input", {
    type: "number", min: runMinutes.min, max: runMinutes.max, step: 5, value: run.minutes,
    "aria-label": `${what} minutes`, class: "short-number",
  });
  const key = el("input", { type: "checkbox", checked: isKey(run) });
  key.setAttribute("aria-label", `${what} is a key run`);
  const remove = el("button", {
    type: "button", class: "button link danger", text: "Remove", "aria-label": `Remove ${what}`,
  });
  type.addEventListener("change", () => {
    run.type = type.value;
    run.key = null; // back to the type's default
    key.checked = isKey(run);
    changed(day);
  });
  minutes.addEventListener("input", () => {
    const value = Number.parseInt(minutes.value, 10);
    if (Number.isFinite(value) && value >= runMinutes.min) {
      run.minutes = value;
      changed(day);
    }
  });
  key.addEventListener("change", () => { run.key = key.checked; changed(day); });
  remove.addEventListener("click", () => {
    d.runs.splice(index, 1);
    changed(day);
    renderDays();
    $("#day-editor select, #day-editor .add-run").focus();
  });
  return el("li", { class: "run-row" },
    type,
    el("span", { class: "minutes-wrap" }, minutes, " min"),
    el("label", { class: "key-label", title: "A key run: the week is built around it" },
      key, " Key run"),
    remove);
}

// Show the strength placed in a solved week (null: no week exists), marking what moved.
export function renderStrength(result) {
  const plan = {};
  for (const day of DAYS) {
    const item = $(`#day-${day}`);
    const slot = $(".strength-slot", item);
    const sessions = result ? result.days[day].strength : [];
    plan[day] = sessions.map((s) => s.session).join(",");
    slot.replaceChildren(...(sessions.length
      ? sessions.map((session) => pickableCard(session, day))
      : [el("p", { class: "no-strength", text: result ? "No strength" : "—" })]));
    // Mark what moved since the last week shown; no week, nothing moved.
    const moved = result !== null && state.lastPlan !== null && state.lastPlan[day] !== plan[day];
    const badge = $(".day-badge", item);
    badge.hidden = !moved;
    badge.textContent = moved ? "changed" : "";
    item.classList.toggle("changed", moved);
    if (moved) {
      item.classList.remove("flash");
      void item.offsetWidth; // restart the animation
      item.classList.add("flash");
    }
  }
  $("#week").dataset.plan = JSON.stringify(plan);
  state.lastPlan = result ? plan : null;
}

// A session of the week shown, whose name is a button: where else could it go?
function pickableCard(session, day) {
  const card = sessionCard(session);
  const pick = el("button", {
    type: "button", class: "session-name session-pick", "aria-expanded": "false",
  }, session.name, el("span", { class: "visually-hidden", text: ` on ${DAY_NAMES[day]}: where else?` }));
  pick.addEventListener("click", () => onPick(day, session.session));
  $(".session-name", card).replaceWith(pick);
  card.classList.add("pickable");
  // The whole card answers a click; the button is what the keyboard reaches.
  card.addEventListener("click", (event) => {
    if (!event.target.closest("button")) pick.click();
  });
  return card;
}

// A placed session as a card: name, leg load, minutes, the dose, and every exercise written out
// (with its sets, reps and intensity when the API prescribes them), not only in a tooltip.
export function sessionCard(session) {
  return el("div", {
    class: `session legs-${session.leg_load}`,
    "data-session": session.session,
  },
  el("span", { class: "session-name", text: session.name }),
  el("span", { class: "session-meta" },
    el("span", { class: "tag", text: LEG_LOAD[session.leg_load] ?? humanize(session.leg_load) }),
    `${session.at ? ` ${session.at} ·` : ""} ${session.minutes} min` +
    `${session.position === "after_run" ? " · after the run" : ""}`),
  session.dose ? el("span", { class: "dose", text: session.dose }) : null,
  exerciseList(session));
}

function exerciseList(session) {
  const lines = Array.isArray(session.prescription) && session.prescription.length
    ? session.prescription.map(prescribed)
    : (session.exercises || []);
  if (!lines.length) return null;
  return el("ul", { class: "exercises", "aria-label": `${session.name}: exercises` },
    ...lines.map((line) => el("li", { text: line })));
}

// {exercise: "Back squat", sets: 3, reps: "6", intensity: "RPE 7"} -> "Back squat 3 × 6 @ RPE 7".
function prescribed(item) {
  const dose = [item.sets, item.reps].filter((part) => part !== null && part !== undefined && part !== "");
  return [item.exercise, dose.join(" × "), item.intensity ? `@ ${item.intensity}` : ""]
    .filter(Boolean).join(" ");
}
