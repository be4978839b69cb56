// The coach's athletes (/v1/athletes): list, add one with the week on the grid as their default
// week, load that week into the grid to edit it and save it back, solve it with a profile
// (POST /v1/athletes/{id}/solve) and read the weeks solved before (.../history).

import { authHeaders, onAccount } from "./account.js";
import { getJson, problemText, sendJson } from "./api.js";
import { $, el, humanize } from "./dom.js";
import { sessionCard } from "./grid.js";
import { onProfiles } from "./profiles.js";
import { DAYS, DAY_NAMES, buildWeek, state } from "./state.js";
import { remember } from "./url.js";

let athletes = [];
let chosenId = null;
let onEdit = () => {};

// `edit(request)` puts an athlete's default week on the grid.
export function initRoster({ edit, restore }) {
  onEdit = edit;
  const { athleteName } = state.limits;
  $("#athlete-name").minLength = athleteName.minLength;
  $("#athlete-name").maxLength = athleteName.maxLength;
  $("#athlete-form").addEventListener("submit", (event) => {
    event.preventDefault();
    create();
  });
  $("#athlete-select").addEventListener("change", () => choose(Number($("#athlete-select").value) || null));
  $("#edit-default").addEventListener("click", editDefault);
  $("#save-default").addEventListener("click", saveDefault);
  $("#solve-athlete").addEventListener("submit", (event) => {
    event.preventDefault();
    solve();
  });
  onProfiles((profiles) => {
    const select = $("#solve-profile");
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "", text: "The athlete's own weights" }),
      ...profiles.map((p) => el("option", { value: String(p.id), text: p.name })));
    if (profiles.some((p) => String(p.id) === chosen)) select.value = chosen;
  });
  onAccount(async (coach) => {
    if (coach) {
      chosenId = chosenId ?? restore;
      await refresh();
    } else {
      athletes = [];
      render();
      await choose(null);
    }
  });
}

async function refresh() {
  const all = [];
  let url = "/v1/athletes?limit=200";
  try {
    while (url) {
      const page = await getJson(url, { headers: authHeaders() });
      all.push(...page.athletes);
      url = page.next;
    }
  } catch (error) {
    return show("error", `Could not list your athletes (${error.message}).`);
  }
  athletes = all;
  render();
  await choose(athletes.some((a) => a.id === chosenId) ? chosenId : null);
}

function render() {
  const select = $("#athlete-select");
  select.replaceChildren(el("option", { value: "", text: athletes.length ? "Choose an athlete…" : "No athlete yet" }),
    ...athletes.map((a) => el("option", { value: String(a.id), text: a.name })));
  select.value = chosenId ? String(chosenId) : "";
}

async function choose(id) {
  chosenId = id;
  remember("athlete", id);
  const athlete = chosen();
  $("#athlete-detail").hidden = !athlete;
  $("#athlete-select").value = id ? String(id) : "";
  if (!athlete) return;
  $("#athlete-summary").textContent = [humanize(athlete.level),
    athlete.phase ? `${humanize(athlete.phase)} phase` : null, humanize(athlete.equipment)]
    .filter(Boolean).join(" · ");
  $("#solved-week").replaceChildren();
  await loadHistory();
}

const chosen = () => athletes.find((a) => a.id === chosenId) || null;

// The athlete's fields as AthleteIn (their default week without an `athlete` block).
function athleteBody(athlete, week) {
  const { athlete: who, ...rest } = week;
  const body = { name: athlete.name, level: who.level, equipment: who.equipment, default_week: rest };
  if (who.phase) body.phase = who.phase;
  return body;
}

async function create() {
  const name = $("#athlete-name").value.trim();
  const answer = await call("POST", "/v1/athletes", athleteBody({ name }, buildWeek()));
  if (!answer) return;
  $("#athlete-name").value = "";
  show("ok", `Added ${answer.name}, with the week on the grid as their default week.`);
  chosenId = answer.id;
  await refresh();
}

function editDefault() {
  const athlete = chosen();
  if (!athlete) return;
  const athleteFields = { level: athlete.level, equipment: athlete.equipment };
  if (athlete.phase) athleteFields.phase = athlete.phase;
  onEdit({ ...athlete.default_week, athlete: athleteFields });
  show("ok", `${athlete.name}'s default week is on the grid: edit it, then save it back.`);
}

