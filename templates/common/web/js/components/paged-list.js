// A list that arrives one page at a time: the first page at once, the next one
// when "Load more" is pressed, following the API's next_cursor until it is null.
import { api } from "../api.js";
import { h } from "../dom.js";
import { showError } from "../message.js";

// url(cursor): the API path of a page (cursor is null for the first one).
// key: where the page keeps its items ("posts", "users" or "comments").
// item(object): the element that shows one item. empty: text for an empty list.
// label: the list's name for screen readers. grid: lay items out as tiles.
export function pagedList({ url, key, item, empty, label, grid = false }) {
  const list = h("ul", { class: grid ? "grid" : "items", "aria-label": label });
  const status = h("p", { class: "status", role: "status" });
  const more = h("button", { type: "button", class: "more", hidden: true }, "Load more");
  const element = h("div", { class: "paged" }, list, status, more);
  let cursor = null;

  const entry = (object) => h("li", { tabindex: "-1" }, item(object));

  async function load() {
    more.disabled = true;
    list.setAttribute("aria-busy", "true");
    status.replaceChildren("Loading…");
    try {
      const page = await api.get(url(cursor));
      const entries = page[key].map(entry);
      list.append(...entries);
      cursor = page.next_cursor;
      more.hidden = cursor === null;
      status.replaceChildren(list.children.length === 0 ? empty : "");
      // After "Load more", keyboard users continue from the first new item.
      if (document.activeElement === more) entries[0]?.focus();
    } catch (error) {
      showError(error);
      status.replaceChildren("This list could not be loaded.");
    } finally {
      more.disabled = false;
      list.removeAttribute("aria-busy");
    }
  }

  more.addEventListener("click", load);
  load();

  return {
    element,
    // Shows an item the person just created without reloading the list.
    // Newest-first lists take it at the top; oldest-first lists at the end,
    // unless pages are still to come: it will arrive with the last one.
    add(object, { atStart = true } = {}) {
      if (atStart) list.prepend(entry(object));
      else if (cursor === null) list.append(entry(object));
      status.replaceChildren("");
    },
  };
}
