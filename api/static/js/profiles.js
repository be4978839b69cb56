// The coach's saved profiles (/v1/profiles with the bearer token): list them, load one into the
// sliders, save the sliders as a new profile or over the loaded one, rename, delete, and compare
// two of them side by side on the week being edited (/v1/weeks/compare with `profiles`).

import { authHeaders, onAccount } from "./account.js";
import { getJson, postJson, problemText, sendJson } from "./api.js";
import { $, el } from "./dom.js";
import { DAYS, DAY_NAMES, buildRequest, sessionName, state } from "./state.js";
import { remember } from "./url.js";

let profiles = [];
let loadedId = null; // the profile on the sliders, if any
let onLoaded = () => {};

// Profiles shared with the other cards (the athlete card's "solve with").
const watchers = [];
export const profileList = () => profiles;
export function onProfiles(watcher) {
  watchers.push(watcher);
}

// `loaded` is called once a profile's weights are in state.weights.
export function initProfiles({ loaded, restore }) {
  onLoaded = loaded;
  const { profileName, profileDescription } = state.limits;
  for (const input of [$("#profile-name"), $("#rename-name")]) {
    input.minLength = profileName.minLength;
    input.maxLength = profileName.maxLength;
  }
  $("#profile-description").maxLength = profileDescription.maxLength;
  $("#save-form").addEventListener("submit", (event) => {
    event.preventDefault();
    saveNew();
  });
  $("#update-profile").addEventListener("click", updateLoaded);
  $("#compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    compare();
  });
  onAccount(async (coach) => {
    if (coach) {
      loadedId = loadedId ?? restore;
      await refresh();
    } else {
      setLoaded(null);
      profiles = [];
      render();
    }
  });
}

// Re-read the coach's profiles (every page of them).
export async function refresh() {
  const all = [];
  let url = "/v1/profiles?limit=200";
  try {
    while (url) {
      const page = await getJson(url, { headers: authHeaders() });
      all.push(...page.profiles);
      url = page.next;
    }
  } catch (error) {
    return show("error", `Could not list your profiles (${error.message}).`);
  }
  profiles = all;
  if (!profiles.some((p) => p.id === loadedId)) setLoaded(null);
  render();
}

// A profile saved elsewhere (by learning) is now the one on the sliders.
export async function adopt(id) {
  setLoaded(id);
  await refresh();
}

// Forget which profile is loaded: the sliders were moved by hand or by a preset.
export function unload() {
  if (loadedId !== null) setLoaded(null);
  renderLoaded();
}

function setLoaded(id) {
  loadedId = id;
  remember("profile", id);
}

function render() {
  const list = $("#profile-list");
  list.replaceChildren(...(profiles.length
    ? profiles.map(profileRow)
    : [el("li", { class: "empty", text: "No profile yet: tune the sliders and save them." })]));
  for (const select of [$("#compare-a"), $("#compare-b")]) {
    const chosen = select.value;
    select.replaceChildren(...profiles.map((p) => el("option", { value: String(p.id), text: p.name })));
    if (profiles.some((p) => String(p.id) === chosen)) select.value = chosen;
  }
  if (profiles.length > 1 && $("#compare-a").value === $("#compare-b").value) {
    $("#compare-b").value = String(profiles[1].id);
  }
  $("#compare-form").hidden = profiles.length < 2;
  renderLoaded();
  for (const watcher of watchers) watcher(profiles);
}

function renderLoaded() {
  const loaded = profiles.find((p) => p.id === loadedId);
  $("#update-profile").hidden = !loaded;
  $("#update-profile").textContent = loaded ? `Update “${loaded.name}”` : "";
  for (const row of document.querySelectorAll("#profile-list .profile")) {
    row.classList.toggle("loaded", Number(row.dataset.profile) === loadedId);
  }
}

function profileRow(profile) {
  const load = el("button", {
    type: "button", class: "button secondary", text: "Load", "aria-label": `Load ${profile.name}`,
  });
  load.addEventListener("click", () => {
    state.weights = { ...state.defaults, ...profile.weights };
    setLoaded(profile.id);
    renderLoaded();
    show("ok", `Loaded “${profile.name}” into the sliders.`);
    onLoaded();
  });
  const rename = el("button", {
    type: "button", class: "button link", text: "Rename", "aria-label": `Rename ${profile.name}`,
  });
  rename.addEventListener("click", () => openRename(profile));
  const remove = el("button", {
    type: "button", class: "button link danger", text: "Delete", "aria-label": `Delete ${profile.name}`,
  });
  remove.addEventListener("click", () => {
    if (remove.dataset.armed) return deleteProfile(profile);
    remove.dataset.armed = "yes"; // a second click deletes: no accidental loss
    remove.textContent = "Really delete?";
    remove.setAttribute("aria-label", `Really delete ${profile.name}?`);
  });
  return el("li", { class: "profile", "data-profile": String(profile.id) },
    el("span", { class: "profile-name", text: profile.name }),
    el("span", { class: "profile-actions" }, load, rename, remove));
}

