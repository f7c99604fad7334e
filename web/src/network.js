// The dyad network: actors as nodes, (source, target) pairs as edges
// coloured from conflict (red) to cooperation (green) by mean Goldstein and
// weighted by event count. Clicking a node filters every view to that actor.
import cytoscape from 'cytoscape';
import { get } from './api.js';
import { goldsteinColor } from './dom.js';

let cy = null;

export async function renderNetwork(container, filter, onSelect) {
  const data = await get('/v1/dyads', { ...filter.params(), actor: '', actor2: '', level: 'country', limit: 150 });
  const nodes = new Map();
  const edges = [];
  for (const d of data.dyads) {
    for (const [key, name] of [[d.source, d.source_name], [d.target, d.target_name]]) {
      const n = nodes.get(key) || { id: key, name, count: 0 };
      n.count += d.count;
      nodes.set(key, n);
    }
    if (d.source === d.target) continue;
    edges.push({ data: { id: `${d.source}>${d.target}`, source: d.source, target: d.target, count: d.count, goldstein: d.goldstein, color: goldsteinColor(d.goldstein), width: 1 + Math.log2(1 + d.count) * 2 } });
  }
  const elements = [...nodes.values()].map((n) => ({ data: { id: n.id, label: n.name && n.name !== n.id ? `${n.id} ${n.name}` : n.id, size: 18 + Math.sqrt(n.count) * 6 } })).concat(edges);
  if (cy) cy.destroy();
  cy = cytoscape({
    container,
    elements,
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#2457a6', color: '#1d232b', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3 } },
      { selector: 'node:selected', style: { 'background-color': '#e67e22', 'border-width': 3, 'border-color': '#333' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.85 } },
    ],
    layout: { name: elements.length > 2 ? 'cose' : 'grid', animate: false, randomize: false, nodeRepulsion: () => 8000 },
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node', (evt) => onSelect(evt.target.id()));
  const sel = filter.actor && cy.getElementById(filter.actor);
  if (sel && sel.length) sel.select();
  return cy;
}

// The network's node for `id`, for the browser tests.
export function networkNodePosition(id) {
  if (!cy) return null;
  const n = cy.getElementById(id);
  if (!n.length) return null;
  const p = n.renderedPosition();
  return { x: p.x, y: p.y };
}

export function networkNodes() {
  return cy ? cy.nodes().map((n) => n.id()) : [];
}
