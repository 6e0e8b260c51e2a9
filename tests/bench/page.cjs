// SPDX-License-Identifier: MIT
/* page.cjs MEND OUTDIR - the page of `mend export --html` (make bench): its
 * size for one bundled story and for the library, and the time from opening
 * the file to the first question in headless Chromium, beside the same
 * figure for a plain static HTML page of the same size (its text inline, no
 * script): what the engine and its start cost above reading that many bytes.
 * Best of REPS runs, each in a fresh browser context. Prints; never fails. */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
let chromium;
try {
  ({ chromium } = require(path.join(__dirname, "..", "web", "node_modules", "playwright-core")));
} catch (e) {
  console.log("   (no playwright-core: sh tools/install-deps.sh test installs it)");
  process.exit(0);
}
const [mend, out] = process.argv.slice(2);
const reps = Number(process.env.BENCH_REPS || 5);

/* A static page of `size` bytes: its bulk as paragraphs of text (laid out),
 * or (inert) as a data block the browser reads and does not lay out, as the
 * exported page carries its engine and stories. */
function plainPage(file, size, inert) {
  const para = "<p>Friday, 9:30 p.m. You're scrolling your own feed. It's been quiet since the breakup.</p>\n";
  let body = "";
  while (body.length < size - 400) body += para;
  if (inert) body = '<script type="application/octet-stream">' + body.replace(/</g, "&lt;") + "</script>";
  fs.writeFileSync(file, ("<!doctype html><html lang=en><meta charset=utf-8><title>plain</title>" +
    "<h1>A plain page</h1>\n<p id=q>How strong is the pull?</p>\n" + body + "</html>\n"));
}

async function firstQuestion(browser, file, selector) {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto("file://" + file + "?seed=1", { waitUntil: "commit" });
    await page.waitForSelector(selector, { state: "visible" });
    best = Math.min(best, Date.now() - t0);
    await ctx.close();
  }
  return best;
}

(async () => {
  fs.mkdirSync(out, { recursive: true });
  const pages = [["one story (stories/posting.xml)", ["stories/posting.xml"], "posting.html"],
    ["the library (stories/)", ["--library", "stories"], "library.html"]];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    for (const [what, args, name] of pages) {
      const file = path.resolve(out, name);
      const r = spawnSync(mend, ["export", "--html", ...args, "-o", file], { encoding: "utf8" });
      if (r.status !== 0) {
        console.log(`   ${what}: not exported (${r.stderr.trim()})`);
        continue;
      }
      const size = fs.statSync(file).size;
      const plain = path.resolve(out, "plain-" + name), inert = path.resolve(out, "inert-" + name);
      plainPage(plain, size, false);
      plainPage(inert, size, true);
      const sel = name === "library.html" ? "#library-list button" : "#controls label, #controls button";
      const t = await firstQuestion(browser, file, sel);
      const p = await firstQuestion(browser, plain, "#q");
      const q = await firstQuestion(browser, inert, "#q");
      const x = (a, b) => "x" + (a / Math.max(b, 1)).toFixed(1);
      console.log(`   ${what}: ${(size / 1024).toFixed(0)} KiB`);
      console.log(`     first ${name === "library.html" ? "menu" : "question"} ${t} ms; a static page of the same size, ` +
        `as paragraphs: ${p} ms (${x(t, p)}), as an inert data block: ${q} ms (${x(t, q)})`);
    }
  } catch (e) {
    console.log("   (the browser could not be run: " + e.message.split("\n")[0] + ")");
  } finally {
    await browser.close();
  }
})();
