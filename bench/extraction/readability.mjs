// Readability.js on linkedom over a folder of .html / .html.gz pages, one
// core: prints one JSON line {pages, bytes, seconds, cpu_seconds, pages_per_s,
// mb_per_s} (rates per CPU second, user+sys) and, with --out FILE, writes
// benchmark JSON {id: {articleBody}}.
// Usage: node bench/extraction/readability.mjs DIR [--out FILE] [--rounds N]
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const args = process.argv.slice(2);
const dir = args[0];
const outIdx = args.indexOf("--out");
const out = outIdx >= 0 ? args[outIdx + 1] : null;
const roundsIdx = args.indexOf("--rounds");
const rounds = roundsIdx >= 0 ? Number(args[roundsIdx + 1]) : 1;

const pages = readdirSync(dir)
  .filter((f) => /\.html?(\.gz)?$/i.test(f))
  .sort()
  .map((f) => {
    const raw = readFileSync(join(dir, f));
    const html = (f.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
    return { id: f.replace(/\.gz$/i, "").replace(/\.html?$/i, ""), html, bytes: Buffer.byteLength(html) };
  });

const result = {};
let bytes = 0;
const start = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (let r = 0; r < rounds; ++r) {
  for (const p of pages) {
    const { document } = parseHTML(p.html);
    let body = "";
    try {
      const article = new Readability(document).parse();
      body = article && article.textContent ? article.textContent : "";
    } catch (e) {
      body = "";
    }
    result[p.id] = { articleBody: body };
    bytes += p.bytes;
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const n = pages.length * rounds;
console.log(
  JSON.stringify({
    pages: n,
    bytes,
    seconds,
    cpu_seconds: cpuSeconds,
    pages_per_s: n / cpuSeconds,
    mb_per_s: bytes / 1e6 / cpuSeconds,
  }),
);
if (out) writeFileSync(out, JSON.stringify(result));