function openRename(profile) {
  const form = $("#rename-form");
  form.hidden = false;
  form.dataset.profile = String(profile.id);
  $("#rename-name").value = profile.name;
  $("#rename-title").textContent = `Rename “${profile.name}”`;
  $("#rename-name").focus();
  form.onsubmit = async (event) => {
    event.preventDefault();
    const ok = await put(profile, { name: $("#rename-name").value.trim() }, "Renamed");
    if (ok) form.hidden = true;
  };
  $("#rename-cancel").onclick = () => { form.hidden = true; };
}

async function put(profile, changes, done) {
  const body = {
    name: profile.name, description: profile.description, weights: profile.weights,
    version: profile.version, ...changes,
  };
  const answer = await call("PUT", `/v1/profiles/${profile.id}`, body);
  if (!answer) return false;
  show("ok", `${done} “${answer.name}”.`);
  await refresh();
  return true;
}

async function deleteProfile(profile) {
  const answer = await call("DELETE", `/v1/profiles/${profile.id}`);
  if (answer === false) return;
  show("ok", `Deleted “${profile.name}”.`);
  await refresh();
}

async function saveNew() {
  const body = {
    name: $("#profile-name").value.trim(),
    description: $("#profile-description").value.trim(),
    weights: { ...state.weights },
  };
  const answer = await call("POST", "/v1/profiles", body);
  if (!answer) return;
  setLoaded(answer.id);
  $("#profile-name").value = "";
  $("#profile-description").value = "";
  await refresh();
  show("ok", `Saved profile “${answer.name}” (id ${answer.id}).`);
}

async function updateLoaded() {
  const profile = profiles.find((p) => p.id === loadedId);
  if (profile) await put(profile, { weights: { ...state.weights } }, "Saved the sliders to");
}

// One call with the coach's token: the answer's JSON (null for 204), or false once shown.
async function call(method, url, body) {
  show("busy", "Saving…");
  let answer;
  try {
    answer = await sendJson(method, url, body, { headers: authHeaders() });
  } catch (error) {
    show("error", `Could not reach the server (${error.message}).`);
    return false;
  }
  const { response, data } = answer;
  if (!response.ok) {
    show("error", problemText(response, data));
    return false;
  }
  return data;
}

function show(kind, text) {
  const result = $("#save-result");
  result.dataset.kind = kind;
  result.textContent = text;
}

// Both profiles' optimal weeks for the week on the grid, day by day, and what each costs.
async function compare() {
  const ids = [Number($("#compare-a").value), Number($("#compare-b").value)];
  const names = ids.map((id) => profiles.find((p) => p.id === id)?.name ?? `#${id}`);
  const { weights, ...request } = buildRequest();
  const out = $("#comparison");
  out.replaceChildren(el("p", { class: "muted", text: "Comparing…" }));
  let answer;
  try {
    answer = await postJson("/v1/weeks/compare", { request, profiles: ids }, { headers: authHeaders() });
  } catch (error) {
    return out.replaceChildren(el("p", { class: "error", text: error.message }));
  }
  const { response, data } = answer;
  if (!response.ok) {
    return out.replaceChildren(el("p", { class: "error", text: problemText(response, data) }));
  }
  const cell = (plan, day) => {
    const ids = plan.days[day].strength.map((s) => s.session);
    return el("td", { text: ids.length ? ids.map(sessionName).join(", ") : "—" });
  };
  const rows = DAYS.map((day) => {
    const row = el("tr", {}, el("th", { scope: "row", text: DAY_NAMES[day].slice(0, 3) }),
      cell(data.plans[0], day), cell(data.plans[1], day));
    row.classList.toggle("differs", data.diff.days.some((d) => d.day === day));
    return row;
  });
  const [first, second] = data.diff.objectives;
  out.replaceChildren(
    el("table", { class: "compare-table" },
      el("caption", { text: data.diff.same_week ? "The same week under both." : "Where they differ is marked." }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Day" }),
        el("th", { scope: "col", text: names[0] }), el("th", { scope: "col", text: names[1] }))),
      el("tbody", {}, ...rows),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", text: "Penalty" }),
        el("td", { text: String(first ?? "—") }), el("td", { text: String(second ?? "—") })))));
}
