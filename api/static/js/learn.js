// Learn my weights: the coach places sessions by hand on a few weeks (each a copy of the week
// on the grid), and POST /v1/profiles/learn finds the weights under which those weeks are
// optimal, says how many it reproduces and, for the others, what it would do instead and why.
// The examples and the last answer are kept in sessionStorage, so a reload keeps them.

import { authHeaders, onAccount, signedIn } from "./account.js";
import { postJson, problemText } from "./api.js";
import { $, el } from "./dom.js";
import { DAYS, DAY_NAMES, buildWeek, sessionName, state } from "./state.js";

const EXAMPLES_KEY = "trainweek.examples";
const LEARNED_KEY = "trainweek.learned"; // the last answer, until the examples change

let examples = []; // [{ request: week, plan: { day: [session id] } }]
let placing = null; // { index, day } whose placement panel is open
let verdicts = []; // per_example of the last answer, by index
let onLearned = () => {};

// `learned` is called once the learned weights are in state.weights.
export function initLearn({ learned }) {
  onLearned = learned;
  $("#learn-name").minLength = state.limits.learn.name.minLength;
  $("#learn-name").maxLength = state.limits.learn.name.maxLength;
  restore();
  // Signed out, the tab's storage is cleared: the examples go with it.
  onAccount((coach) => {
    if (coach) return;
    placing = null;
    restore();
    render();
  });
  $("#add-example").addEventListener("click", () => {
    examples.push({ request: buildWeek(), plan: {} });
    forget();
    keep();
    render();
    $(`#example-${examples.length - 1} .example-day`).focus();
  });
  $("#learn-form").addEventListener("submit", (event) => {
    event.preventDefault();
    learn();
  });
  render();
}

