// "3 min ago" for recent times, a date for older ones, inside a <time> element
// whose datetime attribute keeps the exact moment for machines.
import { h } from "./dom.js";

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

function describe(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  if (Math.abs(seconds) < 60) return "just now";
  if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (Math.abs(seconds) < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  return dateOnly.format(date);
}

export function timeAgo(timestamp) {
  const date = new Date(timestamp);
  return h("time", { datetime: timestamp, title: full.format(date) }, describe(date));
}
