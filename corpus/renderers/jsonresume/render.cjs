#!/usr/bin/env node
// Render many resumes with ONE JSON Resume theme in ONE node process (starting node and loading a
// theme costs far more than rendering one resume).
//
// Usage: node render.cjs <npm theme package>   (stdin: JSON [{"resume": {...}, "out": "/abs/x.html"}])
// stdout: one JSON line per job, in order: {"out": ..., "ok": true} or {"out": ..., "ok": false, "error": ...}
// Themes are third-party: some render() synchronously, some return a Promise, some are ES modules,
// some log to stdout while rendering (so results go to a separate file descriptor-safe marker line).
'use strict';

const fs = require('fs');
const path = require('path');

const JOB_TIMEOUT_MS = Number(process.env.JR_JOB_TIMEOUT_MS || 30000);

// The clock themes see: some print "now" for an entry with no date, so the corpus pins it
// (JR_TODAY, set by jsonresume.py) to keep files reproducible and their labels knowable.
const RealDate = Date;
const PINNED_MS = RealDate.parse(`${process.env.JR_TODAY || '2026-02-19'}T12:00:00Z`);
function PinnedDate(...args) {
  if (!new.target) return new RealDate(PINNED_MS).toString();
  return args.length === 0 ? new RealDate(PINNED_MS) : new RealDate(...args);
}
PinnedDate.prototype = RealDate.prototype;
Object.setPrototypeOf(PinnedDate, RealDate);
PinnedDate.now = () => PINNED_MS;
globalThis.Date = PinnedDate;
const MARK = '@@credbridge-result@@ ';

// Themes that print while rendering would corrupt our protocol: keep the real stdout for results.
const realWrite = process.stdout.write.bind(process.stdout);
console.log = (...args) => process.stderr.write(args.map(String).join(' ') + '\n');
console.info = console.log;
console.warn = console.log;

function emit(obj) {
  realWrite(MARK + JSON.stringify(obj) + '\n');
}

async function loadTheme(name) {
  const base = path.join(__dirname, 'node_modules');
  let mod;
  try {
    mod = require(require.resolve(name, { paths: [base] }));
  } catch (err) {
    if (err && (err.code === 'ERR_REQUIRE_ESM' || err.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
      const { pathToFileURL } = require('url');
      mod = await import(pathToFileURL(require.resolve(name, { paths: [base] })).href);
    } else {
      throw err;
    }
  }
  for (const cand of [mod, mod && mod.default, mod && mod.default && mod.default.default]) {
    if (cand && typeof cand.render === 'function') return cand;
  }
  throw new Error(`theme ${name} exports no render()`);
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`render timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const themeName = process.argv[2];
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  let theme;
  try {
    theme = await loadTheme(themeName);
  } catch (err) {
    for (const job of jobs) emit({ out: job.out, ok: false, error: `load: ${err && err.stack ? err.stack : err}` });
    return;
  }
  for (const job of jobs) {
    try {
      const resume = JSON.parse(JSON.stringify(job.resume));
      delete resume['x-credbridge'];
      let html = await withTimeout(Promise.resolve().then(() => theme.render(resume)), JOB_TIMEOUT_MS);
      if (html && typeof html === 'object' && typeof html.html === 'string') html = html.html;
      if (typeof html !== 'string' || html.trim() === '') throw new Error(`render returned ${typeof html}`);
      fs.mkdirSync(path.dirname(job.out), { recursive: true });
      fs.writeFileSync(job.out, html, 'utf8');
      emit({ out: job.out, ok: true });
    } catch (err) {
      emit({ out: job.out, ok: false, error: String(err && err.stack ? err.stack : err).slice(0, 2000) });
    }
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
    process.exit(1);
  },
);
