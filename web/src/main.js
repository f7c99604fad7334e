// The dyad dashboard: six views over the JSON API. Routes are URL
// fragments (#/network, #/article/ID, ...); a global actor filter, set by
// clicking a network node, narrows the network list, timeline and map.
import { get, postText } from './api.js';
import { $, el, clear, append, goldsteinColor } from './dom.js';
import { renderArticle } from './article.js';
import { renderNetwork, networkNodePosition, networkNodes } from './network.js';
import { renderTimeline, resizeTimeline } from './timeline.js';
import { renderMap } from './map.js';

const filter = {
  actor: '',
  params() {
    return this.actor ? { actor: this.actor } : {};
  },
};

function showError(container, err) {
  clear(container);
  container.appendChild(el('p', { class: 'error' }, String(err.message || err)));
}

function setFilter(actor) {
  filter.actor = actor || '';
  $('filter-label').textContent = filter.actor ? `Actor: ${filter.actor}` : 'All events';
  $('filter-clear').hidden = !filter.actor;
  $('tl-actor').value = filter.actor;
  rendered.clear();
  show(currentView());
}

function eventItem(e) {
  const who = (a) => (a ? a.name || a.code : '-');
  return el('li', { class: 'clickable', style: `border-left: 4px solid ${goldsteinColor(e.goldstein)}; padding-left: 6px`, onclick: () => { location.hash = `#/article/${e.document}`; } },
    el('span', { class: 'code' }, e.code), ` ${e.name || ''}`,
    el('div', {}, `${who(e.source)} \u2192 ${who(e.target)}`),
    el('div', { class: 'meta' }, `${e.date || 'undated'} \u00b7 ${e.sentence || ''}`));
}

async function networkView() {
  const list = $('network-events');
  await renderNetwork($('network'), filter, (id) => setFilter(id === filter.actor ? '' : id));
  const data = await get('/v1/events', { ...filter.params(), limit: 50 });
  clear(list);
  append(list, data.events.map(eventItem));
  if (!data.events.length) list.appendChild(el('li', { class: 'hint' }, 'No events.'));
}

async function timelineView() {
  const form = new FormData($('timeline-form'));
  const params = Object.fromEntries([...form.entries()].filter(([, v]) => v !== ''));
  const data = await renderTimeline($('timeline'), params);
  const pair = [params.actor || 'any actor', params.actor2 || 'any actor'].join(' \u2194 ');
  $('timeline-summary').textContent = `${pair}: ${data.total.count} events, mean Goldstein ${data.total.goldstein.toFixed(2)}, ${data.undated} undated (not shown).`;
}

async function mapView() {
  await renderMap($('map'), $('map-places'), filter.params(), (p) => {
    $('map-places').scrollIntoView();
    return p;
  });
}

let docCursor = null;
async function loadDocuments(more) {
  const list = $('doc-list');
  if (!more) {
    clear(list);
    docCursor = null;
  }
  const data = await get('/v1/documents', { limit: 100, cursor: more ? docCursor : '' });
  for (const d of data.documents) {
    list.appendChild(el('li', { class: 'clickable', 'data-id': d.id, onclick: () => { location.hash = `#/article/${d.id}`; } },
      d.title || '(untitled)', el('div', { class: 'meta' }, `${d.outlet || ''} \u00b7 ${d.date || 'undated'} \u00b7 ${d.num_events} events`)));
  }
  docCursor = data.next;
  $('doc-more').hidden = !data.next;
}

async function articlesView(id) {
  if (!$('doc-list').firstChild) await loadDocuments(false);
  const box = $('article');
  if (!id) {
    if (!box.firstChild) box.appendChild(el('p', { class: 'hint' }, 'Choose an article.'));
    return;
  }
  clear(box);
  try {
    renderArticle(box, await get(`/v1/documents/${encodeURIComponent(id)}`));
  } catch (err) {
    showError(box, err);
  }
}

