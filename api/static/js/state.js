// The week being edited and the weights being tuned, and the request they make.

// The request keys its days mon..sun (the schema lists them as its properties).
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export const DAY_NAMES = {
  mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday",
  fri: "Friday", sat: "Saturday", sun: "Sunday",
};

// The API reads a run without `key` as key by its type; the page shows the same default.
// Only the Run.key description states this list: keep in step with solver.domain.KEY_RUN_TYPES.
const KEY_RUN_TYPES = new Set(["long", "tempo", "intervals", "hills", "race"]);

export const state = {
  limits: null, // from /openapi.json (limits.js)
  goals: [], // soft goals from /v1/rules: { id, description, default_weight }
  defaults: {}, // goal id -> default weight
  days: {},
  athlete: { level: "", phase: "", equipment: "" },
  strength: {},
  weights: {},
  lastPlan: null, // the strength placed in the week last shown, to mark what moved
  // The week shown: { request, days, objective, penalties } (solved, or moved by hand), or
  // replanned from the week the runner holds (`held`).
  shown: null,
  sessions: [], // the catalogue from /v1/sessions: { id, name, leg_load, ... }
};

export function setGoals(goals) {
  state.goals = goals;
  state.defaults = Object.fromEntries(goals.map((goal) => [goal.id, goal.default_weight]));
  state.weights = { ...state.defaults };
}

export function restDay() {
  return { runs: [], available: true, gym: true, available_minutes: null };
}

// Take a posted week (a scenario's, or the starter week) as the one being edited.
export function loadRequest(request) {
  for (const day of DAYS) {
    const { runs, available, gym, available_minutes: minutes, ...rest } =
      (request.days || {})[day] || {};
    state.days[day] = {
      runs: (runs || []).map(({ type, minutes: runMinutes, key, ...runRest }) => ({
        type, minutes: runMinutes, key: key ?? null,
        // What the page does not edit (a run's title, distance, start time or slot, calendar
        // UID) rides along.
        extra: present(runRest),
      })),
      available: available ?? true,
      gym: gym ?? true,
      available_minutes: minutes ?? null,
      // So does what it does not edit of a day (its availability windows).
      extra: present(rest),
    };
  }
  const athlete = request.athlete || {};
  state.athlete = {
    level: athlete.level || state.limits.defaultLevel,
    phase: athlete.phase || "",
    equipment: athlete.equipment || state.limits.defaultEquipment,
  };
  state.strength = { ...(request.strength || {}) };
  state.weights = { ...state.defaults, ...(request.weights || {}) };
  state.lastPlan = null;
}

function present(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}

// The body for /v1/weeks/solve and /v1/weeks/sensitivity.
export function buildRequest() {
  const days = {};
  for (const day of DAYS) {
    const d = state.days[day];
    const entry = {
      ...(d.extra || {}),
      runs: d.runs.map((run) => ({
        ...(run.extra || {}), type: run.type, minutes: run.minutes,
        ...(run.key === null ? {} : { key: run.key }),
      })),
    };
    if (!d.available) entry.available = false;
    if (!d.gym) entry.gym = false;
    if (d.available_minutes !== null) entry.available_minutes = d.available_minutes;
    days[day] = entry;
  }
  const athlete = { level: state.athlete.level, equipment: state.athlete.equipment };
  if (state.athlete.phase) athlete.phase = state.athlete.phase;
  return { days, athlete, strength: { ...state.strength }, weights: { ...state.weights } };
}

// The week without its weights: what an example, an athlete's default week or the URL keeps.
export function buildWeek() {
  const { weights, ...week } = buildRequest();
  return week;
}

// The weights that differ from the defaults (what the URL needs to bring them back).
export function tunedWeights() {
  return Object.fromEntries(
    Object.entries(state.weights).filter(([goal, weight]) => state.defaults[goal] !== weight));
}

export function sessionName(id) {
  return state.sessions.find((s) => s.id === id)?.name ?? id;
}

export function isKey(run) {
  return run.key ?? KEY_RUN_TYPES.has(run.type);
}

// A goal's description reads "Short title: what counts"; the page shows a label and a hint.
export function splitDescription(description) {
  const at = description.indexOf(": ");
  if (at < 0) return { title: description, hint: "" };
  const hint = description.slice(at + 2);
  return { title: description.slice(0, at), hint: hint.charAt(0).toUpperCase() + hint.slice(1) };
}

export function goalTitle(goalId) {
  const goal = state.goals.find((g) => g.id === goalId);
  return goal ? splitDescription(goal.description).title : goalId.replaceAll("_", " ");
}
