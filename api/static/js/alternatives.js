// "Why not Thursday?": a placed session's other days, marked on the grid as allowed (with what
// the move costs) or not (with the hard rule against it), from /v1/weeks/alternatives; "Move
// here" moves it and scores the moved week with /v1/weeks/evaluate, which the page then shows.
// On a day with times each time window is its own alternative, with its start (`at`): the day
// lists them one under the other, and "Move here" moves the session to that day and time.

import { postJson, problemText } from "./api.js";
import { $, el } from "./dom.js";
import { renderStrength } from "./grid.js";
import { renderPenalties } from "./penalties.js";
import { weekHeld } from "./replan.js";
import { DAYS, DAY_NAMES, goalTitle, sessionName, state } from "./state.js";
import { setStatus, showFailure } from "./status.js";
import { clearBands } from "./weights.js";

let asked = 0; // a newer question (or a new week) wins over an older answer

export function initAlternatives() {
  $("#alternatives-close").addEventListener("click", () => {
    const picked = $(".day.picked .session-pick");
    clearAlternatives();
    if (picked) picked.focus();
  });
}

// The week shown changed (re-solved, edited, moved): its alternatives are stale.
export function clearAlternatives() {
  asked += 1;
  for (const mark of document.querySelectorAll("#week .alt-slot")) {
    mark.replaceChildren();
    mark.hidden = true;
  }
  for (const day of document.querySelectorAll("#week .day")) {
    day.classList.remove("picked", "alt-allowed", "alt-forbidden");
  }
  for (const pick of document.querySelectorAll("#week .session-pick")) {
    pick.setAttribute("aria-expanded", "false");
  }
  $("#alternatives").hidden = true;
}

// The coach picked the session `session` on `day` of the week shown: ask where else it could go.
export async function showAlternatives(day, session) {
  const shown = state.shown;
  if (!shown) return;
  const wasOpen = $(`#day-${day}`).classList.contains("picked");
  clearAlternatives();
  if (wasOpen) return; // a second click on the same session closes its alternatives
  const question = asked;
  $(`#day-${day}`).classList.add("picked");
  $(`#day-${day} .session-pick`)?.setAttribute("aria-expanded", "true");
  let answer;
  try {
    answer = await postJson("/v1/weeks/alternatives", {
      request: shown.request, week: shown.days, day, session,
    });
  } catch (error) {
    return showFailure(`Could not reach the server (${error.message}).`);
  }
  if (question !== asked || state.shown !== shown) return;
  const { response, data } = answer;
  if (!response.ok) return showFailure(problemText(response, data));
  render(data, shown);
}

function costText(delta) {
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `−${-delta}`;
  return "±0";
}

function costWords(delta) {
  if (delta > 0) return `costs ${delta} more`;
  if (delta < 0) return `saves ${-delta}`;
  return "costs the same";
}

// "Friday" or "Friday 18:00".
function when(option) {
  return option.at ? `${DAY_NAMES[option.day]} ${option.at}` : DAY_NAMES[option.day];
}

function render(answer, shown) {
  const name = sessionName(answer.session);
  const byDay = new Map();
  for (const option of answer.alternatives) {
    byDay.set(option.day, [...(byDay.get(option.day) ?? []), option]);
  }
  for (const [day, options] of byDay) {
    const item = $(`#day-${day}`);
    const slot = $(".alt-slot", item);
    const anyAllowed = options.some((option) => option.allowed);
    item.classList.add(anyAllowed ? "alt-allowed" : "alt-forbidden");
    // The day's times in the order of the clock, not of cost.
    const ordered = [...options].sort((a, b) => (a.at ?? "").localeCompare(b.at ?? ""));
    slot.replaceChildren(...ordered.map((option) => optionMark(option, answer, shown, name)));
    slot.dataset.allowed = String(anyAllowed);
    slot.hidden = false;
  }
  const now = answer.at ? `${DAY_NAMES[answer.day]} ${answer.at}` : DAY_NAMES[answer.day];
  $("#alternatives-title").textContent =
    `Where else could ${name} go? Now on ${now}, week penalty ${answer.objective}`;
  $("#alternatives-list").replaceChildren(...answer.alternatives.map((option) =>
    el("li", {
      class: option.allowed ? "alt-allowed" : "alt-forbidden", "data-day": option.day,
      ...(option.at ? { "data-at": option.at } : {}),
    },
    el("strong", { text: `${when(option)}${option.allowed ? "" : ", not allowed"}: ` }),
    option.allowed ? tradeText(option) : withoutDay(option.reason, option))));
  const allowed = answer.alternatives.filter((option) => option.allowed).length;
  const timed = answer.alternatives.some((option) => option.at);
  $("#alternatives-summary").textContent =
    `${allowed} of ${answer.alternatives.length} other ${timed ? "days and times" : "days"} allowed.`;
  $("#alternatives").hidden = false;
}

