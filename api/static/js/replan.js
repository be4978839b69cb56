// "I missed it, fix the rest of my week": click a session or a run on the grid to mark it done,
// missed or skipped; with today and how the legs feel, /v1/weeks/replan re-solves the rest of
// the week the runner holds (the week last solved or moved by hand), keeping the past as it
// happened. The grid shows the replanned week, past days settled, and the answer's changes.

import { clearAlternatives } from "./alternatives.js";
import { postJson, problemText } from "./api.js";
import { $, el } from "./dom.js";
import { renderStrength } from "./grid.js";
import { renderPenalties } from "./penalties.js";
import { DAYS, DAY_NAMES, goalTitle, sessionName, state } from "./state.js";
import { setStatus, showFailure } from "./status.js";
import { remember } from "./url.js";
import { clearBands } from "./weights.js";

const MARKS = ["done", "missed", "skipped"];
const MARK_WORDS = { done: "Done", missed: "Missed", skipped: "Skipped" };
const LEGS = ["fresh", "normal", "heavy", "sore"];

let held = null; // the week the runner holds: { request, days, objective }
let marks = []; // { day, session } or { day, run }, each with its `mark`
let today = null; // chosen in "Today is"; null: the latest day marked (Monday with none)
let legs = "normal";
let picked = null; // the item whose mark menu is open: { day, session } or { day, run }
let restoring = null; // what the URL held, applied to the first week solved
let asked = 0; // a newer replan (or a new week) wins over an older answer

export function initReplan({ restore }) {
  restoring = restore && typeof restore === "object" ? restore : null;
  const todaySelect = $("#replan-today");
  todaySelect.replaceChildren(
    el("option", { value: "", text: "The latest day marked" }),
    ...DAYS.map((day) => el("option", { value: day, text: DAY_NAMES[day] })));
  todaySelect.addEventListener("change", () => {
    today = todaySelect.value || null;
    changed();
  });
  const legsSelect = $("#replan-legs");
  legsSelect.replaceChildren(...LEGS.map((feel) =>
    el("option", { value: feel, text: feel.charAt(0).toUpperCase() + feel.slice(1) })));
  legsSelect.value = legs;
  legsSelect.addEventListener("change", () => {
    legs = legsSelect.value;
    changed();
  });
  $("#replan-clear").addEventListener("click", () => {
    marks = [];
    today = null;
    legs = "normal";
    changed();
  });
}

// A week was solved (or moved by hand): it is the week the runner holds now. Marks made on an
// older week name sessions it may not hold, so they go, unless the URL brings them back.
export function weekHeld(shown) {
  asked += 1;
  held = shown;
  picked = null;
  if (restoring) {
    const saved = restoring;
    restoring = null;
    marks = Array.isArray(saved.marks) ? saved.marks.filter(validMark) : [];
    today = DAYS.includes(saved.today) ? saved.today : null;
    legs = LEGS.includes(saved.legs) ? saved.legs : "normal";
  } else {
    marks = [];
    today = null;
    legs = "normal";
    remember("replan", null);
  }
  render();
  if (isReplan()) replan();
}

// No week exists: nothing to mark.
export function weekGone() {
  held = null;
  marks = [];
  picked = null;
  render();
}

function validMark(mark) {
  return mark && DAYS.includes(mark.day) && MARKS.includes(mark.mark) &&
    (typeof mark.session === "string") !== (typeof mark.run === "string");
}

// The coach clicked a session (`session`) or a run (`run`, its type) on `day`: show its marks.
export function pickItem(day, item) {
  const same = picked && picked.day === day && picked.session === item.session &&
    picked.run === item.run;
  picked = same ? null : { day, ...item };
  renderMenus();
  if (picked) $(`#day-${day} .mark-menu button`)?.focus();
}

function itemName(item) {
  return item.session ? sessionName(item.session) : `${runWords(item.run)} run`;
}

function runWords(type) {
  return type.replaceAll("_", " ");
}

function sameItem(a, b) {
  return a.day === b.day && a.session === b.session && a.run === b.run;
}

function markOf(item) {
  return marks.find((mark) => sameItem(mark, item))?.mark ?? null;
}

function setMark(item, mark) {
  marks = marks.filter((other) => !sameItem(other, item));
  if (mark) {
    marks.push({ day: item.day, ...(item.session ? { session: item.session } : { run: item.run }), mark });
  }
  picked = null;
  changed();
  $(`#day-${item.day} .mark-list`)?.setAttribute("tabindex", "-1");
  $(`#day-${item.day} .mark-list`)?.focus();
}

// Whether the held week holds the session on that day (a session the replan placed does not).
function heldHere(item) {
  if (!item.session) return true;
  return (held?.days[item.day]?.strength || []).some((placed) => placed.session === item.session);
}

// Today: chosen, or the latest day marked, or Monday.
function todayNow() {
  if (today) return today;
  const latest = Math.max(0, ...marks.map((mark) => DAYS.indexOf(mark.day)));
  return DAYS[latest];
}

function isReplan() {
  return held !== null && (marks.length > 0 || legs !== "normal" || today !== null);
}

function changed() {
  const saved = marks.length || legs !== "normal" || today ? { today, legs, marks } : null;
  remember("replan", saved ? JSON.stringify(saved) : null);
  render();
  if (isReplan()) replan();
  else if (held) showHeld();
}

