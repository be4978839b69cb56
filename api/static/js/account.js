// The coach signed in: sign up (POST /v1/coaches) or paste a token (checked with
// GET /v1/coaches/me). The token lives in sessionStorage only, and sign-out clears it.

import { getJson, postJson, problemText } from "./api.js";
import { $ } from "./dom.js";
import { state } from "./state.js";

const TOKEN_KEY = "trainweek.token";

let coach = null; // { id, name } once signed in
const listeners = [];

export const signedIn = () => coach !== null;

// The Authorization header for the coach's calls ({} when signed out).
export function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// `listener(coach)` runs on sign-in, and with null on sign-out.
export function onAccount(listener) {
  listeners.push(listener);
}

export async function initAccount() {
  const { coachName } = state.limits;
  $("#signup-name").maxLength = coachName.maxLength;
  $("#signup-name").minLength = coachName.minLength;
  $("#signup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    signUp($("#signup-name").value.trim());
  });
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    useToken($("#token-input").value.trim());
  });
  $("#sign-out").addEventListener("click", signOut);
  if (sessionStorage.getItem(TOKEN_KEY)) await useToken(sessionStorage.getItem(TOKEN_KEY));
  else render();
}

async function signUp(name) {
  show("busy", "Signing up…");
  let answer;
  try {
    answer = await postJson("/v1/coaches", { name });
  } catch (error) {
    return show("error", `Could not reach the server (${error.message}).`);
  }
  const { response, data } = answer;
  if (!response.ok) return show("error", problemText(response, data));
  sessionStorage.setItem(TOKEN_KEY, data.token);
  setCoach({ id: data.id, name: data.name });
  $("#new-token").textContent = data.token;
  $("#token-once").hidden = false;
}

async function useToken(token) {
  if (!token) return show("error", "Paste a token first.");
  show("busy", "Checking the token…");
  try {
    const me = await getJson("/v1/coaches/me", { headers: { Authorization: `Bearer ${token}` } });
    sessionStorage.setItem(TOKEN_KEY, token);
    $("#token-input").value = "";
    setCoach({ id: me.id, name: me.name });
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    setCoach(null);
    show("error", `That token was refused (${error.message}).`);
  }
}

// Signing out forgets all this tab kept (the token, the example weeks), not the week on the grid.
function signOut() {
  sessionStorage.clear();
  $("#token-once").hidden = true;
  $("#new-token").textContent = "";
  setCoach(null);
  $("#signup-name").focus();
}

function setCoach(next) {
  coach = next;
  show("", "");
  render();
  for (const listener of listeners) listener(coach);
}

function render() {
  $("#signed-out").hidden = coach !== null;
  $("#signed-in").hidden = coach === null;
  $("#coach-name").textContent = coach ? coach.name : "";
  document.body.classList.toggle("has-coach", coach !== null);
}

function show(kind, text) {
  const result = $("#account-result");
  result.dataset.kind = kind;
  result.textContent = text;
}
