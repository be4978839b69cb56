// A whole training plan (POST /v1/plans/solve): pick the plan file a runner already has (an
// iCalendar export, a calendar-hack YAML or JSON plan, trainweek's plan JSON), solve it with the
// default weights or one of the coach's profiles, and read it as a grid: one row a week with its
// phase, the runs of each day, the strength placed with its dose, races marked.

import { authHeaders } from "./account.js";
import { problemText } from "./api.js";
import { $, el, humanize } from "./dom.js";
import { sessionCard } from "./grid.js";
import { onProfiles } from "./profiles.js";
import { DAYS, DAY_NAMES } from "./state.js";

// What the server reads each kind of file as (api/routes/plans.py, BODY_FORMATS).
const MEDIA_TYPES = { ics: "text/calendar", yaml: "application/yaml", yml: "application/yaml" };

export function initPlan() {
  $("#plan-form").addEventListener("submit", (event) => {
    event.preventDefault();
    solvePlan();
  });
  onProfiles((profiles) => {
    const select = $("#plan-profile");
    const chosen = select.value;
    select.replaceChildren(el("option", { value: "", text: "Default weights" }),
      ...profiles.map((p) => el("option", { value: String(p.id), text: p.name })));
    if (profiles.some((p) => String(p.id) === chosen)) select.value = chosen;
  });
}

function say(text, kind) {
  const line = $("#plan-result");
  line.textContent = text;
  line.dataset.kind = kind;
}

async function solvePlan() {
  const file = $("#plan-file").files[0];
  if (!file) return say("Choose a plan file first.", "error");
  const query = new URLSearchParams();
  if ($("#plan-race-date").value) query.set("race_date", $("#plan-race-date").value);
  const profile = $("#plan-profile").value;
  if (profile) query.set("profile", profile);
  const extension = file.name.split(".").pop().toLowerCase();
  say(`Solving ${file.name}...`, "busy");
  $("#plan-view").replaceChildren();
  let response;
  let data;
  try {
    response = await fetch(`/v1/plans/solve?${query}`, {
      method: "POST",
      headers: {
        Accept: "application/json, application/problem+json",
        "Content-Type": MEDIA_TYPES[extension] || "application/json",
        ...(profile ? authHeaders() : {}),
      },
      body: await file.text(),
    });
    data = await response.json().catch(() => null);
  } catch (error) {
    return say(`Could not reach the server (${error.message}).`, "error");
  }
  if (response.status === 422 && data && Array.isArray(data.conflicts)) {
    say(data.detail || "No plan keeps every hard rule.", "error");
    return showConflicts(data);
  }
  if (!response.ok) return say(problemText(response, data), "error");
  const sessions = data.weeks.reduce((sum, week) => sum + week.sessions, 0);
  say(`${data.weeks.length} weeks from ${data.weeks[0].start}: ${sessions} strength sessions, `
    + `${humanize(data.status)}, penalty ${data.objective}.`, "ok");
  showPlan(data);
}

function showConflicts(problem) {
  $("#plan-view").replaceChildren(
    el("ul", { class: "plan-conflicts", "aria-label": "Rules that cannot all hold" },
      ...problem.conflicts.map((c) => el("li", { text: `${c.message} (${c.rule})` }))),
    ...(problem.suggestions || []).map((text) => el("p", { class: "hint", text })));
}

function showPlan(plan) {
  const byDate = new Map(plan.days.map((day) => [day.date, day]));
  const table = el("table", { class: "plan-grid" },
    el("caption", { class: "visually-hidden", text: "The plan, one row a week" }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Week" }),
      ...DAYS.map((day) => el("th", { scope: "col", text: DAY_NAMES[day].slice(0, 3) })))),
    el("tbody", {}, ...plan.weeks.map((week, index) => weekRow(week, index, byDate))));
  const parts = [el("div", { class: "plan-scroll" }, table)];
  if (plan.unclassified.length) {
    parts.push(el("details", { class: "plan-unclassified" },
      el("summary", { text: `${plan.unclassified.length} events left out (not classified)` }),
      el("ul", {}, ...plan.unclassified.map((line) => el("li", { text: line })))));
  }
  $("#plan-view").replaceChildren(...parts);
}

function weekRow(week, index, byDate) {
  const monday = new Date(`${week.start}T00:00:00Z`);
  const cells = DAYS.map((day, offset) => {
    const date = new Date(monday.getTime() + offset * 86400000).toISOString().slice(0, 10);
    return dayCell(byDate.get(date), date);
  });
  return el("tr", { class: `phase-${week.phase}`, "data-week": String(index + 1) },
    el("th", { scope: "row", class: "plan-week" },
      el("span", { class: "plan-week-number", text: `Week ${index + 1}` }),
      el("span", { class: "muted", text: ` ${week.start}` }),
      el("span", { class: "tag plan-phase", text: humanize(week.phase) })),
    ...cells);
}

function dayCell(day, date) {
  const runs = day ? day.runs : [];
  const race = runs.some((run) => run.type === "race");
  return el("td", { class: race ? "plan-day race" : "plan-day", "data-date": date },
    ...runs.map((run) => el("p", { class: "plan-run",
      text: `${run.type === "race" ? "Race" : humanize(run.type)} ${run.minutes} min` })),
    ...(day ? day.strength : []).map((session) => sessionCard(session)));
}
