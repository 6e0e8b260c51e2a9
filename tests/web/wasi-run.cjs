// SPDX-License-Identifier: MIT
/* wasi-run.cjs WASM ARGS... - runs a WebAssembly command (wasm32-wasi, with
 * _start) with this process's standard input and output; exits with its
 * status. For test programs only: the page's engine runs under web/engine.js,
 * which gives it no files at all.
 *
 * The few WASI calls a C test program makes (its arguments, reading standard
 * input, writing standard output and error, exiting) are answered here, not
 * by Node.js's own WASI: Node.js 20's collects its WASI object while the
 * program still writes through it, and the process dies (SIGABRT in
 * uv_mutex_destroy, or SIGSEGV), about one run in four seen here. */
"use strict";
const fs = require("fs");
const [file, ...rest] = process.argv.slice(2);
const args = [file, ...rest].map((a) => Buffer.from(a + "\0"));
const EBADF = 8, ENOSYS = 52, ESPIPE = 70;
let memory = null;
const view = () => new DataView(memory.buffer);
const u8 = () => new Uint8Array(memory.buffer);
class Exit { constructor(code) { this.code = code; } }

const wasi = {
  args_sizes_get(countPtr, sizePtr) {
    view().setUint32(countPtr, args.length, true);
    view().setUint32(sizePtr, args.reduce((n, a) => n + a.length, 0), true);
    return 0;
  },
  args_get(argvPtr, bufPtr) {
    for (const [i, a] of args.entries()) {
      view().setUint32(argvPtr + 4 * i, bufPtr, true);
      u8().set(a, bufPtr);
      bufPtr += a.length;
    }
    return 0;
  },
  environ_sizes_get(countPtr, sizePtr) {
    view().setUint32(countPtr, 0, true);
    view().setUint32(sizePtr, 0, true);
    return 0;
  },
  environ_get() { return 0; },
  fd_fdstat_get(fd, statPtr) {
    if (fd > 2) return EBADF;
    /* a character device, no flags, every right */
    for (let i = 0; i < 24; i++) view().setUint8(statPtr + i, 0);
    view().setUint8(statPtr, 2);
    view().setBigUint64(statPtr + 8, 0xffffffffn, true);
    view().setBigUint64(statPtr + 16, 0xffffffffn, true);
    return 0;
  },
  fd_close() { return 0; },
  fd_seek() { return ESPIPE; },
  fd_read(fd, iovs, iovsLen, nreadPtr) {
    if (fd !== 0) return EBADF;
    let n = 0;
    for (let i = 0; i < iovsLen; i++) {
      const p = view().getUint32(iovs + 8 * i, true);
      const len = view().getUint32(iovs + 8 * i + 4, true);
      let got;
      try {
        got = fs.readSync(0, u8(), p, len, null);
      } catch (e) {
        if (e.code === "EAGAIN") { i--; continue; }
        if (e.code === "EOF") got = 0; else throw e;
      }
      n += got;
      if (got < len) break;
    }
    view().setUint32(nreadPtr, n, true);
    return 0;
  },
  fd_write(fd, iovs, iovsLen, nwrittenPtr) {
    if (fd !== 1 && fd !== 2) return EBADF;
    let n = 0;
    for (let i = 0; i < iovsLen; i++) {
      const p = view().getUint32(iovs + 8 * i, true);
      const len = view().getUint32(iovs + 8 * i + 4, true);
      let off = 0;
      while (off < len) {
        try {
          off += fs.writeSync(fd, u8(), p + off, len - off);
        } catch (e) {
          if (e.code !== "EAGAIN") throw e;
        }
      }
      n += len;
    }
    view().setUint32(nwrittenPtr, n, true);
    return 0;
  },
  proc_exit(code) { throw new Exit(code); },
};
const mod = new WebAssembly.Module(fs.readFileSync(file));
for (const imp of WebAssembly.Module.imports(mod))
  if (!(imp.name in wasi)) wasi[imp.name] = () => ENOSYS;
const instance = new WebAssembly.Instance(mod, { wasi_snapshot_preview1: wasi });
memory = instance.exports.memory;
try {
  instance.exports._start();
  process.exitCode = 0;
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  process.exitCode = e.code;
}
