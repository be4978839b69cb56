// What a solve costs (the penalty breakdown) or, when no week exists, why not.

import { $, el } from "./dom.js";
import { goalTitle } from "./state.js";

export function renderPenalties(result) {
  $("#explanation").hidden = true;
  $("#breakdown").hidden = false;
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
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
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

// The 422 problem from /v1/weeks/solve: the conflicting hard rules and what to relax.
export function renderExplanation(problem) {
  $("#breakdown").hidden = true;
  $("#explanation").hidden = false;
  $("#conflicts").replaceChildren(...problem.conflicts.map((c) =>
    el("li", {}, el("code", { text: c.rule }), " ", c.message)));
  const suggestions = problem.suggestions || [];
  $("#suggestions").replaceChildren(...(suggestions.length
    ? suggestions.map((s) => el("li", { text: s }))
    : [el("li", { text: "Open up more days for strength, or ask for fewer sessions." })]));
}
