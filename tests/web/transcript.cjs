// SPDX-License-Identifier: MIT
/* transcript.cjs - the engine in WebAssembly against the native one.
 *
 * node tests/web/transcript.cjs WASM MEND STORY... : for each story, exports
 * its image with `MEND export --image`, plays it in mend.wasm (web/engine.js,
 * as the page does) with a fixed seed and answers chosen by a fixed rule,
 * writes down what it shows and the answers it gave, then feeds the same
 * answers to `MEND play --plain --no-save --seed N` and checks that both
 * show the same text, after the normalisation of layout in normalise.cjs.
 * Prints TAP. */
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");
const { mendEngine } = require("../../web/engine.js");
const { normalise, viewLines, answerFor } = require("./normalise.cjs");

const [wasmPath, mend, ...stories] = process.argv.slice(2);
const root = path.join(__dirname, "..", "..");
let n = 0, failed = 0;
function tap(ok, name, detail) {
  n++;
  if (!ok) failed++;
  console.log(`${ok ? "ok" : "not ok"} ${n} - ${name}`);
  if (!ok && detail) console.log(detail.split("\n").map((l) => "# " + l).join("\n"));
}

function engine() {
  const e = mendEngine(fs.readFileSync(wasmPath));
  const read = (f) => fs.readFileSync(path.join(root, f), "utf8");
  for (const [kind, f] of [[0, "stories/lang/en.words"], [1, "stories/safety/en.lexicon"],
    [2, "stories/safety/resources"]]) {
    const r = e.data(kind, read(f));
    if (!r.ok) throw new Error(f + ": " + r.errors.join("; "));
  }
  return e;
}

/* Plays a story in the engine: the lines shown, and the answers typed. */
function playWasm(e, index, seed) {
  const shown = [], answers = [];
  let v = e.start(index, seed);
  shown.push(v.title);
  for (let k = 0; k < 80; k++) {
    shown.push(...viewLines(v));
    /* each support screen's first choice: go on */
    for (const b of v.blocks) if (b.kind === "support") answers.push("1");
    if (v.pending === "end" || v.pending === "error") return { shown, answers, v };
    if (v.pending === "auto") {
      v = e.cont();
      continue;
    }
    const a = answerFor(v, k);
    answers.push(a.typed);
    const r = v.pending === "choice" ? e.choose(a.index) : e.answer(a.typed);
    if (!r.ok) throw new Error(`answer '${a.typed}' refused: ${r.problem}`);
    v = r;
  }
  shown.push(...viewLines(v));
  return { shown, answers, v };
}

const e = engine();
for (const story of stories) {
  const name = path.relative(root, path.resolve(story));
  let image;
  try {
    image = execFileSync(mend, ["export", "--image", story], { maxBuffer: 1 << 28 });
  } catch (err) {
    /* a story with errors is not exported: only where lint finds errors */
    const lint = spawnSync(mend, ["lint", story]);
    tap(err.status === 1 && lint.status === 1, `${name}: not exported, as lint finds errors in it`,
      `export status ${err.status}, lint status ${lint.status}: ${err.stderr}`);
    continue;
  }
  const added = e.story(new Uint8Array(image));
  if (!added.ok) {
    tap(false, `${name}: its image loads in mend.wasm`, added.errors.join("\n"));
    continue;
  }
  for (const seed of [1, 7]) {
    let run;
    try {
      run = playWasm(e, added.index, seed);
    } catch (err) {
      tap(false, `${name} (seed ${seed}): played in mend.wasm`, String(err.stack || err));
      continue;
    }
    const plain = spawnSync(mend, ["play", "--plain", "--no-save", "--seed", String(seed), story],
      { input: run.answers.join("\n") + "\n", env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "" },
        maxBuffer: 1 << 28 });
    const want = normalise(plain.stdout.toString("utf8").split("\n"), true);
    const got = normalise(run.shown, false);
    let detail = "";
    if (want.join("\n") !== got.join("\n")) {
      let i = 0;
      while (i < want.length && want[i] === got[i]) i++;
      detail = `first difference at line ${i + 1}:\n  mend play: ${want[i]}\n  mend.wasm: ${got[i]}`;
    }
    tap(!detail, `${name} (seed ${seed}, ${run.answers.length} answers, ${run.v.pending}): ` +
      "mend.wasm shows what mend play --plain shows", detail);
  }
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
