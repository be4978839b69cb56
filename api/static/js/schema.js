// Read facts out of the API's OpenAPI document (GET /openapi.json), so the page holds no copy
// of a limit the server enforces.
//
// schemaValue(openapi, "WeekRequest.properties.time_limit_s.maximum") walks from
// components.schemas.WeekRequest key by key. At each step it follows "$ref"s, and when a key is
// not on the schema itself it looks inside anyOf / oneOf / allOf: `available_minutes` is
// anyOf [integer with a maximum, null], and its maximum is still "...available_minutes.maximum".

const COMBINERS = ["allOf", "anyOf", "oneOf"];

export function schemaValue(openapi, path) {
  const [root, ...keys] = path.split(".");
  let node = openapi.components.schemas[root];
  for (const key of keys) {
    node = find(openapi, node, key, new Set());
    if (node === undefined) throw new Error(`openapi.json has no ${path} (stopped at "${key}")`);
  }
  return resolve(openapi, node);
}

// The lowest and highest integers a schema allows, exclusive bounds turned inclusive.
export function integerRange(openapi, path) {
  const bound = (key) => {
    try {
      return schemaValue(openapi, `${path}.${key}`);
    } catch {
      return undefined;
    }
  };
  const minimum = bound("minimum") ?? (bound("exclusiveMinimum") ?? -Infinity) + 1;
  const maximum = bound("maximum") ?? (bound("exclusiveMaximum") ?? Infinity) - 1;
  return { min: Math.ceil(minimum), max: Math.floor(maximum) };
}

// A key on a schema, on what its $ref points to, or on one of its anyOf / oneOf / allOf
// branches; `seen` holds the $refs followed on the way here, so a recursive schema ends.
function find(openapi, node, key, seen) {
  if (node === null || typeof node !== "object") return undefined;
  if (Object.hasOwn(node, key)) return node[key];
  if (typeof node.$ref === "string") {
    if (seen.has(node.$ref)) return undefined;
    return find(openapi, pointer(openapi, node.$ref), key, new Set([...seen, node.$ref]));
  }
  for (const combiner of COMBINERS) {
    for (const branch of node[combiner] || []) {
      const found = find(openapi, branch, key, seen);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function resolve(openapi, node) {
  const seen = new Set();
  while (node && typeof node === "object" && typeof node.$ref === "string" && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    node = pointer(openapi, node.$ref);
  }
  return node;
}

// "#/components/schemas/Day" -> that object in the document (JSON Pointer, RFC 6901).
function pointer(openapi, ref) {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((at, part) => at?.[part.replaceAll("~1", "/").replaceAll("~0", "~")], openapi);
}
