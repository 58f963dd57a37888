// eventledger's pages. The index page wires filters, map, timeline, list and downloads
// together; other pages are plain HTML and need nothing from here.
import { filterParams, getJSON, isAbort } from './api.js';
import { h } from './dom.js';
import { EventList } from './list.js';
import { EventMap } from './map.js';
import { Timeline } from './timeline.js';
import './app.css';

const DOWNLOADS = ['csv', 'acled-csv', 'geojson'];

function startIndex() {
  const form = document.getElementById('filters');
  const status = h('p', { id: 'status', class: 'note', role: 'status' });
  document.getElementById('unplaced').replaceWith(status);
  const say = (text) => { status.textContent = text; };
  const body = document.body;
  const count = document.getElementById('count');

  const map = new EventMap(document.getElementById('map'), {
    tileUrl: body.dataset.tileUrl || '',
    tileAttribution: body.dataset.tileAttribution || '',
    onStatus: say,
    onFilter: (values) => setFields(values),
  });
  const timeline = new Timeline(document.getElementById('timeline'), {
    onRange: (from, to) => setFields({ date_from: from || '', date_to: to || '' }),
    onStatus: say,
    rangeLabel: document.getElementById('timeline-range'),
    clearButton: document.getElementById('timeline-clear'),
    bucketSelect: document.getElementById('timeline-bucket'),
  });
  const list = new EventList(document.getElementById('event-list'), {
    moreLink: document.getElementById('more'),
    onStatus: say,
  });

  function setFields(values) {
    for (const [name, value] of Object.entries(values)) {
      const field = form.elements.namedItem(name);
      if (!field) continue;
      if (field.tagName === 'SELECT' && value && ![...field.options].some((o) => o.value === value)) {
        field.append(h('option', { value }, value));
      }
      field.value = value;
    }
    update();
  }

  async function updateSummary(params) {
    try {
      const data = await getJSON('summary', '/api/summary', params);
      count.textContent = `${data.count} event${data.count === 1 ? '' : 's'} match`;
      fillAdmin1(data.facets.admin1);
    } catch (error) {
      if (!isAbort(error)) say('The count could not be updated: ' + error.message);
    }
  }

  function fillAdmin1(values) {
    const select = form.elements.namedItem('admin1');
    const country = form.elements.namedItem('country').value;
    const chosen = select.value;
    select.disabled = !country;
    const options = [h('option', { value: '' }, country ? 'All regions' : 'Choose a country first')];
    for (const item of values) options.push(h('option', { value: item.value }, `${item.value} (${item.count})`));
    if (chosen && !values.some((v) => v.value === chosen)) options.push(h('option', { value: chosen }, `${chosen} (0)`));
    select.replaceChildren(...options);
    select.value = country ? chosen : '';
  }

  let timer = null;
  function update() {
    clearTimeout(timer);
    const params = filterParams(form);
    const query = params.toString();
    history.replaceState(null, '', query ? `/?${query}` : '/');
    for (const fmt of DOWNLOADS) {
      const link = document.getElementById(`dl-${fmt}`);
      const dl = new URLSearchParams(params);
      dl.set('format', fmt);
      link.href = `/api/export?${dl}`;
    }
    say('');
    list.load(params);
    map.setFilter(params);
    updateSummary(params);
    timeline.load(params, params.get('date_from'), params.get('date_to'));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });
  form.addEventListener('change', (e) => {
    if (e.target.name === 'country') form.elements.namedItem('admin1').value = '';
    update();
  });
  form.addEventListener('input', (e) => {
    if (e.target.type === 'search' || e.target.type === 'text') {
      clearTimeout(timer);
      timer = setTimeout(update, 350);
    }
  });
  if (window.matchMedia('(max-width: 760px)').matches) {
    for (const box of document.querySelectorAll('.filters-box, .legend')) box.open = false;
  }
  const params = filterParams(form);
  map.setFilter(params);
  timeline.load(params, params.get('date_from'), params.get('date_to'));
  document.body.dataset.ready = 'true';
}

// The event page opens its source text at the first evidence (or the one in the address).
function showEvidence() {
  const box = document.getElementById('source-text');
  const mark = document.querySelector(location.hash.startsWith('#ev-') || location.hash.startsWith('#cl-') ? location.hash : 'mark#ev-1');
  if (!box || !mark || box.scrollHeight <= box.clientHeight) return;
  box.scrollTop = Math.max(0, mark.offsetTop - 60);
}

if (document.body.classList.contains('page-index')) {
  startIndex();
} else {
  if (document.body.classList.contains('page-event')) showEvidence();
  document.body.dataset.ready = 'true';
}
