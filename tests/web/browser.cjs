// SPDX-License-Identifier: MIT
/* browser.cjs - the page of `mend export --html` in headless Chromium
 * (Debian's, driven by playwright-core), against `mend play --plain`.
 *
 * node tests/web/browser.cjs MEND SHOTS STORY... : for each story, exports
 * the page, opens it from a file:// address with a fixed seed (?seed=N),
 * and plays it as a person would: choices are clicked by their visible
 * names, questions answered in the field their label names, yes/no by the
 * Yes and No buttons, a support screen gone on from by "Go on with the
 * scenario". What the page shows is written down step by step; the same
 * answers are then typed into `MEND play --plain --no-save --seed N`, and
 * both transcripts must be equal after the normalisation of layout in
 * normalise.cjs. Every request the page makes that is not its own file is
 * a failure, and so is any error on the console.
 *
 * Then, on a bundled story and the library page: autosave (a reload resumes
 * at the same question), Back, the journal and its Markdown download,
 * "Forget everything", the keyboard alone, axe-core (no violations, light
 * and dark), 320 px without sideways scrolling, and screenshots at 375x667
 * and 1280x800 into SHOTS. Prints TAP. */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");
const { chromium } = require("playwright-core");
const { normalise, answerFor } = require("./normalise.cjs");

const [mend, shots, ...stories] = process.argv.slice(2);
const root = path.join(__dirname, "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mend-web."));
let n = 0, failed = 0;
function tap(ok, name, detail) {
  n++;
  if (!ok) failed++;
  console.log(`${ok ? "ok" : "not ok"} ${n} - ${name}`);
  if (!ok && detail) console.log(String(detail).split("\n").slice(0, 40).map((l) => "#   " + l).join("\n"));
}

function exportPage(args, out) {
  const r = spawnSync(mend, ["export", "--html", ...args, "-o", out], { encoding: "utf8" });
  return { ok: r.status === 0, status: r.status, stderr: r.stderr };
}

/* a page with its problems collected: requests elsewhere, console errors */
async function openPage(ctx, file, query) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(10000);
  page.problems = [];
  page.on("console", (m) => { if (m.type() === "error") page.problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => page.problems.push("error: " + e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("file://") && !u.startsWith("data:")) page.problems.push("request: " + u);
  });
  await page.goto("file://" + file + (query || ""));
  return page;
}

/* What the page shows now that it did not show before: the new steps of the
 * log, then what the controls say (a question, the choices, an ending). */
async function shownSince(page, seen) {
  return page.evaluate((seen) => {
    const out = [];
    const steps = [...document.querySelectorAll("#log > .step")];
    for (const s of steps.slice(seen)) out.push(...s.innerText.split("\n"));
    const c = document.getElementById("controls");
    for (const e of c.querySelectorAll(".said")) out.push(...e.innerText.split("\n"));
    for (const b of c.querySelectorAll("ol.choices button")) out.push(b.innerText);
    return { lines: out, steps: steps.length };
  }, seen);
}

/* The state of the page: what it waits for. */
async function pending(page) {
  return page.evaluate(() => {
    const c = document.getElementById("controls");
    const screen = document.querySelector("#log > .step:last-child .screen") &&
      c.querySelector("ol.choices button") &&
      /Go on with the scenario/.test(c.innerText);
    if (screen) return { kind: "screen" };
    if (c.querySelector("fieldset")) {
      const legend = c.querySelector("legend").innerText;
      return { kind: "ask", question: { kind: "yesno", legend } };
    }
    const f = c.querySelector("#answer");
    if (f) {
      const label = c.querySelector("label[for=answer]").innerText;
      return { kind: "ask", question: { kind: f.tagName === "TEXTAREA" ? "text" : "scale",
        min: Number(f.min), max: Number(f.max), label } };
    }
    const choices = [...c.querySelectorAll("ol.choices button")].map((b) => b.innerText);
    if (choices.length) return { kind: "choice", choices };
    if (c.querySelector(".ending-title")) return { kind: "end" };
    if (c.querySelector("button.primary") && c.innerText.trim() === "Go on") return { kind: "auto" };
    return { kind: "error" };
  });
}

