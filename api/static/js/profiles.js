// Save as profile: the weights on the sliders become one of the coach's saved profiles
// (POST /v1/profiles with the coach's bearer token).

import { postJson, problemText } from "./api.js";
import { $ } from "./dom.js";
import { state } from "./state.js";

export function initProfiles() {
  const { profileName, profileDescription } = state.limits;
  $("#profile-name").minLength = profileName.minLength;
  $("#profile-name").maxLength = profileName.maxLength;
  $("#profile-description").maxLength = profileDescription.maxLength;
  $("#save-form").addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
}

async function save() {
  const token = $("#profile-token").value.trim();
  const body = {
    name: $("#profile-name").value.trim(),
    description: $("#profile-description").value.trim(),
    weights: { ...state.weights },
  };
  show("busy", "Saving…");
  let answer;
  try {
    answer = await postJson("/v1/profiles", body, { headers: { Authorization: `Bearer ${token}` } });
  } catch (error) {
    return show("error", `Could not reach the server (${error.message}).`);
  }
  const { response, data } = answer;
  if (!response.ok) return show("error", problemText(response, data));
  show("ok", `Saved profile “${data.name}”${data.id != null ? ` (id ${data.id})` : ""}.`);
}

function show(kind, text) {
  const result = $("#save-result");
  result.dataset.kind = kind;
  result.textContent = text;
}
