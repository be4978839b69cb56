// The page's state in the URL fragment, so a reload (or a link) brings it back:
// #week=<the week as JSON>&weights=<weights off their default>&profile=<id>&athlete=<id>
// &replan=<what is marked done, missed or skipped, today and the legs, as JSON>.

import { buildWeek, tunedWeights } from "./state.js";

const extra = {}; // profile and athlete ids and the replan's marks, set by their cards

// Remember an id (null forgets it) and write the fragment again.
export function remember(key, value) {
  if (value === null || value === undefined) delete extra[key];
  else extra[key] = String(value);
  writeUrl();
}

export function writeUrl() {
  const params = new URLSearchParams();
  params.set("week", JSON.stringify(buildWeek()));
  const weights = tunedWeights();
  if (Object.keys(weights).length) params.set("weights", JSON.stringify(weights));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  history.replaceState(null, "", `#${params}`);
}

// What the fragment holds: { request (week with weights) | null, profile, athlete, replan }.
export function readUrl() {
  const params = new URLSearchParams(location.hash.slice(1));
  const parse = (key) => {
    try {
      return params.has(key) ? JSON.parse(params.get(key)) : null;
    } catch {
      return null; // a link cut short: start from the starter week
    }
  };
  const week = parse("week");
  const weights = parse("weights") || {};
  const id = (key) => (/^\d+$/.test(params.get(key) || "") ? Number(params.get(key)) : null);
  for (const key of ["profile", "athlete"]) if (id(key) !== null) extra[key] = String(id(key));
  const replan = parse("replan");
  if (replan && typeof replan === "object") extra.replan = JSON.stringify(replan);
  return {
    replan: replan && typeof replan === "object" ? replan : null,
    request: week && typeof week === "object" ? { ...week, weights } : null,
    profile: id("profile"),
    athlete: id("athlete"),
  };
}