// The athlete's fields the page does not edit: their time zone and what changes their rules.
const KEPT_AS_STORED = ["timezone", "age", "strength_training_age", "avoid", "max_strength_minutes"];

async function saveDefault() {
  const athlete = chosen();
  if (!athlete) return;
  const body = { ...athleteBody(athlete, buildWeek()), version: athlete.version };
  body.default_week.weights = athlete.default_week.weights || {};
  // A PUT replaces the athlete: what the grid does not show goes back as it is stored.
  for (const field of KEPT_AS_STORED) {
    if (athlete[field] !== undefined && athlete[field] !== null) body[field] = athlete[field];
  }
  const answer = await call("PUT", `/v1/athletes/${athlete.id}`, body);
  if (!answer) return;
  show("ok", `Saved the week on the grid as ${answer.name}'s default week.`);
  await refresh();
}

async function solve() {
  const athlete = chosen();
  if (!athlete) return;
  const profile = $("#solve-profile").value;
  const body = profile ? { profile: Number(profile) } : {};
  const answer = await call("POST", `/v1/athletes/${athlete.id}/solve`, body, "Solving…");
  if (!answer) return;
  show("ok", `Solved ${athlete.name}'s week: penalty ${answer.result.objective}.`);
  $("#solved-week").replaceChildren(weekView(answer.result, `${athlete.name}'s week`));
  await loadHistory();
}

// A solved week as a list of days with the strength placed, doses and exercises shown.
function weekView(result, label) {
  return el("ol", { class: "mini-week", "aria-label": label },
    ...DAYS.map((day) => {
      const d = result.days[day];
      const runs = d.runs.map((run) => `${humanize(run.type)} ${run.minutes}′`).join(", ") || "Rest";
      return el("li", { class: "mini-day" },
        el("span", { class: "mini-day-name", text: DAY_NAMES[day].slice(0, 3) }),
        el("span", { class: "mini-runs", text: runs }),
        el("div", { class: "mini-strength" }, ...(d.strength.length
          ? d.strength.map(sessionCard) : [el("span", { class: "muted", text: "No strength" })])));
    }));
}

async function loadHistory() {
  const athlete = chosen();
  if (!athlete) return;
  let page;
  try {
    page = await getJson(`/v1/athletes/${athlete.id}/history?limit=20`, { headers: authHeaders() });
  } catch (error) {
    return show("error", `Could not read the history (${error.message}).`);
  }
  const list = $("#history");
  list.replaceChildren(...(page.history.length ? page.history.map(historyItem)
    : [el("li", { class: "empty", text: "No week solved yet." })]));
  // Chosen again (after a reload, say): their newest week is what the coach last looked at.
  if (page.history.length && !$("#solved-week").childElementCount) {
    const [newest] = page.history;
    $("#solved-week").replaceChildren(weekView(newest.result, `${athlete.name}'s newest week`));
  }
}

function historyItem(solved) {
  const when = new Date(solved.created_at).toLocaleString(undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
  });
  const profile = solved.profile === null ? "own weights"
    : `profile ${$(`#solve-profile option[value="${solved.profile}"]`)?.textContent ?? `#${solved.profile}`}`;
  const sessions = DAYS.flatMap((day) => solved.result.days[day].strength
    .map((s) => `${DAY_NAMES[day].slice(0, 3)} ${s.name}`));
  const show = el("button", {
    type: "button", class: "button link", text: "Show", "aria-label": `Show the week solved ${when}`,
  });
  show.addEventListener("click", () => {
    $("#solved-week").replaceChildren(weekView(solved.result, `The week solved ${when}`));
  });
  return el("li", { class: "history-item" },
    el("span", { text: `${when} · ${profile} · penalty ${solved.result.objective}` }),
    el("span", { class: "muted", text: sessions.join(" · ") || "no strength" }),
    show);
}

async function call(method, url, body, busy = "Saving…") {
  show("busy", busy);
  let answer;
  try {
    answer = await sendJson(method, url, body, { headers: authHeaders() });
  } catch (error) {
    show("error", `Could not reach the server (${error.message}).`);
    return null;
  }
  const { response, data } = answer;
  if (!response.ok) {
    show("error", problemText(response, data));
    return null;
  }
  return data;
}

function show(kind, text) {
  const result = $("#athlete-result");
  result.dataset.kind = kind;
  result.textContent = text;
}