async function playInPage(page) {
  const shown = [await page.locator("#story-title").innerText()];
  const answers = [];
  let seen = 0, k = 0, p;
  for (let guard = 0; guard < 200; guard++) {
    const s = await shownSince(page, seen);
    seen = s.steps;
    p = await pending(page);
    shown.push(...s.lines);
    if (p.kind === "end" || p.kind === "error" || k >= 80) break;
    if (p.kind === "screen") {
      answers.push("1");
      await page.getByRole("button", { name: "Go on with the scenario", exact: true }).click();
      continue;
    }
    if (p.kind === "auto") {
      await page.getByRole("button", { name: "Go on", exact: true }).click();
      continue;
    }
    const a = answerFor(p.kind === "choice" ? { pending: "choice", choices: p.choices }
      : { pending: "ask", question: p.question }, k++);
    if (p.kind === "choice") {
      const name = p.choices[a.index];
      const same = p.choices.slice(0, a.index).filter((c) => c === name).length;
      answers.push(a.typed);
      await page.getByRole("button", { name, exact: true }).nth(same).click();
    } else if (p.question.kind === "yesno") {
      answers.push(a.typed);
      await page.getByRole("button", { name: a.typed === "yes" ? "Yes" : "No", exact: true }).click();
    } else {
      answers.push(a.typed);
      await page.getByLabel(p.question.label, { exact: true }).fill(a.typed);
      await page.getByRole("button", { name: "Answer", exact: true }).click();
    }
  }
  return { shown, answers, end: p.kind };
}

function plain(story, seed, answers) {
  const r = spawnSync(mend, ["play", "--plain", "--no-save", "--seed", String(seed), story],
    { input: answers.join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 28,
      env: { ...process.env, MEND_COUNTRY: "US" } });
  return r.stdout.split("\n");
}

function compare(want, got) {
  if (want.join("\n") === got.join("\n")) return "";
  let i = 0;
  while (i < want.length && want[i] === got[i]) i++;
  return `first difference at line ${i + 1} of ${want.length}:\n  mend play: ${want[i]}\n  the page:  ${got[i]}\n` +
    `before it: ${want.slice(Math.max(0, i - 3), i).join(" | ")}`;
}

async function transcripts(browser) {
  for (const story of stories) {
    const name = path.relative(root, path.resolve(story));
    const file = path.join(tmp, name.replace(/[/]/g, "_") + ".html");
    const lint = spawnSync(mend, ["lint", story], { encoding: "utf8" });
    const ex = exportPage([story], file);
    if (!ex.ok) {
      /* a story with errors is not exported: only where lint finds errors */
      tap(ex.status === 1 && lint.status === 1, `${name}: not exported, as lint finds errors in it`,
        `export status ${ex.status}, lint status ${lint.status}: ${ex.stderr}`);
      continue;
    }
    /* one seed here (the engine's own test plays seeds 1 and 7 of each) */
    for (const seed of [1]) {
      /* the browser says en-US; the terminal is told US */
      const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: "en-US" });
      const page = await openPage(ctx, file, `?seed=${seed}`);
      let run;
      try {
        run = await playInPage(page);
      } catch (e) {
        tap(false, `${name} (seed ${seed}): played in the page`, e.stack || e);
        await ctx.close();
        continue;
      }
      const want = normalise(plain(story, seed, run.answers), true);
      const got = normalise(run.shown, false);
      tap(!compare(want, got) && !page.problems.length,
        `${name} (seed ${seed}, ${run.answers.length} answers, ${run.end}): the page shows what mend play --plain shows, and asks nothing of the network`,
        compare(want, got) + page.problems.join("\n"));
      await ctx.close();
    }
  }
}

