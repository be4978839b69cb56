// The tuning page: edit a week, move the weights, watch the optimal week re-solve.
// Plain JavaScript against the public API: /v1/rules, /v1/weeks/solve, /v1/weeks/sensitivity,
// /v1/scenarios (optional) and /v1/profiles.
"use strict";

(() => {
  const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const DAY_NAMES = {
    mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday",
    fri: "Friday", sat: "Saturday", sun: "Sunday",
  };
  const RUN_TYPES = [
    ["easy", "Easy"], ["recovery", "Recovery"], ["long", "Long"], ["tempo", "Tempo"],
    ["intervals", "Intervals"], ["hills", "Hills"], ["race", "Race"], ["cross_train", "Cross-train"],
  ];
  const KEY_RUN_TYPES = new Set(["long", "tempo", "intervals", "hills", "race"]);
  const LEG_LOAD = { heavy: "Heavy legs", light: "Light legs", none: "No leg load" };
  const SLIDER_MAX = 30; // defaults are 1..10; the number box takes anything up to MAX_WEIGHT
  const MAX_WEIGHT = 1000;
  const DEBOUNCE_MS = 150;

  // Where a coach starts: the Hansons beginner marathon week ten weeks out (DOMAIN.md).
  const STARTER_WEEK = {
    days: {
      mon: { runs: [{ type: "easy", minutes: 72 }] },
      tue: { runs: [{ type: "intervals", minutes: 60 }] },
      thu: { runs: [{ type: "tempo", minutes: 75 }] },
      fri: { runs: [{ type: "easy", minutes: 63 }] },
      sat: { runs: [{ type: "easy", minutes: 72 }] },
      sun: { runs: [{ type: "long", minutes: 135 }] },
    },
  };

  const state = {
    days: {},
    athlete: { level: "intermediate", phase: "", equipment: "gym" },
    strength: {},
    goals: [],
    defaults: {},
    weights: {},
    lastPlan: null,
  };

  const $ = (selector, root = document) => root.querySelector(selector);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("aria-") || key.startsWith("data-") || key === "for") {
        node.setAttribute(key, value);
      } else node[key] = value;
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  };

  // --- the goals: "Short title: what counts" reads as a label and a hint ---------------------

  function splitDescription(description) {
    const at = description.indexOf(": ");
    if (at < 0) return { title: description, hint: "" };
    const hint = description.slice(at + 2);
    return { title: description.slice(0, at), hint: hint.charAt(0).toUpperCase() + hint.slice(1) };
  }

  function goalTitle(goalId) {
    const goal = state.goals.find((g) => g.id === goalId);
    return goal ? splitDescription(goal.description).title : goalId.replaceAll("_", " ");
  }

  // --- the week being edited ------------------------------------------------------------------

  function restDay() {
    return { runs: [], available: true, gym: true, available_minutes: null };
  }

  function applyRequest(request) {
    for (const day of DAYS) {
      const posted = (request.days || {})[day] || {};
      state.days[day] = {
        runs: (posted.runs || []).map((run) => ({
          type: run.type, minutes: run.minutes, key: run.key ?? null,
        })),
        available: posted.available ?? true,
        gym: posted.gym ?? true,
        available_minutes: posted.available_minutes ?? null,
      };
    }
    const athlete = request.athlete || {};
    state.athlete = {
      level: athlete.level || "intermediate",
      phase: athlete.phase || "",
      equipment: athlete.equipment || "gym",
    };
    state.strength = { ...(request.strength || {}) };
    state.weights = { ...state.defaults, ...(request.weights || {}) };
    $("#athlete-level").value = state.athlete.level;
    $("#athlete-phase").value = state.athlete.phase;
    $("#athlete-equipment").value = state.athlete.equipment;
    $("#strength-target").value = String(state.strength.target_sessions ?? "");
    state.lastPlan = null;
    renderDays();
    renderSliderValues();
    scheduleSolve();
  }

  function buildRequest() {
    const days = {};
    for (const day of DAYS) {
      const d = state.days[day];
      const entry = {
        runs: d.runs.map((run) => ({
          type: run.type, minutes: run.minutes, ...(run.key === null ? {} : { key: run.key }),
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

  function isKey(run) {
    return run.key ?? KEY_RUN_TYPES.has(run.type);
  }

  // --- the grid: each day shows its runs and the strength the solver placed ----------------

  let editingDay = null;

  function runLabel(run) {
    const type = RUN_TYPES.find(([value]) => value === run.type)[1];
    return `${type} ${run.minutes}′`;
  }

  function renderDays() {
    const week = $("#week");
    const slots = Object.fromEntries(
      [...week.querySelectorAll(".day")].map((item) => [item.dataset.day, $(".strength-slot", item)]));
    week.replaceChildren();
    for (const day of DAYS) {
      const item = $("#day-template").content.firstElementChild.cloneNode(true);
      item.id = `day-${day}`;
      item.dataset.day = day;
      $(".day-name", item).textContent = DAY_NAMES[day].slice(0, 3);
      $(".day-name", item).title = DAY_NAMES[day];
      renderRuns(day, item);
      if (slots[day]) $(".strength-slot", item).replaceWith(slots[day]);
      else $(".strength-slot", item).append(el("p", { class: "no-strength", text: "—" }));
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
        el("span", { text: runLabel(run) }),
        isKey(run) ? el("span", { class: "visually-hidden", text: " (key run)" }) : null))
      : [el("li", { class: "rest", text: "Rest day" })]));
    const flags = [];
    if (!d.available) flags.push("no strength");
    else if (!d.gym) flags.push("no gym");
    if (d.available && d.available_minutes !== null) flags.push(`${d.available_minutes}′ in all`);
    $(".day-flags", item).textContent = flags.join(" · ");
  }

  function openEditor(day) {
    editingDay = day;
    renderDays();
    if (day) $("#day-editor select, #day-editor .add-run").focus();
  }

  function dayEditor(day) {
    const d = state.days[day];
    const rows = d.runs.map((run, index) => runEditor(day, run, index));
    const add = el("button", { type: "button", class: "button secondary add-run", text: "+ Add a run" });
    add.hidden = d.runs.length >= 4;
    add.addEventListener("click", () => {
      d.runs.push({ type: "easy", minutes: 45, key: null });
      changed(day);
      renderDays();
      $("#day-editor .run-row:last-child select").focus();
    });
    const available = el("input", { type: "checkbox", checked: d.available, id: "edit-available" });
    available.addEventListener("change", () => { d.available = available.checked; changed(day); });
    const gym = el("input", { type: "checkbox", checked: d.gym, id: "edit-gym" });
    gym.addEventListener("change", () => { d.gym = gym.checked; changed(day); });
    const minutes = el("input", {
      type: "number", min: 0, max: 1440, step: 5, id: "edit-minutes", class: "short-number",
      value: d.available_minutes ?? "", placeholder: "no limit",
    });
    minutes.addEventListener("input", () => {
      const value = Number.parseInt(minutes.value, 10);
      d.available_minutes = Number.isFinite(value) && value >= 0 ? value : null;
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

  function changed(day) {
    renderRuns(day);
    scheduleSolve();
  }

  function runEditor(day, run, index) {
    const d = state.days[day];
    const what = `${DAY_NAMES[day]} run ${index + 1}`;
    const type = el("select", { "aria-label": `${what} type`, class: "run-type" });
    for (const [value, label] of RUN_TYPES) type.append(el("option", { value, text: label }));
    type.value = run.type;
    const minutes = el("input", {
      type: "number", min: 1, max: 600, step: 5, value: run.minutes,
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
      if (Number.isFinite(value) && value > 0) {
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

  function renderStrength(result) {
    const plan = {};
    for (const day of DAYS) {
      const item = $(`#day-${day}`);
      const slot = $(".strength-slot", item);
      const sessions = result ? result.days[day].strength : [];
      plan[day] = sessions.map((s) => s.session).join(",");
      slot.replaceChildren(...(sessions.length
        ? sessions.map(sessionCard)
        : [el("p", { class: "no-strength", text: result ? "No strength" : "—" })]));
      // Mark what moved since the last week shown; no week, nothing moved.
      const changed = result !== null && state.lastPlan !== null && state.lastPlan[day] !== plan[day];
      const badge = $(".day-badge", item);
      badge.hidden = !changed;
      badge.textContent = changed ? "changed" : "";
      item.classList.toggle("changed", changed);
      if (changed) {
        item.classList.remove("flash");
        void item.offsetWidth; // restart the animation
        item.classList.add("flash");
      }
    }
    $("#week").dataset.plan = JSON.stringify(plan);
    state.lastPlan = result ? plan : null;
  }

  function sessionCard(session) {
    return el("div", {
      class: `session legs-${session.leg_load}`,
      title: session.exercises.join(" · "),
      "data-session": session.session,
    },
    el("span", { class: "session-name", text: session.name }),
    el("span", { class: "session-meta" },
      el("span", { class: "tag", text: LEG_LOAD[session.leg_load] }),
      ` ${session.minutes} min${session.position === "after_run" ? " · after the run" : ""}`));
  }

  // --- solving, debounced; a newer request always wins ---------------------------------------

  let solveTimer = null;
  let solveSeq = 0;
  let solveAbort = null;

  function scheduleSolve() {
    clearTimeout(solveTimer);
    document.body.classList.add("busy");
    setStatus("Solving…", "busy");
    solveTimer = setTimeout(runSolve, DEBOUNCE_MS);
  }

  async function postJson(url, body, signal, headers = {}) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: JSON.stringify(body),
      signal,
    });
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    return { response, data };
  }

  async function runSolve() {
    const seq = ++solveSeq;
    if (solveAbort) solveAbort.abort();
    solveAbort = new AbortController();
    const request = buildRequest();
    let answer;
    try {
      answer = await postJson("/v1/weeks/solve", request, solveAbort.signal);
    } catch (error) {
      if (error.name === "AbortError") return;
      return showFailure(`Could not reach the server (${error.message}).`);
    }
    if (seq !== solveSeq) return;
    document.body.classList.remove("busy");
    const { response, data } = answer;
    if (response.ok) {
      renderResult(data);
      scheduleSensitivity(request);
    } else if (response.status === 422 && data && Array.isArray(data.conflicts)) {
      renderInfeasible(data);
    } else {
      showFailure(problemText(response, data));
    }
  }

  function problemText(response, data) {
    if (data && data.detail) return data.detail;
    return `${response.status} ${response.statusText || "error"}`;
  }

  function setStatus(text, kind) {
    const status = $("#status");
    status.textContent = text;
    status.dataset.kind = kind;
  }

  function renderResult(result) {
    const count = DAYS.reduce((n, day) => n + result.days[day].strength.length, 0);
    const label = result.status === "optimal" ? "Optimal week" : "Best week found in time";
    setStatus(
      `${label} · penalty ${result.objective} · ${count} session${count === 1 ? "" : "s"} · ` +
      `solved in ${Math.round(result.solver.wall_time_ms)} ms`, result.status);
    $("#explanation").hidden = true;
    $("#breakdown").hidden = false;
    renderStrength(result);
    renderPenalties(result);
  }

  function renderPenalties(result) {
    const list = $("#penalties");
    $("#objective").textContent = `Total ${result.objective}`;
    const penalties = [...result.penalties].sort((a, b) => b.cost - a.cost);
    if (penalties.length === 0) {
      list.replaceChildren(el("li", { class: "perfect", text: "No soft goal missed: nothing to trade off." }));
      return;
    }
    const largest = Math.max(...penalties.map((p) => p.cost), 1);
    list.replaceChildren(...penalties.map((p) => {
      const bar = el("span", { class: "bar-fill" });
      bar.style.width = `${Math.max(2, (100 * p.cost) / largest)}%`;
      return el("li", { class: "penalty", "data-goal": p.goal },
        el("div", { class: "penalty-head" },
          el("span", { class: "penalty-title", text: goalTitle(p.goal) }),
          el("span", { class: "penalty-cost", text: `${p.count} × ${p.weight} = ${p.cost}` })),
        el("div", {
          class: "bar", role: "img",
          "aria-label": `${goalTitle(p.goal)} costs ${p.cost} of ${result.objective}`,
        }, bar),
        el("ul", { class: "details" }, ...p.details.map((line) => el("li", { text: line }))));
    }));
  }

  function renderInfeasible(problem) {
    setStatus("No week keeps every hard rule", "infeasible");
    renderStrength(null);
    $("#breakdown").hidden = true;
    $("#explanation").hidden = false;
    $("#conflicts").replaceChildren(...problem.conflicts.map((c) =>
      el("li", {}, el("code", { text: c.rule }), " ", c.message)));
    const suggestions = problem.suggestions || [];
    $("#suggestions").replaceChildren(...(suggestions.length
      ? suggestions.map((s) => el("li", { text: s }))
      : [el("li", { text: "Open up more days for strength, or ask for fewer sessions." })]));
    clearBands();
  }

  function showFailure(text) {
    document.body.classList.remove("busy");
    setStatus(text, "error");
  }

  // --- sensitivity: shade each slider's range that keeps this week --------------------------

  let sensitivityTimer = null;
  let sensitivitySeq = 0;
  let sensitivityAbort = null;

  function scheduleSensitivity(request) {
    clearTimeout(sensitivityTimer);
    sensitivityTimer = setTimeout(() => runSensitivity(request), 250);
  }

  async function runSensitivity(request) {
    const seq = ++sensitivitySeq;
    if (sensitivityAbort) sensitivityAbort.abort();
    sensitivityAbort = new AbortController();
    let answer;
    try {
      answer = await postJson("/v1/weeks/sensitivity", { request }, sensitivityAbort.signal);
    } catch {
      return; // the bands are a help, not the answer
    }
    if (seq !== sensitivitySeq || !answer.response.ok) return;
    // The week was edited meanwhile: these ranges belong to an older week.
    if (JSON.stringify(request) !== JSON.stringify(buildRequest())) return;
    for (const range of answer.data.goals) renderBand(range);
  }

  function renderBand(range) {
    const row = $(`#slider-${range.goal}`);
    if (!row) return;
    const lo = Math.min(range.low, SLIDER_MAX);
    const hi = Math.min(range.high, SLIDER_MAX);
    row.style.setProperty("--band-lo", String(lo / SLIDER_MAX));
    row.style.setProperty("--band-hi", String(hi / SLIDER_MAX));
    row.classList.add("has-band");
    const parts = [keepsText(range)];
    if (range.above) parts.push(`At ${range.above.weight}: ${summarise(range.above.changes)}.`);
    if (range.below) parts.push(`At ${range.below.weight}: ${summarise(range.below.changes)}.`);
    const note = $(".range-note", row);
    note.textContent = parts.join(" ");
    note.classList.toggle("inert", range.low === 0 && range.high === MAX_WEIGHT);
  }

  function keepsText(range) {
    if (range.low === 0 && range.high === MAX_WEIGHT) return "Any weight keeps this week.";
    if (range.high === MAX_WEIGHT) return `Keeps this week from ${range.low} up.`;
    if (range.low === 0) return `Keeps this week up to ${range.high}.`;
    if (range.low === range.high) return `Keeps this week only at ${range.low}.`;
    return `Keeps this week from ${range.low} to ${range.high}.`;
  }

  function summarise(changes) {
    if (changes.length <= 4) return changes.join("; ");
    return `${changes.slice(0, 3).join("; ")} (+${changes.length - 3} more)`;
  }

  function clearBands() {
    for (const row of document.querySelectorAll(".slider-row")) {
      row.classList.remove("has-band");
      $(".range-note", row).textContent = "";
    }
  }

  // --- the weights -------------------------------------------------------------------------

  function renderSliders() {
    const box = $("#sliders");
    box.replaceChildren(...state.goals.map((goal) => {
      const { title, hint } = splitDescription(goal.description);
      const slider = el("input", {
        type: "range", min: 0, max: SLIDER_MAX, step: 1, id: `weight-${goal.id}`,
        class: "slider", "aria-describedby": `hint-${goal.id}`, "data-goal": goal.id,
      });
      const number = el("input", {
        type: "number", min: 0, max: MAX_WEIGHT, step: 1, class: "weight-value",
        "aria-label": `${title}: weight`, "data-goal": goal.id,
      });
      slider.addEventListener("input", () => setWeight(goal.id, Number(slider.value)));
      number.addEventListener("input", () => {
        const value = Number.parseInt(number.value, 10);
        if (Number.isFinite(value) && value >= 0 && value <= MAX_WEIGHT) setWeight(goal.id, value, number);
      });
      return el("div", { class: "slider-row", id: `slider-${goal.id}` },
        el("div", { class: "slider-head" },
          el("label", { for: `weight-${goal.id}`, class: "slider-label", text: title }),
          number),
        el("div", { class: "slider-track" }, slider),
        el("p", { class: "slider-hint", id: `hint-${goal.id}`, text: hint }),
        el("p", { class: "range-note", "aria-live": "off" }));
    }));
    renderSliderValues();
  }

  function setWeight(goalId, value, source) {
    state.weights[goalId] = value;
    $("#profile-select").value = ""; // tuned by hand now: no longer the profile as picked
    renderSliderValues(source);
    scheduleSolve();
  }

  function renderSliderValues(source) {
    for (const goal of state.goals) {
      const value = state.weights[goal.id] ?? goal.default_weight;
      const slider = $(`#weight-${goal.id}`);
      const number = $(`.weight-value[data-goal="${goal.id}"]`);
      if (!slider) continue;
      slider.value = String(Math.min(value, SLIDER_MAX));
      slider.setAttribute("aria-valuetext", String(value));
      if (number !== source) number.value = String(value);
      const row = $(`#slider-${goal.id}`);
      row.classList.toggle("changed-from-default", value !== goal.default_weight);
      row.classList.toggle("off", value === 0);
    }
  }

  // --- scenarios (optional: the loader stays hidden when the server has none) ---------------

  async function initScenarios() {
    let list;
    let data;
    try {
      const response = await fetch("/v1/scenarios", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      data = await response.json();
      list = Array.isArray(data) ? data : data.scenarios || data.items || [];
    } catch {
      return;
    }
    if (Array.isArray(data.presets) && data.presets.length) initProfilePicker(data.presets);
    if (!list.length) return;
    const select = $("#scenario-select");
    select.replaceChildren(...list.map((item) => {
      const name = typeof item === "string" ? item : item.name || item.id;
      const option = el("option", { value: name, text: item.title || name.replaceAll("-", " ") });
      if (item.description) option.title = item.description;
      return option;
    }));
    const loader = $("#scenario-loader");
    loader.hidden = false;
    loader.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = select.value;
      try {
        const response = await fetch(`/v1/scenarios/${encodeURIComponent(name)}`,
          { headers: { Accept: "application/json" } });
        const data = await response.json();
        if (!response.ok) return showFailure(problemText(response, data));
        const { name: _n, description: _d, source: _s, expect: _e, ...flat } = data;
        applyRequest(data.request || flat);
      } catch (error) {
        showFailure(`Could not load the scenario (${error.message}).`);
      }
    });
  }

  // The library's coaching profiles (from GET /v1/scenarios) as starting points for the sliders.
  function initProfilePicker(profiles) {
    const select = $("#profile-select");
    for (const profile of profiles) {
      const option = el("option", { value: profile.name, text: profile.name.replaceAll("-", " ") });
      if (profile.description) option.title = profile.description;
      select.append(option);
    }
    $("#profile-picker").hidden = false;
    select.addEventListener("change", () => {
      const profile = profiles.find((p) => p.name === select.value);
      if (!profile) return;
      state.weights = { ...state.defaults, ...profile.weights };
      renderSliderValues();
      scheduleSolve();
    });
  }

  // --- save as profile ---------------------------------------------------------------------

  function initSave() {
    const form = $("#save-form");
    const result = $("#save-result");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const token = $("#profile-token").value.trim();
      const body = {
        name: $("#profile-name").value.trim(),
        description: $("#profile-description").value.trim(),
        weights: { ...state.weights },
      };
      result.dataset.kind = "busy";
      result.textContent = "Saving…";
      let answer;
      try {
        answer = await postJson("/v1/profiles", body, undefined, { Authorization: `Bearer ${token}` });
      } catch (error) {
        result.dataset.kind = "error";
        result.textContent = `Could not reach the server (${error.message}).`;
        return;
      }
      const { response, data } = answer;
      if (response.ok) {
        result.dataset.kind = "ok";
        result.textContent = `Saved profile “${data.name}”${data.id != null ? ` (id ${data.id})` : ""}.`;
      } else {
        result.dataset.kind = "error";
        result.textContent = problemText(response, data);
      }
    });
  }

  // --- start -------------------------------------------------------------------------------

  function initControls() {
    $("#athlete-level").addEventListener("change", (e) => { state.athlete.level = e.target.value; scheduleSolve(); });
    $("#athlete-phase").addEventListener("change", (e) => { state.athlete.phase = e.target.value; scheduleSolve(); });
    $("#athlete-equipment").addEventListener("change", (e) => { state.athlete.equipment = e.target.value; scheduleSolve(); });
    $("#strength-target").addEventListener("change", (e) => {
      const value = e.target.value;
      if (value) {
        const target = Number(value);
        // Keep min..max around the target so the request stays valid.
        state.strength = {
          ...state.strength,
          target_sessions: target,
          min_sessions: Math.min(state.strength.min_sessions ?? 1, target),
          max_sessions: Math.max(state.strength.max_sessions ?? 3, target),
        };
      } else {
        delete state.strength.target_sessions;
      }
      scheduleSolve();
    });
    $("#reset-weights").addEventListener("click", () => {
      state.weights = { ...state.defaults };
      $("#profile-select").value = "";
      renderSliderValues();
      scheduleSolve();
    });
  }

  async function start() {
    initControls();
    initSave();
    for (const day of DAYS) state.days[day] = restDay();
    try {
      const response = await fetch("/v1/rules", { headers: { Accept: "application/json" } });
      const rules = await response.json();
      state.goals = rules.soft;
    } catch (error) {
      return showFailure(`Could not load the rules (${error.message}).`);
    }
    state.defaults = Object.fromEntries(state.goals.map((g) => [g.id, g.default_weight]));
    renderSliders();
    applyRequest(STARTER_WEEK);
    initScenarios();
  }

  start();
})();
