// SPDX-License-Identifier: MIT
/* page.js - the page of `mend export --html`: draws what the engine
 * (mend.wasm, through engine.js) says to show, passes on what the person
 * does, and keeps their place, journal and country in this browser's
 * storage. Every decision about a story is the engine's: this script only
 * builds the page (DOM, focus) and stores strings. */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const PREFIX = "mend:";

  /* ---- storage: this browser, this file --------------------------------- */
  const store = {
    ok: (() => {
      try {
        localStorage.setItem(PREFIX + "probe", "1");
        localStorage.removeItem(PREFIX + "probe");
        return true;
      } catch (e) {
        return false;
      }
    })(),
    get(k) {
      try { return localStorage.getItem(PREFIX + k); } catch (e) { return null; }
    },
    set(k, v) { /* whether it was kept: full or refused is false */
      try {
        localStorage.setItem(PREFIX + k, v);
        return true;
      } catch (e) {
        return false;
      }
    },
    del(k) {
      try { localStorage.removeItem(PREFIX + k); } catch (e) { /* nothing kept */ }
    },
    forget() {
      try {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const k = localStorage.key(i);
          if (k && k.startsWith(PREFIX)) localStorage.removeItem(k);
        }
      } catch (e) { /* nothing kept */ }
    },
  };

  function status(text) {
    $("status").textContent = text || "";
  }

  /* ---- the engine --------------------------------------------------------- */
  function bytes(b64) {
    const bin = atob(b64.trim());
    const u = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return u;
  }
  const data = JSON.parse($("mend-data").textContent);
  let engine;
  try {
    engine = mendEngine(bytes($("mend-wasm").textContent));
  } catch (e) {
    status("This browser cannot run the scenario (it needs WebAssembly): " + e.message);
    return;
  }
  for (const [kind, text] of [[0, data.words], [1, data.lexicon], [2, data.resources]]) {
    const r = engine.data(kind, text);
    if (!r.ok) console.error("mend: " + r.errors.join("; "));
  }
  for (const image of data.stories) {
    const r = engine.story(bytes(image));
    if (!r.ok) console.error("mend: a scenario could not be read: " + r.errors.join("; "));
  }
  const library = engine.library();

  function seed() {
    const s = params.get("seed");
    if (s !== null && /^\d{1,15}$/.test(s)) return Number(s);
    const r = new Uint32Array(1);
    crypto.getRandomValues(r);
    return r[0];
  }

  /* ---- the country, for the helplines ------------------------------------ */
  const countries = engine.countries();
  function guessCountry() {
    for (const tag of navigator.languages || [navigator.language || ""]) {
      const m = /^[a-z]{2,3}[-_]([A-Za-z]{2})\b/.exec(tag);
      if (m) return m[1].toUpperCase();
    }
    return "";
  }
  function setCountry(code) {
    engine.setCountry(code);
    $("country").value = countries.some((c) => c.code === code) ? code : "";
  }
  (function fillCountries() {
    const sel = $("country");
    const none = document.createElement("option");
    none.value = "";
    none.textContent = "Not listed, or I'd rather not say";
    sel.append(none);
    for (const c of countries) {
      const o = document.createElement("option");
      o.value = c.code;
      o.textContent = c.name;
      sel.append(o);
    }
    setCountry(store.get("country") || guessCountry());
    sel.addEventListener("change", () => {
      store.set("country", sel.value);
      setCountry(sel.value);
      showSupport();
    });
  })();

  /* ---- drawing ------------------------------------------------------------ */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /* a text's runs: [text, style], style 1 emphasis, 2 strong */
  function runs(parent, rs) {
    for (const [text, style] of rs) {
      let node = document.createTextNode(text);
      if (style & 2) { const s = el("strong"); s.append(node); node = s; }
      if (style & 1) { const s = el("em"); s.append(node); node = s; }
      parent.append(node);
    }
    return parent;
  }
  /* lines of the C's plain text (a screen, a summary): a line's leading
   * spaces are its indent */
  function lines(parent, text) {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      parent.append(el("p", /^\s/.test(line) ? "indent" : "", line.trim()));
    }
    return parent;
  }

  const log = $("log"), controls = $("controls");
  let story = -1, view = null, paused = false;
  const storyOf = (i) => library[i] || { id: "", title: "" };

  function step() {
    const s = el("div", "step");
    log.append(s);
    return s;
  }
  function drawBlocks(blocks) {
    const s = step();
    for (const b of blocks) {
      if (b.kind === "text") s.append(runs(el("p"), b.runs));
      else if (b.kind === "feedback") {
        /* set apart by its border; no tone word or colour (page.css) */
        s.append(runs(el("p", "feedback"), b.runs));
      } else if (b.kind === "note") {
        s.append(el("p", "note", b.text));
        if (b.runs.length) s.append(runs(el("p", "note"), b.runs));
      } else if (b.kind === "unread") s.append(el("p", "note", b.text));
      else if (b.kind === "again") s.append(el("p", "note", b.text)); /* support, shown before */
      else if (b.kind === "contact") {
        /* the day the person reached out, for their count of days */
        const day = new Date().toISOString().slice(0, 10);
        const days = contacts();
        if (!days.includes(day)) store.set("contacts", JSON.stringify(days.concat([day])));
        s.append(el("p", "note", b.text));
      }
    }
    if (!s.childNodes.length) s.remove();
  }
  function said(s, text) { /* what the person did, in the log */
    log.append(el("p", "you", text));
  }

  function focusFirst() {
    const f = controls.querySelector("textarea, input, button, select");
    (f || controls).focus();
  }

  function keep() {
    if (story < 0 || !view || !view.ok) return;
    store.set("save:" + storyOf(story).id, engine.save());
  }

  function contacts() {
    try { return JSON.parse(store.get("contacts") || "[]"); } catch (e) { return []; }
  }
  function journal() {
    try { return JSON.parse(store.get("journal") || "[]"); } catch (e) { return []; }
  }
  function addJournal(prompt, text) {
    const j = journal();
    const st = storyOf(story);
    j.push({ when: new Date().toISOString(), story: st.id, title: st.title, prompt, text });
    store.set("journal", JSON.stringify(j));
  }

  /* the support screen, then its three choices */
  function drawScreen(support, after) {
    const s = step();
    s.append(lines(el("div", "screen"), support.text));
    controls.replaceChildren();
    const [question, ...choices] = support.choices.split("\n");
    controls.append(el("p", "said", question));
    const ol = el("ol", "choices");
    const acts = [
      () => { status(""); after(); },
      () => {
        paused = true;
        const kept = store.set("paused:" + storyOf(story).id, JSON.stringify(support));
        controls.replaceChildren(el("p", "status-line", kept
          ? "Your place is kept. Open this page again when you want to go on."
          : "This browser keeps nothing for this page, so your place lasts only while it is open. Come back to this tab when you want to go on."));
        const b = el("button", "primary", "Go on now");
        b.type = "button";
        b.addEventListener("click", () => {
          paused = false;
          store.del("paused:" + storyOf(story).id);
          after();
        });
        controls.append(b);
        b.focus();
      },
      () => {
        store.del("save:" + storyOf(story).id);
        store.del("paused:" + storyOf(story).id);
        view = null;
        controls.replaceChildren(el("p", "", store.ok ? "This scenario is stopped. Your journal keeps what you wrote."
          : "This scenario is stopped. This browser keeps nothing for this page, so what you wrote lasts only while it is open."));
        finishButtons();
        focusFirst();
      },
    ];
    choices.forEach((c, i) => {
      let label = c.replace(/^\s*\d+\)\s*/, "");
      /* a browser that keeps nothing cannot keep a place either */
      if (i === 1 && !store.ok) label = "Pause here, with this page left open (this browser keeps nothing for it)";
      const b = el("button", "", label);
      b.type = "button";
      b.addEventListener("click", acts[i] || acts[0]);
      const li = el("li");
      li.append(b);
      ol.append(li);
    });
    controls.append(ol);
    focusFirst();
  }

  function finishButtons() {
    const row = el("div", "row");
    const again = el("button", "primary", "Start this scenario again");
    again.type = "button";
    again.addEventListener("click", restart);
    row.append(again);
    if (library.length > 1) {
      const other = el("button", "", "Choose another scenario");
      other.type = "button";
      other.addEventListener("click", showLibrary);
      row.append(other);
    }
    controls.append(row);
  }

  /* A new view from the engine: draws it, keeps it, asks what comes next.
   * A support screen among its blocks is shown where it comes, and the rest
   * once the person goes on (`from`: the block to go on from). */
  function show(v, from) {
    if (!v.ok) return false;
    view = v;
    if (from === undefined) {
      if (v.entry) addJournal(v.entry.prompt, v.entry.text);
      keep();
      $("back").disabled = !(v.decisions > 0);
      $("restart").disabled = false;
    }
    const start = from || 0;
    for (let i = start; i < v.blocks.length; i++) {
      if (v.blocks[i].kind === "support") {
        drawBlocks(v.blocks.slice(start, i));
        drawScreen(v.blocks[i].support, () => show(v, i + 1));
        return true;
      }
    }
    drawBlocks(v.blocks.slice(start));
    drawControls(v);
    focusFirst();
    return true;
  }

  function problem(r) {
    let p = controls.querySelector(".problem");
    if (!p) {
      p = el("p", "problem");
      p.setAttribute("role", "alert");
      controls.prepend(p);
    }
    p.textContent = r.problem;
  }

  function drawControls(v) {
    controls.replaceChildren();
    if (v.pending === "choice") {
      const ol = el("ol", "choices");
      ol.setAttribute("aria-label", "Your choices");
      v.choices.forEach((c, i) => {
        const b = runs(el("button"), c.runs);
        b.type = "button";
        b.addEventListener("click", () => {
          said(null, b.textContent);
          show(engine.choose(i));
        });
        const li = el("li");
        li.append(b);
        ol.append(li);
      });
      controls.append(ol);
    } else if (v.pending === "ask") {
      drawQuestion(v.question);
    } else if (v.pending === "auto") {
      const b = el("button", "primary", "Go on");
      b.type = "button";
      b.addEventListener("click", () => show(engine.cont()));
      controls.append(b);
    } else if (v.pending === "end") {
      const h = el("h2", "ending-title said", v.ending.heading.replace(/^\*\*\* (.*) \*\*\*$/, "$1"));
      controls.append(h);
      /* (no heading over nothing: no check-ins, or an ending that leaves them out, and nothing written) */
      if (v.ending.summary) controls.append(el("h3", "said", "Summary"), lines(el("div", "summary said"), v.ending.summary));
      store.del("save:" + storyOf(story).id);
      const row = el("div", "row");
      const keepIt = el("button", "", "Keep this summary in your journal");
      keepIt.type = "button";
      keepIt.addEventListener("click", () => {
        addJournal("Summary: " + v.ending.heading.replace(/^\*\*\* The end: (.*) \*\*\*$/, "$1"), v.ending.summary);
        keepIt.disabled = true;
        keepIt.textContent = "Kept in your journal";
      });
      row.append(keepIt);
      if (v.ending.summary) controls.append(row);
      finishButtons();
    } else if (v.pending === "error") {
      controls.append(el("p", "problem said", v.stuck));
      controls.append(el("p", "", v.decisions > 0
        ? "Use Back to go back to your last decision, or Start over."
        : "Use Start over to begin again."));
    }
  }

  function drawQuestion(q) {
    const form = el("form");
    form.noValidate = true;
    let field;
    const answer = (text) => {
      const r = engine.answer(text);
      if (!r.ok) {
        if (r.again) log.append(el("p", "note", r.again)); /* support, shown before */
        if (r.support) drawScreenThen(r);
        else problem(r);
        return;
      }
      if (text) said(null, text);
      if (r.note) log.append(el("p", "note", r.note));
      show(r);
    };
    const drawScreenThen = (r) => {
      drawScreen(r.support, () => { drawControls(view); problem(r); focusFirst(); });
    };
    if (q.kind === "yesno") {
      const fs = el("fieldset");
      const legend = runs(el("legend", "question said"), q.runs);
      legend.append(el("span", "range", q.range));
      fs.append(legend);
      const row = el("div", "row");
      for (const [label, value] of [["Yes", "yes"], ["No", "no"]]) {
        const b = el("button", "primary", label);
        b.type = "button";
        b.addEventListener("click", () => answer(value));
        row.append(b);
      }
      fs.append(row);
      form.append(fs);
      form.addEventListener("submit", (e) => e.preventDefault());
    } else {
      const label = runs(el("label", "question said"), q.runs);
      label.htmlFor = "answer";
      label.append(el("span", "range", q.range));
      if (q.kind === "scale") {
        field = el("input");
        field.type = "number";
        field.inputMode = "numeric";
        field.min = String(q.min);
        field.max = String(q.max);
        field.step = "1";
      } else {
        field = el("textarea");
        field.rows = 4;
        field.setAttribute("aria-describedby", "answer-help");
        field.addEventListener("keydown", (e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            form.requestSubmit();
          }
        });
      }
      field.id = "answer";
      field.name = "answer";
      field.autocomplete = "off";
      form.append(label, field);
      if (q.kind === "text") {
        form.append(el("p", "example", "Enter answers; Shift+Enter starts a new line, and a paste keeps its lines. You can leave it empty to skip."));
        form.lastChild.id = "answer-help";
      }
      const row = el("div", "row");
      const submit = el("button", "primary", "Answer");
      submit.type = "submit";
      row.append(submit);
      if (q.examples.length) {
        const ex = el("button", "", "Show an example");
        ex.type = "button";
        let k = 0;
        ex.addEventListener("click", () => {
          let p = form.querySelector(".example-text");
          if (!p) {
            p = el("p", "example example-text");
            p.setAttribute("aria-live", "polite");
            form.append(p);
          }
          p.textContent = "For example: " + q.examples[k++ % q.examples.length];
        });
        row.append(ex);
      }
      form.append(row);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        answer(q.kind === "text" ? field.value.trim() : field.value.replace(/\s*[\r\n]+\s*/g, " ").trim());
      });
    }
    controls.append(form);
  }

  /* ---- a scenario --------------------------------------------------------- */
  function showOnly(section) {
    $("library").hidden = section !== "library";
    $("play").hidden = section !== "play";
  }

  function open(i) {
    story = i;
    paused = false;
    const st = storyOf(i);
    document.title = st.title;
    $("story-title").textContent = st.title;
    log.replaceChildren();
    controls.replaceChildren();
    status("");
    showOnly("play");
    $("to-library").hidden = library.length < 2;
    $("back").hidden = false;
    $("restart").hidden = false;
    const kept = store.get("save:" + st.id);
    let v = null;
    if (kept) {
      v = engine.resume(i, kept);
      if (v.ok) status("Welcome back: this is where you left off.");
      else {
        status("Your kept place could not be used (" + v.problem + "): the scenario starts again.");
        v = null;
      }
    }
    if (!v) v = engine.start(i, seed());
    const pausedScreen = store.get("paused:" + st.id);
    if (pausedScreen && v.ok) {
      let support = null;
      try { support = JSON.parse(pausedScreen); } catch (e) { /* shown without it */ }
      view = v;
      if (support && support.text) {
        store.del("paused:" + st.id);
        drawScreen(support, () => show(v));
        return;
      }
    }
    show(v);
  }

  function restart() {
    if (story < 0) return;
    store.del("paused:" + storyOf(story).id);
    log.replaceChildren();
    status("");
    show(engine.restart(seed()));
  }

  function showLibrary() {
    story = -1;
    view = null;
    document.title = "mend: scenarios";
    showOnly("library");
    $("to-library").hidden = true;
    $("back").hidden = true;
    $("restart").hidden = true;
    const ul = $("library-list");
    ul.replaceChildren();
    library.forEach((st, i) => {
      const b = el("button");
      b.type = "button";
      b.append(el("span", "title", st.title));
      if (st.about) b.append(el("span", "about", st.about));
      if (st.minutes > 0) b.append(el("span", "minutes", "About " + st.minutes + " minutes"));
      if (store.get("save:" + st.id)) b.append(el("span", "minutes", "You have a place kept here"));
      b.addEventListener("click", () => open(i));
      const li = el("li");
      li.append(b);
      ul.append(li);
    });
    const first = ul.querySelector("button");
    if (first) first.focus();
  }

  /* ---- the panels --------------------------------------------------------- */
  function toggle(id, show) {
    const panel = $(id);
    const button = $("show-" + id);
    panel.hidden = !show;
    button.setAttribute("aria-expanded", String(show));
    if (show) panel.focus();
    else button.focus();
  }
  function showSupport() {
    $("support-text").replaceChildren(lines(el("div"), engine.support()));
  }
  function showJournal() {
    const box = $("journal-entries");
    box.replaceChildren();
    const j = journal().slice().reverse();
    if (!j.length) box.append(el("p", "", "Nothing yet. What you write in a scenario is kept here."));
    for (const e of j) {
      const d = el("div", "entry");
      d.append(el("p", "when", new Date(e.when).toLocaleString() + " · " + e.title));
      if (e.prompt) d.append(el("p", "prompt", e.prompt));
      d.append(el("p", "text", e.text));
      box.append(d);
    }
    const days = contacts().sort();
    if (days.length) {
      const last = days[days.length - 1];
      const n = Math.round((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse(last)) / 864e5);
      box.prepend(el("p", "entry", n <= 0
        ? "Your count of days without contact starts again today."
        : "Day " + n + " since you last reached out."));
    }
    $("download-journal").disabled = !j.length;
  }
  /* the journal as Markdown: the engine writes it, as `mend journal
   * --export` does (oldest first, everything escaped), with the local time */
  function markdown() {
    const two = (n) => String(n).padStart(2, "0");
    const local = (iso) => {
      const d = new Date(iso);
      if (isNaN(d)) return String(iso);
      return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " +
        two(d.getHours()) + ":" + two(d.getMinutes());
    };
    return engine.markdown(journal().filter((e) => e && typeof e === "object")
      .map((e) => ({ ...e, when: local(e.when) })));
  }

  $("show-support").addEventListener("click", () => {
    showSupport();
    toggle("support", $("support").hidden);
  });
  $("show-journal").addEventListener("click", () => {
    showJournal();
    toggle("journal", $("journal").hidden);
  });
  $("show-privacy").addEventListener("click", () => toggle("privacy", $("privacy").hidden));
  for (const b of document.querySelectorAll("[data-close]"))
    b.addEventListener("click", () => toggle(b.dataset.close, false));
  $("download-journal").addEventListener("click", () => {
    const a = el("a");
    a.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(markdown());
    a.download = "mend-journal.md";
    document.body.append(a);
    a.click();
    a.remove();
  });
  $("forget").addEventListener("click", () => {
    $("forget-confirm").hidden = false;
    $("forget-no").focus();
  });
  $("forget-no").addEventListener("click", () => {
    $("forget-confirm").hidden = true;
    $("forget").focus();
  });
  $("forget-yes").addEventListener("click", () => {
    store.forget();
    $("forget-confirm").hidden = true;
    toggle("privacy", false);
    setCountry(guessCountry());
    showJournal();
    /* nothing is kept again until the person plays on */
    if (story >= 0) {
      view = null;
      log.replaceChildren();
      controls.replaceChildren();
      $("back").disabled = true;
      finishButtons();
    }
    status("Everything this page kept on this device is forgotten.");
    (controls.querySelector("button") || $("status")).focus();
  });
  $("back").addEventListener("click", () => {
    const r = engine.back();
    if (!r.ok) return status(r.problem);
    log.append(el("p", "you-back", "(You went back one decision.)"));
    show(r);
  });
  $("restart").addEventListener("click", restart);
  $("to-library").addEventListener("click", showLibrary);

  if (!store.ok)
    status("This browser keeps nothing for this page: your place and journal last only while it is open.");
  if (!library.length) status("This page holds no scenario that this version can read.");
  else if (library.length === 1 || !data.library) open(0);
  else showLibrary();
})();
