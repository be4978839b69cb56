// The one-line status above the grid: solving, the week's summary, or what went wrong.

import { $ } from "./dom.js";

export function setStatus(text, kind) {
  const status = $("#status");
  status.textContent = text;
  status.dataset.kind = kind;
}

export function showBusy() {
  document.body.classList.add("busy");
  setStatus("Solving…", "busy");
}

export function showFailure(text) {
  document.body.classList.remove("busy");
  setStatus(text, "error");
}
