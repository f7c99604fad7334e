// Browser tests of the dashboard: start `dyad serve` on a free port over a
// store ingested from examples/, drive Debian's chromium with
// playwright-core, and check each view. Screenshots go to
// $DYAD_SCREENSHOTS (default build/screenshots/). Exits 77 (ctest: skipped)
// when chromium is missing. Prints "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dyad = process.env.DYAD_BINARY || join(root, 'build', 'dyad');
const shots = process.env.DYAD_SCREENSHOTS || join(root, 'build', 'screenshots');
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromiumPath) {
  console.log('dashboard test: SKIPPED, chromium is not installed (apt-get install chromium, or run scripts/setup)');
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('dashboard test: SKIPPED, playwright-core is not installed (npm ci)');
  process.exit(77);
}
if (!existsSync(join(root, 'web', 'dist', 'index.html'))) {
  const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('npm run build failed');
}
mkdirSync(shots, { recursive: true });

const tmp = mkdtempSync(join(tmpdir(), 'dyad-web-'));
const db = join(tmp, 'examples.db');
const ing = spawnSync(dyad, ['ingest', join(root, 'examples'), '--db', db], { encoding: 'utf8' });
if (ing.status !== 0) {
  console.error(ing.stdout, ing.stderr);
  throw new Error(`dyad ingest failed (${ing.status})`);
}

const server = spawn(dyad, ['serve', '--db', db, '--port', '0', '--web', join(root, 'web', 'dist')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
  let out = '';
  const timer = setTimeout(() => fail(new Error(`dyad serve did not start: ${out}`)), 60000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/at (http:\/\/\S+)/);
    if (m) {
      clearTimeout(timer);
      ok(m[1]);
    }
  });
  server.on('exit', (code) => fail(new Error(`dyad serve exited with ${code}: ${out}`)));
});

let passed = 0, failed = 0;
const problems = [];
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err.message}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`off-site request: ${r.url()}`);
  });
  const ready = () => page.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: 30000 });

  await check('the dashboard loads with its security headers', async () => {
    const res = await page.goto(url);
    const h = res.headers();
    expect(h['x-content-type-options'] === 'nosniff', 'no X-Content-Type-Options: nosniff');
    expect((h['content-security-policy'] || '').includes("script-src 'self'"), 'no strict script-src');
    expect(!('access-control-allow-origin' in h), 'CORS header sent by default');
    await ready();
    await page.waitForFunction(() => /events/.test(document.getElementById('stats').textContent));
  });

  let node = null;
  await check('network: a node click filters the views', async () => {
    await page.goto(`${url}#/network`);
    await ready();
    const nodes = await page.evaluate(() => window.dyadTest.networkNodes());
    expect(nodes.length >= 2, `only ${nodes.length} nodes in the network`);
    await page.screenshot({ path: join(shots, '1-network.png') });
    const box = await page.locator('#network').boundingBox();
    node = nodes[0];
    const p = await page.evaluate((id) => window.dyadTest.networkNodePosition(id), node);
    await page.mouse.click(box.x + p.x, box.y + p.y);
    await page.waitForFunction((id) => document.getElementById('filter-label').textContent === `Actor: ${id}`, node, { timeout: 10000 });
    await ready();
    const items = await page.locator('#network-events li').count();
    expect(items >= 1, 'no events listed for the selected actor');
    await page.screenshot({ path: join(shots, '2-network-filtered.png') });
  });

  await check('timeline: filter by a pair', async () => {
    await page.goto(`${url}#/timeline`);
    await ready();
    await page.fill('#tl-actor', node || '');
    await page.fill('#tl-actor2', '');
    await page.selectOption('#tl-by', 'day');
    await page.click('#tl-apply');
    await page.waitForFunction(() => /events, mean Goldstein/.test(document.getElementById('timeline-summary').textContent));
    const summary = await page.textContent('#timeline-summary');
    expect(summary.startsWith(node || 'any'), `summary is about another pair: ${summary}`);
    expect(!/^\S+ \S+ \S+: 0 events/.test(summary), `no events: ${summary}`);
    expect(await page.locator('#timeline canvas').count() >= 1, 'no chart drawn');
    await page.screenshot({ path: join(shots, '3-timeline.png') });
  });

  await check('map: event locations drawn offline', async () => {
    await page.goto(`${url}#/map`);
    await ready();
    expect(await page.locator('#map path.land').count() > 100, 'no country outlines');
    await page.screenshot({ path: join(shots, '4-map.png') });
  });

  await check('article view: text with highlights and records', async () => {
    await page.goto(`${url}#/articles`);
    await ready();
    await page.locator('#doc-list li').first().click();
    await page.waitForSelector('#article-title');
    await ready();
    const text = await page.textContent('#article-text');
    expect(text.length > 200, 'article text missing');
    const marks = await page.locator('#article-text span').count();
    expect(marks > 0, 'nothing highlighted');
    await page.screenshot({ path: join(shots, '5-article.png'), fullPage: true });
  });

  await check('quotations explorer by speaker', async () => {
    await page.goto(`${url}#/quotes`);
    await ready();
    const speakers = await page.locator('#speaker-list li').count();
    expect(speakers >= 1, 'no speakers');
    await page.locator('#speaker-list li').first().click();
    await page.waitForFunction(() => /^Quotations by /.test(document.getElementById('quotes-title').textContent));
    expect(await page.locator('#quote-list li').count() >= 1, 'no quotations for the speaker');
    await page.screenshot({ path: join(shots, '6-quotes.png') });
  });

  await check('paste an article: coded on the fly, markup shown as text', async () => {
    await page.goto(`${url}#/code`);
    await ready();
    const article = readFileSync(join(root, 'examples', '01_philippines_japan_drills.txt'), 'utf8');
    const hostile = '\n\nThe <img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script> tags are text.';
    await page.fill('#code-text', article + hostile);
    await page.click('#code-run');
    await page.waitForFunction(() => /events, /.test(document.getElementById('code-status').textContent), null, { timeout: 30000 });
    const events = await page.locator('#article-events li').count();
    expect(events >= 1, 'the pasted article gave no events');
    const shown = await page.textContent('#code-result .article-text');
    expect(shown.includes('<img src=x onerror='), 'markup in the article was not shown as text');
    expect(await page.evaluate(() => window.__xss === undefined), 'markup in the article ran');
    expect(await page.locator('#code-result img, #code-result script').count() === 0, 'markup became elements');
    await page.screenshot({ path: join(shots, '7-code.png'), fullPage: true });
  });

  await check('no script errors, CSP violations or off-site requests', async () => {
    expect(problems.length === 0, problems.join('; '));
  });
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
