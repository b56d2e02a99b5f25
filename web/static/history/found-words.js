// The words a search found, marked where they occur in a message on screen. The words are those
// the server marked in the hit's snippet (between U+E000 and U+E001): exactly what matched,
// whole words and the word being typed alike.

import { h } from "../lib/dom.js";

const MARK_START = "\uE000";
const MARK_END = "\uE001";

/** The distinct marked words of a snippet. */
export function snippetWords(snippet) {
  const words = new Set();
  const pattern = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, "g");
  for (const [, word] of String(snippet || "").matchAll(pattern)) {
    if (word.trim()) words.add(word.trim());
  }
  return [...words];
}

function escaped(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Wraps every occurrence of `words` in the text under `root` in <mark class="hv-found">. */
export function markWords(root, words) {
  if (!root || words.length === 0) return;
  // Longest first, so a word is not cut short by one that starts it.
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(sorted.map(escaped).join("|"), "giu");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      fragment.append(text.slice(last, match.index), h("mark", { class: "hv-found" }, match[0]));
      last = match.index + match[0].length;
    }
    fragment.append(text.slice(last));
    node.replaceWith(fragment);
  }
}
