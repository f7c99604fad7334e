// DOM helpers. Article text and every API value are untrusted: they only
// ever reach the page as text nodes or attribute values, never as markup.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  append(e, children);
  return e;
}

export function append(parent, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function $(id) {
  return document.getElementById(id);
}

// Colour of a mean Goldstein value: red (-10, conflict) to green (+10).
export function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, (g || 0) / 10));
  const red = [192, 57, 43], grey = [150, 150, 150], green = [39, 174, 96];
  const [a, b, u] = t < 0 ? [grey, red, -t] : [grey, green, t];
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * u));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export const QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
