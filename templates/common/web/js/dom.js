// A tiny element builder. It never parses HTML: text goes in as text nodes, so
// whatever a user typed, even "<script>", is shown literally and never runs.
//
//   h("a", { href: "#/explore", class: "button" }, "Explore")
//
// Props become attributes; functions under "on..." names become event listeners;
// false, null and undefined props and children are left out.
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  // append() turns strings into text nodes, never into markup.
  element.append(
    ...children.flat().filter((child) => child !== null && child !== undefined && child !== false),
  );
  return element;
}

// Text for screen readers only (the CSS class hides it from sight).
export function srOnly(text) {
  return h("span", { class: "sr-only" }, text);
}

// "1 like", "2 likes".
export function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

// "photo" -> "Photo".
export function capitalize(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
