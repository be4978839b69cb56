// Small DOM helpers shared by every part of the page.

export const $ = (selector, root = document) => root.querySelector(selector);

// Create an element: `class`, `text`, aria-*, data-* and `for` become attributes or text,
// anything else is set as a property (type, value, checked, hidden, ...).
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("aria-") || key.startsWith("data-") || key === "for") {
      node.setAttribute(key, value);
    } else node[key] = value;
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

// An API id as words: "race_week" -> "Race week", "hard-days-hard" -> "Hard days hard".
export function humanize(id) {
  const words = String(id).replaceAll("_", " ").replaceAll("-", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Fill a <select> with one option per API value, labelled in the page's words.
export function fillSelect(select, values, label = humanize) {
  select.replaceChildren(...values.map((value) => el("option", { value, text: label(value) })));
}