// Back to the week the runner holds, as it was: nothing marked.
function showHeld() {
  asked += 1;
  clearAlternatives();
  state.shown = held;
  renderStrength({ days: held.days });
  renderPenalties({ objective: held.objective, penalties: held.penalties || [] });
  settle(null);
  $("#replan-changes").replaceChildren();
  $("#replan-summary").textContent = "";
  setStatus(`The week as solved · penalty ${held.objective}`, "optimal");
}

async function replan() {
  const question = ++asked;
  const base = held;
  const now = todayNow();
  const body = {
    request: base.request, week: base.days, today: now, legs,
    done: [], missed: [], skipped: [],
  };
  for (const mark of marks) {
    body[mark.mark].push(mark.session ? { day: mark.day, session: mark.session } : { day: mark.day, run: mark.run });
  }
  setStatus("Replanning…", "busy");
  let answer;
  try {
    answer = await postJson("/v1/weeks/replan", body);
  } catch (error) {
    return showFailure(`Could not reach the server (${error.message}).`);
  }
  if (question !== asked || held !== base) return;
  const { response, data } = answer;
  if (!response.ok) {
    $("#replan-summary").textContent = problemText(response, data);
    return showFailure(problemText(response, data));
  }
  showReplanned(data, base);
}

function showReplanned(result, base) {
  clearAlternatives(); // they were the held week's
  state.shown = { request: base.request, days: result.days, objective: result.objective, held: base };
  // "changed" on the grid: against the week the runner holds, not the last one shown.
  state.lastPlan = Object.fromEntries(DAYS.map((day) =>
    [day, base.days[day].strength.map((placed) => placed.session).join(",")]));
  renderStrength(result);
  renderPenalties(result);
  clearBands(); // the weight ranges were the solved week's
  settle(result.today);
  renderMenus();
  const count = result.changes.length;
  setStatus(
    `Replanned from ${DAY_NAMES[result.today]} · penalty ${result.objective} (was ` +
    `${base.objective}) · ${count} change${count === 1 ? "" : "s"}`, "replanned");
  $("#replan-summary").textContent = count
    ? `${count} change${count === 1 ? "" : "s"} to the week you hold:`
    : "No change: the rest of the week stays as it was.";
  $("#replan-changes").replaceChildren(...result.changes.map((change) =>
    el("li", { "data-day": change.day, "data-change": change.change },
      el("span", { text: `${change.because}. ` }),
      el("span", { class: "reasons" }, ...change.reasons.map((reason) =>
        el("code", { class: "reason", title: goalTitle(reason), text: reason }))))));
}

// Days before today are settled (kept as they happened); today is marked as today.
function settle(todayId) {
  const index = todayId ? DAYS.indexOf(todayId) : -1;
  DAYS.forEach((day, at) => {
    const item = $(`#day-${day}`);
    if (!item) return;
    item.classList.toggle("settled", index >= 0 && at < index);
    item.classList.toggle("today", at === index);
    const badge = $(".day-when", item);
    badge.textContent = at === index ? "Today" : (index >= 0 && at < index ? "Past" : "");
    badge.hidden = badge.textContent === "";
  });
}

function render() {
  const panel = $("#replan");
  panel.hidden = held === null;
  $("#replan-today").value = today ?? "";
  $("#replan-legs").value = legs;
  $("#replan-clear").hidden = !(marks.length || legs !== "normal" || today);
  $("#replan-marks").replaceChildren(...marks.map((mark) => {
    const remove = el("button", {
      type: "button", class: "button link", text: "Unmark",
      "aria-label": `Unmark ${itemName(mark)} on ${DAY_NAMES[mark.day]}`,
    });
    remove.addEventListener("click", () => setMark(mark, null));
    return el("li", { class: `mark mark-${mark.mark}` },
      el("span", { text: `${DAY_NAMES[mark.day]}: ${itemName(mark)}, ${mark.mark}` }), " ", remove);
  }));
  if (!isReplan()) {
    $("#replan-changes").replaceChildren();
    $("#replan-summary").textContent = "";
    settle(null);
  }
  renderMenus();
}

// Each day's marks under its items, and the open item's menu: Done, Missed, Skipped, Unmark.
function renderMenus() {
  for (const day of DAYS) {
    const item = $(`#day-${day}`);
    if (!item) continue;
    const list = $(".mark-list", item);
    const here = marks.filter((mark) => mark.day === day);
    list.replaceChildren(...here.map((mark) =>
      el("li", { class: `mark mark-${mark.mark}`, text: `${MARK_WORDS[mark.mark]}: ${itemName(mark)}` })));
    list.hidden = here.length === 0;
    const menu = $(".mark-menu", item);
    menu.replaceChildren();
    menu.hidden = !(picked && picked.day === day);
    if (menu.hidden) continue;
    const name = itemName(picked);
    if (!heldHere(picked)) {
      menu.append(el("p", { class: "mark-note",
        text: `${name} was placed by the replan: the week you hold has it elsewhere.` }));
      continue;
    }
    const current = markOf(picked);
    menu.append(el("span", { class: "mark-what", text: `${name}:` }));
    for (const mark of MARKS) {
      const button = el("button", {
        type: "button", class: `button secondary mark-button${current === mark ? " chosen" : ""}`,
        text: MARK_WORDS[mark],
        "aria-label": `Mark ${name} on ${DAY_NAMES[day]} as ${mark}`,
        "aria-pressed": String(current === mark),
      });
      const target = picked;
      button.addEventListener("click", () => setMark(target, current === mark ? null : mark));
      menu.append(button);
    }
  }
}
