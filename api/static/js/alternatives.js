// "Why not Thursday?": a placed session's other days, marked on the grid as allowed (with what
// the move costs) or not (with the hard rule against it), from /v1/weeks/alternatives; "Move
// here" moves it and scores the moved week with /v1/weeks/evaluate, which the page then shows.

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

function render(answer, shown) {
  const name = sessionName(answer.session);
  for (const option of answer.alternatives) {
    const item = $(`#day-${option.day}`);
    const slot = $(".alt-slot", item);
    item.classList.add(option.allowed ? "alt-allowed" : "alt-forbidden");
    if (option.allowed) {
      const move = el("button", {
        type: "button", class: "button secondary move-here", text: "Move here",
        "aria-label": `Move ${name} to ${DAY_NAMES[option.day]} (${costWords(option.cost_delta)})`,
      });
      move.addEventListener("click", () => moveTo(option.day, answer.day, answer.session, shown));
      slot.replaceChildren(
        el("span", { class: "alt-cost", text: costText(option.cost_delta) }),
        el("span", { class: "visually-hidden", text: ` ${costWords(option.cost_delta)}` }),
        move);
    } else {
      slot.replaceChildren(
        el("span", { class: "alt-verdict", text: "Not allowed" }),
        el("code", { class: "alt-rule", text: option.rule }));
    }
    slot.dataset.allowed = String(option.allowed);
    slot.hidden = false;
  }
  $("#alternatives-title").textContent =
    `Where else could ${name} go? Now on ${DAY_NAMES[answer.day]}, week penalty ${answer.objective}`;
  $("#alternatives-list").replaceChildren(...answer.alternatives.map((option) =>
    el("li", { class: option.allowed ? "alt-allowed" : "alt-forbidden", "data-day": option.day },
      el("strong", { text: `${DAY_NAMES[option.day]}${option.allowed ? "" : ", not allowed"}: ` }),
      option.allowed ? tradeText(option) : withoutDay(option.reason, option.day))));
  const allowed = answer.alternatives.filter((option) => option.allowed).length;
  $("#alternatives-summary").textContent =
    `${allowed} of ${answer.alternatives.length} other days allowed.`;
  $("#alternatives").hidden = false;
}

// The checker's sentences start with the day ("Wed: ..."), which the list already names.
function withoutDay(reason, day) {
  const prefix = `${DAY_NAMES[day].slice(0, 3)}: `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}

// "costs 2 more: Strength on hard days 0 → 3, Spread sessions 2 → 0"
function tradeText(option) {
  const trades = (option.goals || []).map((goal) =>
    `${goalTitle(goal.goal)} ${goal.before} → ${goal.after}`);
  return costWords(option.cost_delta) + (trades.length ? `: ${trades.join(", ")}` : "");
}

// Move the session and score the moved week with the checker; the page then shows that week.
async function moveTo(target, from, session, shown) {
  const days = structuredClone(shown.days);
  const index = days[from].strength.findIndex((placed) => placed.session === session);
  const [placed] = days[from].strength.splice(index, 1);
  placed.position = days[target].runs.length ? "after_run" : "on_its_own";
  days[target].strength.push(placed);
  const plan = Object.fromEntries(DAYS.map((day) =>
    [day, days[day].strength.map((entry) => ({ session: entry.session }))]));
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
    `Moved by hand: ${sessionName(session)} to ${DAY_NAMES[target]} · penalty ${data.objective} ` +
    `(was ${shown.objective})${data.feasible ? "" : " · breaks a hard rule"}`,
    data.feasible ? "moved" : "infeasible");
  $(`#day-${target} .session-pick`)?.focus();
}
