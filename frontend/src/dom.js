// Building DOM nodes without ever parsing strings as HTML: text goes in as text.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.setAttribute('class', value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// The CSS class of an event type; the same rule as the server's pages.type_class.
export function typeClass(eventType) {
  return 't-' + String(eventType || 'unknown').toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-+|-+$/g, '');
}

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];

export function fmtRange(r) {
  const low = r ? r.low : null;
  const high = r ? r.high : null;
  if (low == null && high == null) return 'not reported';
  let text;
  if (low === high) text = String(low);
  else if (high == null) text = `${low} or more`;
  else if (low == null) text = `up to ${high}`;
  else text = `${low} to ${high}`;
  return r.qualifier ? `${text} (${r.qualifier})` : text;
}

export function placeOf(ev) {
  const parts = [ev.location, ev.admin2, ev.admin1, ev.country].filter(Boolean);
  return [...new Set(parts)].join(', ') || 'place unknown';
}

export function eventPath(id) {
  return '/events/' + encodeURIComponent(id).replace(/%3A/g, ':').replace(/%40/g, '@');
}
