// Dates as the list and the thread show them. The server sends local times without an offset
// (and with microseconds, which Date does not promise to read): trimmed to milliseconds.

const TIME = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const DAY = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const DAY_WITH_YEAR = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric" });
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function parseDate(text) {
  const date = new Date(String(text).replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Today's time, this year's day, or a day with its year. */
export function shortDate(text, now = new Date()) {
  const date = parseDate(text);
  if (date === null) return "";
  if (date.toDateString() === now.toDateString()) return TIME.format(date);
  return (date.getFullYear() === now.getFullYear() ? DAY : DAY_WITH_YEAR).format(date);
}

export function fullDate(text) {
  const date = parseDate(text);
  return date === null ? "" : FULL.format(date);
}

/** For a <time datetime>: the value as the server sent it, which is valid there. */
export function machineDate(text) {
  return parseDate(text) === null ? null : String(text).replace(/(\.\d{3})\d+/, "$1");
}