function stored(key, fallback) {
  try {
    return JSON.parse(sessionStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback; // storage edited by hand: start again
  }
}

function restore() {
  examples = stored(EXAMPLES_KEY, []);
  const learned = stored(LEARNED_KEY, null);
  verdicts = [];
  for (const item of learned?.verdicts || []) verdicts[item.index] = item;
  show(learned?.kind ?? "", learned?.text ?? "");
}

// The examples changed: the last answer no longer speaks for them.
function forget() {
  verdicts = [];
  sessionStorage.removeItem(LEARNED_KEY);
  show("", "");
}

function keep() {
  sessionStorage.setItem(EXAMPLES_KEY, JSON.stringify(examples));
}

function render() {
  $("#examples").replaceChildren(...examples.map(exampleView));
  $("#learn-form").hidden = examples.length === 0;
  const full = examples.length >= state.limits.learn.examples;
  $("#add-example").hidden = full;
  $("#examples-full").hidden = !full;
  $("#examples-full").textContent = full ? `${examples.length} example weeks is the most one learning takes.` : "";
}

function exampleView(example, index) {
  const verdict = verdicts[index];
  const remove = el("button", {
    type: "button", class: "button link danger", text: "Remove",
    "aria-label": `Remove example week ${index + 1}`,
  });
  remove.addEventListener("click", () => {
    examples.splice(index, 1);
    forget();
    placing = null;
    keep();
    render();
    $("#add-example").focus();
  });
  const head = el("div", { class: "example-head" },
    el("h3", { text: `Week ${index + 1}` }),
    verdict ? el("span", {
      class: `verdict ${verdict.reproduced ? "ok" : "off"}`,
      text: verdict.reproduced ? "reproduced" : "disagrees",
    }) : null,
    remove);
  const days = el("ol", { class: "example-week", "aria-label": `Example week ${index + 1}` },
    ...DAYS.map((day) => el("li", {}, dayButton(example, index, day))));
  const panel = placing && placing.index === index ? placementPanel(example, index, placing.day) : null;
  return el("section", { class: "example", id: `example-${index}` }, head, days, panel,
    verdict && !verdict.reproduced ? disagreement(verdict) : null);
}

function dayButton(example, index, day) {
  const runs = (example.request.days[day]?.runs || []).map((run) => `${run.type} ${run.minutes}′`);
  const placed = example.plan[day] || [];
  const button = el("button", {
    type: "button", class: "example-day", "data-day": day,
    "aria-expanded": String(placing?.index === index && placing?.day === day),
    "aria-label": `Week ${index + 1}, ${DAY_NAMES[day]}: ${runs.join(", ") || "rest"}; ` +
      `${placed.length ? placed.map(sessionName).join(", ") : "no strength"}. Place a session`,
  },
  el("span", { class: "example-day-name", text: DAY_NAMES[day].slice(0, 3) }),
  el("span", { class: "example-runs", text: runs.join(", ") || "rest" }),
  ...placed.map((id) => el("span", { class: "placed", text: sessionName(id) })));
  button.addEventListener("click", () => {
    placing = placing?.index === index && placing?.day === day ? null : { index, day };
    render();
    if (placing) $(`#place-${index}`).focus();
    else $(`#example-${index} .example-day[data-day=${day}]`).focus();
  });
  return button;
}

function placementPanel(example, index, day) {
  const placed = example.plan[day] || [];
  const select = el("select", { id: `place-${index}` });
  select.replaceChildren(...state.sessions.map((s) => el("option", { value: s.id, text: s.name })));
  const place = el("button", { type: "button", class: "button primary", text: "Place" });
  const full = placed.length >= state.limits.learn.perDay;
  select.disabled = full;
  place.disabled = full;
  place.addEventListener("click", () => {
    example.plan[day] = [...placed, select.value];
    forget();
    keep();
    render();
    $(`#place-${index}`).focus();
  });
  const done = el("button", { type: "button", class: "button secondary", text: "Done" });
  done.addEventListener("click", () => {
    placing = null;
    render();
    $(`#example-${index} .example-day[data-day=${day}]`).focus();
  });
  const rows = placed.map((id, at) => {
    const remove = el("button", {
      type: "button", class: "button link danger", text: "Remove",
      "aria-label": `Remove ${sessionName(id)} from ${DAY_NAMES[day]}`,
    });
    remove.addEventListener("click", () => {
      example.plan[day] = placed.filter((_, i) => i !== at);
      if (!example.plan[day].length) delete example.plan[day];
      forget();
      keep();
      render();
      $(`#place-${index}`).focus();
    });
    return el("li", {}, el("span", { text: sessionName(id) }), remove);
  });
  return el("div", { class: "placement", role: "group", "aria-label": `Week ${index + 1}, ${DAY_NAMES[day]}` },
    el("label", { for: `place-${index}`, text: `Session for ${DAY_NAMES[day]}` }),
    el("div", { class: "placement-row" }, select, place, done),
    full ? el("p", { class: "muted", text: `${placed.length} sessions a day is the most.` }) : null,
    rows.length ? el("ul", { class: "placed-list" }, ...rows) : null);
}

function disagreement(verdict) {
  const lines = verdict.differences.map((d) => el("li", {},
    el("strong", { text: `${DAY_NAMES[d.day]}: ` }),
    `you placed ${names(d.example)}; the learned weights place ${names(d.optimal)}.`));
  return el("div", { class: "disagreement" },
    el("p", { text: `Not optimal under the learned weights (regret ${verdict.regret}).` +
      (verdict.reason ? ` Why: ${verdict.reason}` : "") }),
    lines.length ? el("ul", {}, ...lines) : null);
}

const names = (ids) => (ids.length ? ids.map(sessionName).join(", ") : "nothing");

async function learn() {
  if (!signedIn()) return show("error", "Sign in first: learning needs your coach token.");
  const name = $("#learn-name").value.trim();
  const body = {
    examples: examples.map((example) => ({
      request: example.request,
      plan: Object.fromEntries(Object.entries(example.plan)
        .map(([day, ids]) => [day, ids.map((session) => ({ session }))])),
    })),
    save: Boolean(name),
  };
  if (name) body.name = name;
  show("busy", "Learning…");
  let answer;
  try {
    answer = await postJson("/v1/profiles/learn", body, { headers: authHeaders() });
  } catch (error) {
    return show("error", `Could not reach the server (${error.message}).`);
  }
  const { response, data } = answer;
  if (!response.ok) return show("error", problemText(response, data));
  verdicts = [];
  for (const item of data.per_example) verdicts[item.index] = item;
  state.weights = { ...state.defaults, ...data.weights };
  render();
  const { examples: n, reproduced } = data.agreement;
  const saved = data.profile ? ` Saved as profile “${data.profile.name}”.` : "";
  const kind = reproduced === n ? "ok" : "partial";
  const text = `Agreement: ${reproduced} of ${n} week${n === 1 ? "" : "s"} reproduced. ` +
    `The learned weights are on the sliders.${saved}`;
  show(kind, text);
  sessionStorage.setItem(LEARNED_KEY, JSON.stringify({ verdicts: data.per_example, kind, text }));
  onLearned(data.profile || null);
}

function show(kind, text) {
  const result = $("#learn-result");
  result.dataset.kind = kind;
  result.textContent = text;
}