/* ---- what a person does besides playing --------------------------------- */
async function behaviour(browser) {
  const story = path.join(root, "stories", "posting.xml");
  const file = path.join(tmp, "posting.html");
  const ex = exportPage([story], file);
  tap(ex.ok, "mend export --html stories/posting.xml writes the page", ex.stderr);
  if (!ex.ok) return;
  const html = fs.readFileSync(file, "utf8");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  tap(csp && /default-src 'none'/.test(csp[1]) && !/https?:|\*/.test(csp[1]) &&
    !/<script[^>]+src=|<link[^>]+href=/i.test(html),
    "the page's Content-Security-Policy allows no request, and it loads nothing from elsewhere",
    csp ? csp[1] : "no policy");

  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, acceptDownloads: true, reducedMotion: "reduce" });
  let page = await openPage(ctx, file, "?seed=3");
  /* a scale question first: answer it, then reload */
  const label = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(label, { exact: true }).fill("12");
  await page.getByRole("button", { name: "Answer", exact: true }).click();
  const refused = await page.locator("#controls .problem").innerText().catch(() => "");
  tap(/outside the scale/.test(refused), "an answer outside the scale is refused in the player's words", refused);
  await page.getByLabel(label, { exact: true }).fill("7");
  await page.keyboard.press("Enter");
  const question = await page.locator("#controls").innerText();
  await page.reload();
  const again = await page.locator("#controls").innerText();
  const status = await page.locator("#status").innerText();
  tap(again === question && /Welcome back/.test(status),
    "reloaded mid-story, the page resumes at the same question", `before: ${question}\nafter: ${again}\n${status}`);

  /* Back: the first question again */
  await page.getByRole("button", { name: "Back", exact: true }).click();
  const back = await page.locator("#controls").innerText();
  tap(back.includes(label.split("[")[0].trim()), "Back goes back to the last decision", back);

  await page.screenshot({ path: path.join(shots, "page-375x667.png"), fullPage: false });
  tap(!page.problems.length, "no request elsewhere and no error on the console", page.problems.join("\n"));
  await page.close();

  /* the README's picture (docs/export-page.png is a copy of this shot): a
   * choice made, its feedback set apart with no tone word, the next choices */
  page = await openPage(ctx, file, "?seed=3");
  await page.getByLabel(label, { exact: true }).fill("7");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "A quote that says it all" }).click();
  const shown = await page.locator("main").innerText();
  tap(!/\[(positive|neutral|caution|negative)\]/.test(shown),
    "a feedback on the page carries no tone word", shown);
  await page.screenshot({ path: path.join(shots, "readme-375x667.png"), fullPage: false });
  await page.close();

  /* the journal: a story whose first question is written in it */
  const jfile = path.join(tmp, "questions.html");
  const jx = exportPage([path.join(root, "tests", "e2e", "fixtures", "safety.xml")], jfile);
  if (!jx.ok) return tap(false, "the safety fixture exports", jx.stderr);
  page = await openPage(ctx, jfile, "?seed=3");
  const jlabel = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(jlabel, { exact: true }).fill("A walk by the river, and my sister's call");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Journal", exact: true }).click();
  const j = await page.locator("#journal").innerText();
  tap(j.includes("A walk by the river, and my sister's call"), "the journal shows what was written", j);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the journal (Markdown)" }).click(),
  ]);
  const md = fs.readFileSync(await download.path(), "utf8");
  tap(download.suggestedFilename() === "mend-journal.md" && /^# My mend journal\n\n## .* — A check-in\n/.test(md) &&
    md.includes("A walk by the river, and my sister's call"),
    "the journal downloads as Markdown", download.suggestedFilename() + "\n" + md);
  const whens = [...md.matchAll(/^## (\d{4}-\d\d-\d\d \d\d:\d\d) — /gm)].map((m) => m[1]);
  tap(whens.length > 0 && whens.every((w, i) => i === 0 || whens[i - 1] <= w),
    "... oldest first, each entry's local time as mend journal --export writes it", md);
  await page.getByRole("button", { name: "Close the journal" }).click();

  /* Forget everything */
  await page.getByRole("button", { name: "Your data", exact: true }).click();
  await page.getByRole("button", { name: "Forget everything on this device" }).click();
  await page.getByRole("button", { name: "Yes, forget everything" }).click();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mend:")));
  await page.reload();
  const st2 = await page.locator("#status").innerText();
  const jr = await page.evaluate(() => localStorage.getItem("mend:journal"));
  tap(!kept.length && !/Welcome back/.test(st2) && !jr,
    "Forget everything leaves no journal and no place kept (the page starts again)", kept.join(", ") + " " + st2);
  tap(!page.problems.length, "no request elsewhere and no error on the console", page.problems.join("\n"));
  await ctx.close();
}

async function safetyScreen(browser) {
  const story = path.join(root, "tests", "e2e", "fixtures", "safety.xml");
  const file = path.join(tmp, "safety.html");
  if (!exportPage([story], file).ok) return tap(false, "the safety fixture exports");
  const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: "en-GB", reducedMotion: "reduce" });
  const page = await openPage(ctx, file, "?seed=1");
  const label = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(label, { exact: true }).fill("i cant do this anymore, i want to die");
  await page.getByRole("button", { name: "Answer", exact: true }).click();
  const screen = await page.locator("#log .screen").last().innerText().catch(() => "");
  const want = execFileSync(mend, ["support", "--country", "GB"], { encoding: "utf8" });
  const line = want.split("\n").find((l) => /Samaritans/.test(l)) || "";
  tap(/mend is not a crisis service/.test(screen) && screen.includes(line.trim()) && line,
    "crisis words typed in the page bring the support screen, with the lines of the browser's country (GB)", screen);
  await page.screenshot({ path: path.join(shots, "support-375x667.png") });
  await page.getByRole("button", { name: "Go on with the scenario" }).click();
  await page.getByRole("button", { name: "People to talk to", exact: true }).click();
  await page.getByLabel("Your country, for these lines").selectOption({ label: "United States" });
  const us = await page.locator("#support-text").innerText();
  tap(/988/.test(us), "the helplines change with the country chosen", us);
  /* the screen shown, a <support/> later (an urge of 10): the short reminder, not the screen */
  await page.locator("#support button.close").click();
  const scale = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(scale, { exact: true }).fill("10");
  await page.getByRole("button", { name: "Answer", exact: true }).click();
  const again = "That sounds heavy again. The helplines from before are still here: choose People to talk to, at the top of the page.";
  const notes = await page.locator("#log p.note").allInnerTexts();
  const screens = await page.locator("#log .screen").count();
  tap(notes.includes(again) && screens === 1,
    "support asked for again after the screen: the short reminder, naming People to talk to", notes.join("\n") + "\nscreens: " + screens);
  await ctx.close();
}

