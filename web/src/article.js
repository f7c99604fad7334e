// The article view: the text with entities, quotations, places and event
// evidence highlighted, next to the structured records. Offsets from the
// API are UTF-8 byte offsets into the text (docs/schema.md); the text is cut
// at those bytes and every piece is inserted as a text node.
import { el, append, clear, goldsteinColor, QUAD_NAMES } from './dom.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Splits `text` at every highlight boundary and returns the nodes, each
// piece carrying the classes of the highlights that cover it.
export function highlight(text, marks) {
  const bytes = encoder.encode(text);
  const n = bytes.length;
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= n && m.start < m.end);
  const cuts = new Set([0, n]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = decoder.decode(bytes.subarray(a, b));
    const over = valid.filter((m) => m.start <= a && b <= m.end);
    if (!over.length) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const classes = [...new Set(over.map((m) => `hl-${m.kind}`))].join(' ');
    const title = [...new Set(over.map((m) => m.label).filter(Boolean))].join('\n');
    nodes.push(el('span', { class: classes, title }, piece));
  }
  return nodes;
}

// Byte offset of the first occurrence of `needle` in `text` at or after
// byte `from`, or -1.
function findBytes(text, needle, fromChar = 0) {
  const i = text.indexOf(needle, fromChar);
  if (i < 0) return null;
  return { start: encoder.encode(text.slice(0, i)).length, end: encoder.encode(text.slice(0, i + needle.length)).length, next: i + needle.length };
}

function actorName(a) {
  if (!a) return '-';
  return a.name ? `${a.name} (${a.code || '?'})` : a.code || '-';
}

function eventLine(e) {
  const q = e.quad_class ? ` q${e.quad_class}` : '';
  return [
    el('span', { class: 'code' }, e.code),
    ' ',
    e.name || '',
    el('div', {}, actorName(e.source), ' \u2192 ', actorName(e.target)),
    el('div', { class: 'meta' }, [e.date || 'undated', e.modality && e.modality !== 'asserted' ? ` \u00b7 ${e.modality}` : '', q ? ` \u00b7 ${QUAD_NAMES[e.quad_class - 1]}` : '', e.goldstein !== undefined && e.goldstein !== null ? ` \u00b7 Goldstein ${e.goldstein}` : ''].join('')),
  ];
}

// Normalises a document from GET /v1/documents/{id} (store) or from
// POST /v1/code (the `dyad code` JSON) into text, marks and records.
export function normalise(doc) {
  const text = doc.text || '';
  const marks = [];
  const events = [];
  const quotes = [];
  const entities = [];
  const places = [];
  const sentenceSpan = (i) => (doc.sentences || []).find((s) => s.index === i);
  for (const e of doc.events || []) {
    let span = e.sentence && typeof e.sentence === 'object' ? e.sentence : null;
    if (!span && Number.isInteger(e.sentence)) span = sentenceSpan(e.sentence);
    const label = `event ${e.code} ${e.name || ''}: ${actorName(e.source)} \u2192 ${actorName(e.target)}`;
    if (span) marks.push({ start: span.start, end: span.end, kind: 'event', label });
    const ex = e.explain;
    if (ex && Number.isInteger(ex.trigger_start)) marks.push({ start: ex.trigger_start, end: ex.trigger_end, kind: 'trigger', label });
    events.push(e);
  }
  let from = 0;
  for (const q of doc.quotes || []) {
    const who = q.speaker ? (typeof q.speaker === 'object' ? q.speaker.name : q.speaker) : 'unknown speaker';
    const label = `quote by ${who}${q.cue ? ` (${q.cue})` : ''}`;
    if (Number.isInteger(q.start)) {
      marks.push({ start: q.start, end: q.end, kind: 'quote', label });
    } else if (q.text) {
      const f = findBytes(text, q.text, from);
      if (f) {
        marks.push({ start: f.start, end: f.end, kind: 'quote', label });
        from = f.next;
      }
    }
    quotes.push({ who, cue: q.cue, text: q.text, kind: q.kind });
  }
  for (const en of doc.entities || []) {
    for (const m of en.mentions || []) {
      if (Number.isInteger(m.start)) marks.push({ start: m.start, end: m.end, kind: 'entity', label: `${en.name} ${en.code || ''} (${en.type || 'entity'}, ${m.kind || 'mention'})` });
    }
    entities.push(en);
  }
  for (const p of doc.places || []) {
    for (const m of p.mentions || []) {
      if (Number.isInteger(m.start)) marks.push({ start: m.start, end: m.end, kind: 'place', label: `place ${p.name}, ${p.country || ''}` });
    }
    places.push(p);
  }
  const title = (doc.meta && doc.meta.title) || doc.title || '(untitled)';
  const date = (doc.meta && doc.meta.published) || doc.date || doc.published || null;
  const outlet = (doc.meta && doc.meta.site) || doc.outlet || '';
  const url = (doc.meta && doc.meta.url) || doc.url || '';
  return { text, marks, events, quotes, entities, places, title, date, outlet, url };
}

export function renderArticle(container, doc) {
  const d = normalise(doc);
  clear(container);
  const textPane = el('div', { class: 'article-text', id: 'article-text' });
  append(textPane, highlight(d.text, d.marks));
  const records = el('div', { class: 'article-records' });
  records.appendChild(el('h2', {}, `Events (${d.events.length})`));
  records.appendChild(el('ol', { class: 'records', id: 'article-events' }, d.events.map((e) => el('li', { style: `border-left: 4px solid ${goldsteinColor(e.goldstein)}; padding-left: 6px` }, eventLine(e)))));
  records.appendChild(el('h2', {}, `Quotations (${d.quotes.length})`));
  records.appendChild(el('ol', { class: 'records' }, d.quotes.map((q) => el('li', {}, el('strong', {}, q.who), q.cue ? ` ${q.cue}: ` : ': ', `\u201c${q.text || ''}\u201d`))));
  if (d.entities.length) {
    records.appendChild(el('h2', {}, `Entities (${d.entities.length})`));
    records.appendChild(el('ol', { class: 'records' }, d.entities.map((en) => el('li', {}, en.name, ' ', el('span', { class: 'code' }, en.code || '-'), el('span', { class: 'meta' }, ` ${en.type || ''}`)))));
  }
  if (d.places.length) {
    records.appendChild(el('h2', {}, `Places (${d.places.length})`));
    records.appendChild(el('ol', { class: 'records' }, d.places.map((p) => el('li', {}, p.name, el('span', { class: 'meta' }, ` ${p.country || ''} ${p.feature || ''}`)))));
  }
  const head = el('div', {},
    el('h2', { class: 'article-title', id: 'article-title' }, d.title),
    el('div', { class: 'meta' }, [d.outlet, d.date || 'undated'].filter(Boolean).join(' \u00b7 '), ' ', d.url && /^https?:\/\//i.test(d.url) ? el('a', { href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'source') : null),
    el('div', { class: 'legend hint' }, el('span', { class: 'hl-entity' }, 'entity'), el('span', { class: 'hl-quote' }, 'quotation'), el('span', { class: 'hl-event' }, 'event evidence'), el('span', { class: 'hl-place' }, 'place')));
  container.appendChild(head);
  container.appendChild(el('div', { class: 'article-layout' }, textPane, records));
}
