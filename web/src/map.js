// The map of event locations, drawn offline as SVG with d3-geo from the
// Natural Earth outlines bundled in world-atlas (no tiles, no network).
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { get } from './api.js';
import { clear, el, goldsteinColor } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const land = feature(world, world.objects.countries);

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export async function renderMap(container, list, params, onPlace) {
  const data = await get('/v1/places', params);
  const width = 960, height = 500;
  const projection = geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
  const path = geoPath(projection);
  clear(container);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'map of event locations' });
  root.appendChild(svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }));
  const g = svg('g', {});
  for (const f of land.features) g.appendChild(svg('path', { d: path(f), class: 'land' }));
  root.appendChild(g);
  const max = Math.max(1, ...data.places.map((p) => p.count));
  for (const p of data.places) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const c = svg('circle', { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 12 * Math.sqrt(p.count / max)).toFixed(1), fill: goldsteinColor(p.goldstein), class: 'place' });
    const t = svg('title', {});
    t.textContent = `${p.name}, ${p.country}: ${p.count} events, mean Goldstein ${p.goldstein.toFixed(1)}`;
    c.appendChild(t);
    c.addEventListener('click', () => onPlace(p));
    root.appendChild(c);
  }
  container.appendChild(root);
  clear(list);
  for (const p of data.places.slice(0, 50)) {
    list.appendChild(el('li', { class: 'clickable', onclick: () => onPlace(p) }, `${p.name}, ${p.country}`, el('span', { class: 'meta' }, ` ${p.count} events \u00b7 mean Goldstein ${p.goldstein.toFixed(1)}`)));
  }
  if (!data.places.length) list.appendChild(el('li', { class: 'hint' }, 'No located events for this filter.'));
  return data;
}
