// Every limit, id list and default the page needs from the server, read once from
// GET /openapi.json. Paths start at the request bodies the page posts (WeekRequest to
// /v1/weeks/solve, ProfileIn to /v1/profiles, CoachIn to /v1/coaches, AthleteIn to
// /v1/athletes), so a schema renamed or split on the way down keeps working.

import { integerRange, schemaValue } from "./schema.js";

// The document lists each day and each goal as a property of its own (the same schema for
// every one): read the limits off Monday and off the first goal.
const DAY = "WeekRequest.properties.days.properties.mon";
const RUN = `${DAY}.properties.runs.items`;
const ATHLETE = "WeekRequest.properties.athlete";
const STRENGTH = "WeekRequest.properties.strength";
const WEIGHTS = "WeekRequest.properties.weights.properties";

export function readLimits(openapi) {
  const value = (path) => schemaValue(openapi, path);
  const range = (path) => integerRange(openapi, path);
  const optional = (path, fallback) => {
    try {
      return value(path);
    } catch {
      return fallback;
    }
  };
  return {
    weight: range(`${WEIGHTS}.${Object.keys(value(WEIGHTS))[0]}`),
    runsPerDay: value(`${DAY}.properties.runs.maxItems`),
    runMinutes: range(`${RUN}.properties.minutes`),
    runTypes: value(`${RUN}.properties.type.enum`),
    dayMinutes: range(`${DAY}.properties.available_minutes`),
    levels: value(`${ATHLETE}.properties.level.enum`),
    defaultLevel: value(`${ATHLETE}.properties.level.default`),
    phases: value(`${ATHLETE}.properties.phase.enum`),
    equipment: value(`${ATHLETE}.properties.equipment.enum`),
    defaultEquipment: value(`${ATHLETE}.properties.equipment.default`),
    sessions: range(`${STRENGTH}.properties.target_sessions`),
    defaultMinSessions: value(`${STRENGTH}.properties.min_sessions.default`),
    defaultMaxSessions: value(`${STRENGTH}.properties.max_sessions.default`),
    profileName: {
      minLength: optional("ProfileIn.properties.name.minLength", 1),
      maxLength: value("ProfileIn.properties.name.maxLength"),
    },
    profileDescription: { maxLength: value("ProfileIn.properties.description.maxLength") },
    coachName: {
      minLength: optional("CoachIn.properties.name.minLength", 1),
      maxLength: value("CoachIn.properties.name.maxLength"),
    },
    // POST /v1/profiles/learn (LearnBody): while the route is absent, a profile's name limits
    // and no cap of the page's own.
    learn: {
      name: {
        minLength: optional("LearnBody.properties.name.minLength",
          optional("ProfileIn.properties.name.minLength", 1)),
        maxLength: optional("LearnBody.properties.name.maxLength",
          value("ProfileIn.properties.name.maxLength")),
      },
      examples: optional("LearnBody.properties.examples.maxItems", Infinity),
      perDay: optional("ExampleWeek.properties.plan.additionalProperties.maxItems", Infinity),
    },
    athleteName: {
      minLength: optional("AthleteIn.properties.name.minLength", 1),
      maxLength: value("AthleteIn.properties.name.maxLength"),
    },
  };
}