/* a browser that refuses to keep anything: the screen's pause and stop say
 * so, instead of "your place is kept" */
async function nothingKept(browser) {
  const file = path.join(tmp, "safety-nothing-kept.html");
  if (!exportPage([path.join(root, "tests", "e2e", "fixtures", "safety.xml")], file).ok)
    return tap(false, "the safety fixture exports");
  const ctx = await browser.newContext({ locale: "en-GB", reducedMotion: "reduce" });
  await ctx.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException("refused", "SecurityError"); };
  });
  const page = await openPage(ctx, file, "?seed=1");
  const label = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(label, { exact: true }).fill("i cant do this anymore, i want to die");
  await page.getByRole("button", { name: "Answer", exact: true }).click();
  const names = await page.locator("#controls ol.choices button").allInnerTexts();
  await page.getByRole("button", { name: /^Pause here/ }).click();
  const said = await page.locator("#controls").innerText();
  tap(!names.some((n) => /place is kept/.test(n)) && /keeps nothing/.test(names.join("\n")) &&
    !/Your place is kept/.test(said) && /lasts only while it is open/.test(said),
    "where the browser keeps nothing, the support screen's pause does not promise to keep the place", names.join("\n") + "\n" + said);
  await ctx.close();
}

/* a <contact/>: the day is kept, said, and counted in the journal panel */
async function contact(browser) {
  const file = path.join(tmp, "contact.html");
  if (!exportPage([path.join(root, "tests", "e2e", "fixtures", "contact.xml")], file).ok)
    return tap(false, "the contact fixture exports");
  const ctx = await browser.newContext({ reducedMotion: "reduce" });
  const page = await openPage(ctx, file, "?seed=1");
  const label = await page.locator("label[for=answer]").innerText();
  await page.getByLabel(label, { exact: true }).fill("8");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "I sent it", exact: true }).click();
  const said = await page.locator("#log").innerText();
  const kept = await page.evaluate(() => localStorage.getItem("mend:contacts"));
  await page.getByRole("button", { name: "Journal", exact: true }).click();
  const j = await page.locator("#journal").innerText();
  tap(/Noted for your count of days without contact; the journal shows it/.test(said) &&
    kept === JSON.stringify([new Date().toISOString().slice(0, 10)]) && /Your count of days without contact starts again today/.test(j),
    "a <contact/> is said, its day kept in the browser, and the journal counts from it", `${kept}\n${j}`);
  await ctx.close();
}

