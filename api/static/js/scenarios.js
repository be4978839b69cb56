// The scenario loader: a week from the library (GET /v1/scenarios/{name}) fills the grid.

import { getJson } from "./api.js";
import { $, el } from "./dom.js";
import { showFailure } from "./status.js";

// `load` gets the scenario's week request. The loader stays hidden when the library is empty.
export function initScenarios(scenarios, { load }) {
  if (!scenarios.length) return;
  const select = $("#scenario-select");
  select.replaceChildren(...scenarios.map((scenario) => {
    const option = el("option", { value: scenario.name, text: scenario.name.replaceAll("-", " ") });
    if (scenario.description) option.title = scenario.description;
    return option;
  }));
  const loader = $("#scenario-loader");
  loader.hidden = false;
  loader.addEventListener("submit", async (event) => {
    event.preventDefault();
    let scenario;
    try {
      scenario = await getJson(`/v1/scenarios/${encodeURIComponent(select.value)}`);
    } catch (error) {
      return showFailure(`Could not load the scenario (${error.message}).`);
    }
    load(scenario.request);
  });
}