async function quotesView() {
  const data = await get('/v1/quotes', { limit: 1 });
  const list = $('speaker-list');
  clear(list);
  const q = $('speaker-search').value.toLowerCase();
  for (const s of data.speakers) {
    if (q && !s.name.toLowerCase().includes(q)) continue;
    list.appendChild(el('li', { class: 'clickable', onclick: () => showQuotes(s.name) }, s.name, el('span', { class: 'meta' }, ` ${s.quotes}`)));
  }
  if (!$('quote-list').firstChild) await showQuotes('');
}

async function showQuotes(speaker) {
  const data = await get('/v1/quotes', { speaker, limit: 200 });
  $('quotes-title').textContent = speaker ? `Quotations by ${speaker}` : 'Quotations';
  const list = clear($('quote-list'));
  for (const q of data.quotes) {
    list.appendChild(el('li', { class: 'clickable', onclick: () => { location.hash = `#/article/${q.document}`; } },
      `\u201c${q.text}\u201d`, el('div', { class: 'meta' }, `${q.speaker || 'unknown'}${q.cue ? ` (${q.cue})` : ''} \u00b7 ${q.outlet || ''} ${q.document_date || ''}`)));
  }
  if (!data.quotes.length) list.appendChild(el('li', { class: 'hint' }, 'No quotations.'));
}

async function codeArticle(ev) {
  ev.preventDefault();
  const text = $('code-text').value;
  const status = $('code-status');
  const box = $('code-result');
  if (!text.trim()) {
    status.textContent = 'Paste some text first.';
    return;
  }
  status.textContent = 'Coding\u2026';
  try {
    const t0 = performance.now();
    const doc = await postText('/v1/code', text);
    status.textContent = `${doc.events.length} events, ${doc.quotes.length} quotations, ${doc.entities.length} entities in ${Math.round(performance.now() - t0)} ms`;
    renderArticle(box, doc);
  } catch (err) {
    status.textContent = '';
    showError(box, err);
  }
}

const views = { network: networkView, timeline: timelineView, map: mapView, articles: articlesView, quotes: quotesView, code: async () => {} };
const rendered = new Set();

function currentView() {
  const h = location.hash.replace(/^#\/?/, '');
  const [name, arg] = h.split('/');
  if (name === 'article') return { name: 'articles', arg };
  return { name: views[name] ? name : 'network', arg };
}

async function show({ name, arg }) {
  for (const s of document.querySelectorAll('.view')) s.classList.toggle('active', s.id === `view-${name}`);
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === name);
  const key = `${name}/${arg || ''}`;
  document.body.dataset.view = name;
  document.body.dataset.ready = 'no';
  try {
    if (!rendered.has(key) || name === 'articles') {
      await views[name](arg);
      rendered.add(key);
    }
    if (name === 'timeline') resizeTimeline();
  } catch (err) {
    showError($(`view-${name}`).querySelector('.panel') || $(`view-${name}`), err);
  }
  document.body.dataset.ready = 'yes';
}

async function start() {
  $('filter-clear').addEventListener('click', () => setFilter(''));
  $('timeline-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    rendered.delete('timeline/');
    show({ name: 'timeline' });
  });
  $('code-form').addEventListener('submit', codeArticle);
  $('doc-more').addEventListener('click', () => loadDocuments(true));
  $('speaker-search').addEventListener('input', () => quotesView());
  window.addEventListener('hashchange', () => show(currentView()));
  try {
    const s = await get('/v1/stats');
    $('stats').textContent = `${s.documents} articles \u00b7 ${s.events} events \u00b7 ${s.quotes} quotations`;
    const actors = await get('/v1/actors', { limit: 500 });
    append($('actor-list'), actors.actors.map((a) => el('option', { value: a.code }, a.name)));
  } catch (err) {
    $('stats').textContent = `API error: ${err.message}`;
  }
  await show(currentView());
}

// Hooks for the browser tests (tests/web/): positions of network nodes.
window.dyadTest = { networkNodePosition, networkNodes };

start();