async function accessibility(browser) {
  const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const libFile = path.join(tmp, "library.html");
  const ex = exportPage(["--library", path.join(root, "stories")], libFile);
  tap(ex.ok, "mend export --html --library stories writes the library's page", ex.stderr);
  for (const scheme of ["light", "dark"]) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, reducedMotion: "reduce" });
    const page = await openPage(ctx, libFile, "?seed=2");
    const states = [];
    const check = async (what) => {
      /* axe runs through the DevTools protocol: the page's own policy
       * rightly refuses scripts it does not know */
      const r = await page.evaluate(`(async () => { ${axe}; return axe.run(document, { resultTypes: ["violations"] }); })()`)
        .catch(async () => {
          const cdp = await ctx.newCDPSession(page);
          const res = await cdp.send("Runtime.evaluate", { expression: `(async () => { ${axe}; const r = await axe.run(document, { resultTypes: ["violations"] }); return JSON.stringify(r.violations); })()`, awaitPromise: true, returnByValue: true });
          return { violations: JSON.parse(res.result.value) };
        });
      states.push(`${what}: ${r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help} ${v.nodes.map((x) => x.target).join(" ")}`).join("; ") || "none"}`);
      return r.violations.length;
    };
    let bad = await check("the menu");
    if (scheme === "light") await page.screenshot({ path: path.join(shots, "library-1280x800.png") });
    await page.locator("#library-list button").first().click();
    bad += await check("a scenario");
    if (scheme === "light") await page.screenshot({ path: path.join(shots, "page-1280x800.png") });
    if (scheme === "dark") await page.screenshot({ path: path.join(shots, "page-dark-1280x800.png") });
    await page.getByRole("button", { name: "Your data", exact: true }).click();
    await page.getByRole("button", { name: "People to talk to", exact: true }).click();
    await page.getByRole("button", { name: "Journal", exact: true }).click();
    bad += await check("the panels open");
    tap(bad === 0, `axe-core finds no violations (${scheme}): the menu, a scenario, the panels`, states.join("\n"));
    tap(!page.problems.length, `the library's page (${scheme}) asks nothing of the network and logs no error`, page.problems.join("\n"));
    await ctx.close();
  }

  /* 320 px: nothing wider than the screen */
  const ctx = await browser.newContext({ viewport: { width: 320, height: 640 }, reducedMotion: "reduce" });
  const page = await openPage(ctx, libFile, "?seed=2");
  await page.locator("#library-list button").first().click();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  tap(wide <= 320, "at 320 px wide the page needs no sideways scrolling", `scrollWidth ${wide}`);
  await page.screenshot({ path: path.join(shots, "page-320.png"), fullPage: true });

  /* the keyboard alone: focus is at what the story asks; type, Enter */
  const focused = await page.evaluate(() => !!document.activeElement.closest("#controls"));
  const before = await page.locator("#log .step").count();
  const p0 = await pending(page);
  if (p0.kind === "ask" && p0.question.kind !== "yesno")
    await page.keyboard.type(p0.question.kind === "scale" ? String(p0.question.min) : "ok");
  await page.keyboard.press("Enter");
  const moved = (await page.locator("#log .step").count()) > before;
  const active = await page.evaluate(() => document.activeElement.closest("#controls") ? "controls" : document.activeElement.tagName);
  tap(focused && moved && active === "controls",
    "from the keyboard alone: focus starts at what the story asks, Enter answers, focus moves to the next thing asked",
    `focused ${focused}, moved ${moved}, now at ${active}`);
  await ctx.close();
}

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    await transcripts(browser);
    await behaviour(browser);
    await safetyScreen(browser);
    await nothingKept(browser);
    await contact(browser);
    await accessibility(browser);
  } catch (e) {
    tap(false, "the browser tests ran to the end", e.stack || e);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})();
