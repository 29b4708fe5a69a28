// A small DOM builder: h('div', {class: 'card'}, 'text', child, [children]).
// Text is always set as text (never parsed as HTML), so data from the server
// cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// A link the router follows without reloading the page.
export function link(href, ...children) {
  return h('a', { href, 'data-nav': '' }, ...children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// A labelled figure: big number, its label and an optional note.
export function kpi(label, value, note, tone) {
  return h(
    'div',
    { class: 'kpi' + (tone ? ' kpi-' + tone : '') },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, value),
    note ? h('div', { class: 'kpi-note' }, note) : null,
  );
}

export function card(title, ...body) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, ...body);
}

// headers: strings, or {label, num} (a right-aligned number column), or
// {sr} (a column heading only screen readers hear, e.g. for buttons).
export function table(headers, rows, opts = {}) {
  return h(
    'div',
    // Focusable, so a table that scrolls sideways on a phone scrolls by keyboard too.
    { class: 'table-wrap', tabindex: '0' },
    h(
      'table',
      { class: opts.class || '' },
      opts.caption ? h('caption', {}, opts.caption) : null,
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col', class: x.num ? 'num' : '' }, x.sr ? h('span', { class: 'sr-only' }, x.sr) : (x.label ?? x))))),
      h('tbody', {}, rows),
    ),
  );
}

export function badge(text, tone) {
  return h('span', { class: 'badge badge-' + (tone || 'neutral') }, text);
}
