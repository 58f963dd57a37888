// The list of events under the map, filled from /api/events, a page at a time.
import { getJSON, isAbort, withParams } from './api.js';
import { eventPath, fmtRange, h, placeOf, typeClass } from './dom.js';

export class EventList {
  constructor(list, { moreLink, onStatus }) {
    this.list = list;
    this.onStatus = onStatus || (() => {});
    this.more = h('button', { type: 'button', id: 'more-button', class: 'button-link', hidden: true }, 'More events');
    this.more.addEventListener('click', () => this.loadMore());
    if (moreLink) moreLink.replaceWith(this.more);
    else list.after(this.more);
    this.empty = h('p', { class: 'note', id: 'no-events-live', hidden: true }, 'No events match these filters.');
    this.more.after(this.empty);
    const serverEmpty = document.getElementById('no-events');
    if (serverEmpty) serverEmpty.remove();
    this.params = new URLSearchParams();
    this.next = null;
  }

  async load(params) {
    this.params = new URLSearchParams(params);
    let data;
    try {
      data = await getJSON('list', '/api/events', withParams(this.params, { limit: 50 }));
    } catch (error) {
      if (!isAbort(error)) this.onStatus('The list could not be updated: ' + error.message);
      return;
    }
    this.list.replaceChildren(...data.events.map(item));
    this.setNext(data.next);
    this.empty.hidden = data.events.length > 0;
    this.list.dataset.loaded = String(Date.now());
  }

  async loadMore() {
    if (!this.next) return;
    const data = await getJSON('list', '/api/events', withParams(this.params, { limit: 50, cursor: this.next }));
    const items = data.events.map(item);
    this.list.append(...items);
    this.setNext(data.next);
    if (items.length) items[0].querySelector('a').focus();
  }

  setNext(next) {
    this.next = next;
    this.more.hidden = !next;
  }
}

function item(ev) {
  const approx = ev.geo_precision === 'admin1' || ev.geo_precision === 'country';
  const quote = ev.evidence && ev.evidence.length ? ev.evidence[0].quote : '';
  return h('li', { class: `event-item ${typeClass(ev.event_type)}` },
    h('a', { href: eventPath(ev.id) },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }),
      h('span', { class: 'what' }, ev.sub_event_type, ev.kind === 'tally' ? h('span', { class: 'badge' }, 'tally') : null),
      h('span', { class: 'when' }, ev.date || 'date unknown'),
      h('span', { class: 'where' }, placeOf(ev), approx ? h('span', { class: 'badge approx' }, `${ev.geo_precision} only`) : null),
      h('span', { class: 'killed' }, 'killed: ', fmtRange(ev.fatalities)),
      quote ? h('q', { class: 'quote' }, quote.length > 220 ? quote.slice(0, 217) + '...' : quote) : null));
}
