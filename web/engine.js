// SPDX-License-Identifier: MIT
/* engine.js - starts mend's engine (mend.wasm: libmend and the player's words,
 * web/page.c) and wraps its calls. No story semantics here: strings go in,
 * JSON comes out. Shared by the page (page.js) and the tests, which run it
 * in Node.js. The engine asks its host for six WASI functions: it has no
 * files, no clock and no environment, so these say so (EBADF, ENOSYS); only
 * writes to standard error (an abort's message) are shown, on the console. */
"use strict";
function mendEngine(wasmBytes) {
  const ENOSYS = 52, EBADF = 8;
  let memory = null;
  const u8 = () => new Uint8Array(memory.buffer);
  const view = () => new DataView(memory.buffer);
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const encoder = new TextEncoder();
  let stderr = "";
  const wasi = {
    environ_sizes_get(countPtr, sizePtr) {
      view().setUint32(countPtr, 0, true);
      view().setUint32(sizePtr, 0, true);
      return 0;
    },
    environ_get() { return 0; },
    fd_close() { return EBADF; },
    fd_seek() { return EBADF; },
    fd_write(fd, iovs, iovsLen, nwrittenPtr) {
      if (fd !== 1 && fd !== 2) return EBADF;
      let n = 0;
      for (let i = 0; i < iovsLen; i++) {
        const p = view().getUint32(iovs + 8 * i, true);
        const len = view().getUint32(iovs + 8 * i + 4, true);
        stderr += decoder.decode(u8().subarray(p, p + len));
        n += len;
      }
      view().setUint32(nwrittenPtr, n, true);
      if (stderr.includes("\n")) {
        console.error("mend engine: " + stderr.trimEnd());
        stderr = "";
      }
      return 0;
    },
    proc_exit(code) { throw new Error("mend engine stopped (" + code + ")"); },
  };
  const module = new WebAssembly.Module(wasmBytes);
  for (const imp of WebAssembly.Module.imports(module))
    if (imp.module !== "wasi_snapshot_preview1" || !(imp.name in wasi))
      wasi[imp.name] = () => ENOSYS;
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi });
  const x = instance.exports;
  memory = x.memory;
  x._initialize();

  /* A string (or bytes) copied into the engine: [pointer, length]. */
  function put(data) {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    const p = x.page_alloc(bytes.length);
    u8().set(bytes, p);
    return [p, bytes.length];
  }
  function get(p) {
    const m = u8();
    let e = p;
    while (m[e]) e++;
    return decoder.decode(m.subarray(p, e));
  }
  function withData(data, f) {
    const [p, n] = put(data);
    try {
      return f(p, n);
    } finally {
      x.page_free(p);
    }
  }
  const json = (p) => JSON.parse(get(p));
  return {
    data: (kind, text) => withData(text, (p, n) => json(x.page_data(kind, p, n))),
    story: (image) => withData(image, (p, n) => json(x.page_story(p, n))),
    library: () => json(x.page_library()),
    start: (i, seed) => json(x.page_start(i, seed)),
    resume: (i, save) => withData(save, (p, n) => json(x.page_resume(i, p, n))),
    view: () => json(x.page_view()),
    choose: (i) => json(x.page_choose(i)),
    answer: (text) => withData(text, (p, n) => json(x.page_answer(p, n))),
    cont: () => json(x.page_continue()),
    back: () => json(x.page_back()),
    restart: (seed) => json(x.page_restart(seed)),
    save: () => get(x.page_save()),
    journal: () => get(x.page_journal()),
    /* entries: [{when, title, prompt, text}], oldest first */
    markdown: (entries) => withData(entries.map((e) => [e.when, e.title, e.prompt, e.text]
      .map((s) => String(s ?? "").replace(/\0/g, "") + "\0").join("")).join(""),
      (p, n) => get(x.page_markdown(p, n))),
    setCountry: (code) => withData(code, (p, n) => x.page_set_country(p, n)),
    countries: () => json(x.page_countries()),
    support: () => get(x.page_support()),
  };
}
if (typeof module !== "undefined") module.exports = { mendEngine };
