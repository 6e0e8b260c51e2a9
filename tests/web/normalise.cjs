// SPDX-License-Identifier: MIT
/* normalise.js - what the "same transcript" tests compare, and how.
 *
 * `mend play --plain` and the page show the same text; they lay it out
 * differently. Before comparing, both sides are reduced to their lines of
 * text, and these differences of layout are removed (web/README.md lists them
 * for people):
 *   - blank lines, and spaces at the start and end of a line (indentation);
 *   - the line of '=' under the title (the page's title is a heading);
 *   - the stars around an ending's heading, "*** The end: X ***" (the page's
 *     is a heading: "The end: X");
 *   - a choice's number, "  2) " (the page's choices are a numbered list of
 *     buttons);
 *   - on the terminal's side only, what a terminal needs and a page does not:
 *     the answers it echoes ("> 3"), its note on typing answers ("(Type your
 *     answer on one line; :example shows an example.)"), "(Going on. :support
 *     shows these lines again at any time.)" after a support screen;
 *   - what the terminal says to type when the story cannot go on (:back,
 *     :restart, :quit: the page has buttons for them), and its reminder
 *     "Type :back, :restart or :quit.";
 *   - on the page's side only, its note that a <contact/> was kept for the
 *     count of days ("(Noted for your count of days ..."): the page keeps
 *     it, and `mend play --no-save` keeps nothing, so says nothing;
 *   - the support screen's choices: the page keeps the place and the journal,
 *     `mend play --no-save` neither, and offers only to go on or to stop;
 *   - how to choose another country for the helplines: the terminal names
 *     `mend support --country` or MEND_COUNTRY, the page a list below the
 *     screen; the sentence is cut from both;
 *   - how to see the helplines again, in the short reminder of support
 *     shown before: the terminal names :support, the page its "People to
 *     talk to" button; cut from both.
 */
"use strict";

const runsText = (runs) => runs.map((r) => r[0]).join("");

/* The lines of a view, as the page shows them: its blocks (a support
 * screen with its choices where it comes), then the question, choices or
 * ending. */
function viewLines(v) {
  const out = [];
  for (const b of v.blocks) {
    if (b.kind === "support") out.push(...b.support.text.split("\n"), ...b.support.choices.split("\n"));
    else if (b.kind === "text") out.push(runsText(b.runs));
    else if (b.kind === "feedback") out.push(b.lead + runsText(b.runs));
    else if (b.kind === "note") {
      out.push(b.text);
      if (b.runs.length) out.push(runsText(b.runs));
    } else if (b.kind === "unread" || b.kind === "again") out.push(b.text);
  }
  if (v.pending === "ask") out.push(runsText(v.question.runs) + v.question.range);
  if (v.pending === "choice") for (const c of v.choices) out.push(runsText(c.runs));
  if (v.pending === "end") {
    out.push(v.ending.heading);
    /* (no heading over an empty summary, as the terminal) */
    if (v.ending.summary) out.push("Summary", ...v.ending.summary.split("\n"));
  }
  if (v.pending === "error") out.push(v.stuck);
  return out;
}

const sentences = ["I am sorry for how I hurt you, and I wish you well.",
  "please please just answer me", "I miss the walks we took on Sundays",
  "It was my decision too, and I can live with it."];

/* The answer the tests give at step k: a choice by a fixed rule, a number
 * across the scale, yes and no in turn, sentences in turn. */
function answerFor(v, k) {
  if (v.pending === "choice") {
    const index = (k * 7 + 3) % v.choices.length;
    return { index, typed: String(index + 1) };
  }
  const q = v.question;
  if (q.kind === "scale") return { typed: String(q.min + ((k * 3) % (q.max - q.min + 1))) };
  if (q.kind === "yesno") return { typed: k % 2 ? "yes" : "no" };
  return { typed: sentences[k % sentences.length] };
}

const countryHow = [
  /* (mend names itself as it was run: build/mend when it is not on PATH) */
  [/\. For another country: .*\S support --country and its two-letter code\.\)$/, ".)"],
  [/\. For another country, choose it below\.\)$/, ".)"],
  [/^\(mend does not know your country\..*\)$/, "(mend does not know your country.)"],
  [/ yet\. The lines above are for anywhere(; you can choose another country below)?\.\)$/, " yet.)"],
];

function normalise(lines, terminal) {
  const out = [];
  for (let line of lines) {
    line = line.trim();
    if (!line || /^=+$/.test(line)) continue;
    if (terminal && (line.startsWith("> ") || line === ">" ||
        line === "(To go on to a new line, end the line with \\; :example shows an example.)" ||
        line.startsWith("(Going on. :support shows these lines again"))) continue;
    line = line.replace(/^\d+\) /, "");
    line = line.replace(/^\*\*\* (The end: .*) \*\*\*$/, "$1");
    if (terminal && line.startsWith("The story cannot go on from here. Type :"))
      line = "The story cannot go on from here.";
    if (!terminal && line.startsWith("(Noted for your count of days ")) continue;
    /* the page keeps the place and the journal; `mend play --no-save` keeps
     * neither, so its support screen offers to go on or to stop */
    if (!terminal && line === "Pause here: your place is kept, and you can come back later")
      line = "Stop here (this session is not being saved)";
    if (!terminal && line === "Stop this scenario (your journal keeps what you wrote)") continue;
    if (terminal && /^Type :[a-z]+(, :[a-z]+)* or :[a-z]+\.$/.test(line)) continue;
    /* the terminal's last words name its commands; the page has its buttons */
    if (terminal && line.startsWith("When you are ready: ")) continue;
    /* --no-save keeps no journal; the page's journal keeps every answer */
    line = line.replace(/^\(Your last version[.,] .*\)$/, "(Your last version.)");
    for (const [re, to] of countryHow) line = line.replace(re, to);
    line = line.replace(/^(That sounds \w+ again\. The helplines from before are still here): .*$/, "$1.");
    line = line.replace(/^(To see the helplines again), .*$/, "$1.");
    out.push(line);
  }
  return out;
}

module.exports = { normalise, viewLines, answerFor };
