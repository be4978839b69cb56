// The preset picker: the library's weight presets (from GET /v1/scenarios) as starting points
// for the sliders. Not to be confused with a coach's saved profiles (profiles.js).

import { $, el, humanize } from "./dom.js";
import { state } from "./state.js";

// `picked` is called once a preset's weights are in state.weights. Hidden without presets.
export function initPresets(presets, { picked }) {
  if (!presets.length) return;
  const select = $("#preset-select");
  for (const preset of presets) {
    const option = el("option", { value: preset.name, text: humanize(preset.name) });
    if (preset.description) option.title = preset.description;
    select.append(option);
  }
  $("#preset-picker").hidden = false;
  select.addEventListener("change", () => {
    const preset = presets.find((p) => p.name === select.value);
    if (!preset) return;
    state.weights = { ...state.defaults, ...preset.weights };
    picked();
  });
}

// The weights were tuned by hand or reset: they are no longer the preset as picked.
export function clearPreset() {
  $("#preset-select").value = "";
}