// One alternative in its day's cell: its time (on a day with times), then its cost and "Move
// here", or "Not allowed" and the rule.
function optionMark(option, answer, shown, name) {
  const time = option.at ? el("span", { class: "alt-at", text: option.at }) : null;
  if (!option.allowed) {
    return el("span", { class: "alt-option", "data-allowed": "false" },
      time,
      el("span", { class: "alt-verdict", text: "Not allowed" }),
      el("code", { class: "alt-rule", text: option.rule }));
  }
  const at = option.at ? ` at ${option.at}` : "";
  const move = el("button", {
    type: "button", class: "button secondary move-here", text: "Move here",
    "aria-label": `Move ${name} to ${DAY_NAMES[option.day]}${at} (${costWords(option.cost_delta)})`,
  });
  move.addEventListener("click", () => moveTo(option, answer.day, answer.session, shown));
  return el("span", { class: "alt-option", "data-allowed": "true" },
    time,
    el("span", { class: "alt-cost", text: costText(option.cost_delta) }),
    el("span", { class: "visually-hidden", text: ` ${costWords(option.cost_delta)}` }),
    move);
}

// The checker's sentences start with the day ("Wed: ...", or "Wed 18:00: ..." for a start),
// which the list already names.
function withoutDay(reason, option) {
  const day = DAY_NAMES[option.day].slice(0, 3);
  for (const prefix of [option.at ? `${day} ${option.at}: ` : null, `${day}: `]) {
    if (prefix && reason.startsWith(prefix)) return reason.slice(prefix.length);
  }
  return reason;
}

// "costs 2 more: Strength on hard days 0 → 3, Spread sessions 2 → 0"
function tradeText(option) {
  const trades = (option.goals || []).map((goal) =>
    `${goalTitle(goal.goal)} ${goal.before} → ${goal.after}`);
  return costWords(option.cost_delta) + (trades.length ? `: ${trades.join(", ")}` : "");
}

// Move the session (to the option's day, at its time on a day with times) and score the moved
// week with the checker; the page then shows that week.
async function moveTo(option, from, session, shown) {
  const target = option.day;
  const days = structuredClone(shown.days);
  const index = days[from].strength.findIndex((placed) => placed.session === session);
  const [placed] = days[from].strength.splice(index, 1);
  placed.position = days[target].runs.length ? "after_run" : "on_its_own";
  if (option.at) placed.at = option.at;
  else delete placed.at;
  days[target].strength.push(placed);
  // Each session at the start the week shows (a session on a day with times has one).
  const plan = Object.fromEntries(DAYS.map((day) =>
    [day, days[day].strength.map((entry) => ({
      session: entry.session, ...(entry.at ? { at: entry.at } : {}),
    }))]));
  let answer;
  try {
    answer = await postJson("/v1/weeks/evaluate", { request: shown.request, plan });
  } catch (error) {
    return showFailure(`Could not reach the server (${error.message}).`);
  }
  if (state.shown !== shown) return; // the week was re-solved meanwhile
  const { response, data } = answer;
  if (!response.ok) return showFailure(problemText(response, data));
  clearAlternatives();
  state.shown = {
    request: shown.request, days, objective: data.objective, penalties: data.penalties,
  };
  renderStrength({ days });
  renderPenalties(data);
  weekHeld(state.shown); // the week the runner holds now: what is marked starts again
  clearBands(); // the weight ranges were the solved week's, not this one's
  setStatus(
    `Moved by hand: ${sessionName(session)} to ${when(option)} · penalty ${data.objective} ` +
    `(was ${shown.objective})${data.feasible ? "" : " · breaks a hard rule"}`,
    data.feasible ? "moved" : "infeasible");
  $(`#day-${target} .session-pick`)?.focus();
}
