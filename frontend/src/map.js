// The map: an offline Natural Earth basemap (optionally under a tile server), and the
// server's clusters drawn honestly: spots as dots, rough places dashed, events known only to
// a region as a ring at its centre, events known only to a country as the country hatched.
import L from 'leaflet';
import { feature } from 'topojson-client';
import { getJSON, isAbort, withParams } from './api.js';
import { EVENT_TYPES, eventPath, fmtRange, h, placeOf, s, typeClass } from './dom.js';

const WORLD = '/static/countries-50m.json';

export class EventMap {
  constructor(element, { tileUrl, tileAttribution, onStatus, onFilter }) {
    this.element = element;
    this.onStatus = onStatus || (() => {});
    this.onFilter = onFilter || (() => {});
    this.params = new URLSearchParams();
    this.countries = new Map();
    this.map = L.map(element, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 14,
      zoomSnap: 1,
      keyboard: true,
      attributionControl: true,
    }).setView([25, 20], 2);
    this.map.attributionControl.setPrefix(false);
    this.map.createPane('basemap');
    this.map.getPane('basemap').style.zIndex = '250';
    this.map.createPane('areas');
    this.map.getPane('areas').style.zIndex = '350';
    // Region rings sit under the spot markers (pane 600), so they never hide a spot.
    this.map.createPane('areaMarkers');
    this.map.getPane('areaMarkers').style.zIndex = '550';
    if (tileUrl) {
      L.tileLayer(tileUrl, { attribution: tileAttribution || '', maxZoom: 19 }).addTo(this.map);
    }
    this.hatchPatterns();
    this.areas = L.layerGroup().addTo(this.map);
    this.points = L.layerGroup().addTo(this.map);
    this.ready = this.loadBasemap(Boolean(tileUrl));
    this.map.on('moveend', () => this.refresh());
    this.map.on('popupopen', (e) => {
      const link = e.popup.getElement().querySelector('a, button');
      if (link) link.focus();
    });
  }

  async loadBasemap(overTiles) {
    try {
      const response = await fetch(WORLD);
      const topology = await response.json();
      const world = feature(topology, topology.objects.countries);
      for (const f of world.features) this.countries.set(String(f.id), f);
      L.geoJSON(world, {
        pane: 'basemap',
        interactive: false,
        style: () => ({
          className: overTiles ? 'basemap basemap-over-tiles' : 'basemap',
          weight: 0.6,
        }),
      }).addTo(this.map);
      this.map.attributionControl.addAttribution('Natural Earth');
    } catch (error) {
      this.onStatus('The basemap could not be loaded: ' + error.message);
    }
  }

  // SVG hatching, one pattern per event type, referenced from the stylesheet.
  hatchPatterns() {
    const defs = s('defs');
    for (const type of [...EVENT_TYPES, 'mixed']) {
      const cls = type === 'mixed' ? 't-mixed' : typeClass(type);
      defs.append(
        s('pattern', { id: `hatch-${cls}`, class: cls, patternUnits: 'userSpaceOnUse', width: 8, height: 8, patternTransform: 'rotate(45)' },
          s('rect', { width: 8, height: 8, class: 'hatch-bg' }),
          s('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch-line' })),
      );
    }
    document.body.append(s('svg', { class: 'svg-defs', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false' }, defs));
  }

  setFilter(params) {
    this.params = new URLSearchParams(params);
    this.params.delete('bbox');
    return this.refresh();
  }

  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, m) => Math.max(-m, Math.min(m, v));
    let west = b.getWest();
    let east = b.getEast();
    if (east - west >= 360) {
      west = -180;
      east = 180;
    } else {
      west = ((((west + 180) % 360) + 360) % 360) - 180;
      east = ((((east + 180) % 360) + 360) % 360) - 180;
    }
    return [west, clamp(b.getSouth(), 90), east, clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(',');
  }

  async refresh() {
    await this.ready;
    const zoom = this.map.getZoom();
    const params = withParams(this.params, { zoom, bbox: this.bbox() });
    let data;
    try {
      data = await getJSON('map', '/api/map', params);
    } catch (error) {
      if (!isAbort(error)) this.onStatus('The map could not be updated: ' + error.message);
      return;
    }
    this.draw(data);
    this.element.dataset.loaded = String(Date.now());
  }

  draw(data) {
    this.points.clearLayers();
    this.areas.clearLayers();
    for (const area of data.areas) this.drawArea(area);
    for (const cell of data.points) this.drawCell(cell);
    let note = '';
    if (data.unplaced) note += `${data.unplaced} matching event${data.unplaced === 1 ? ' has' : 's have'} no known place and ${data.unplaced === 1 ? 'is' : 'are'} not on the map. `;
    if (data.truncated) note += 'Only the busiest map cells are drawn: zoom in for the rest.';
    this.onStatus(note);
  }

  drawCell(cell) {
    if (cell.count === 1 && cell.events.length === 1) {
      this.drawEvent(cell.events[0]);
      return;
    }
    const main = dominantType(cell.by_type);
    const size = Math.round(24 + 8 * Math.log10(cell.count));
    const label = `${cell.count} events here, ${cell.fatalities} killed: zoom in`;
    const icon = L.divIcon({
      className: `cluster ${typeClass(main)}`,
      html: h('span', { class: 'cluster-count' }, String(cell.count)),
      iconSize: [size, size],
    });
    const marker = L.marker([cell.lat, cell.lon], { icon, title: label, alt: label, keyboard: true, riseOnHover: true });
    const [south, west, north, east] = cell.bounds;
    // Events that would still overlap at the closest zoom are listed instead of zoomed into.
    const top = this.map.getMaxZoom();
    const span = this.map.project([north, east], top).distanceTo(this.map.project([south, west], top));
    const spread = span > 24;
    marker.on('click', () => {
      if (spread && this.map.getZoom() < top) {
        this.map.fitBounds([[south, west], [north, east]], { padding: [40, 40], maxZoom: this.map.getZoom() + 3 });
      } else {
        marker.bindPopup(listPopup(`${cell.count} events at one spot`, cell.events, cell.count)).openPopup();
      }
    });
    this.points.addLayer(marker);
  }

  drawEvent(ev) {
    const killed = ev.fatalities && ev.fatalities.low ? ev.fatalities.low : 0;
    const size = Math.round(Math.min(44, 14 + 5 * Math.sqrt(killed)));
    const approx = ev.geo_precision === 'admin2';
    const label = `${ev.sub_event_type} · ${placeOf(ev)} · ${ev.date || 'date unknown'}`;
    const icon = L.divIcon({
      className: `ev-marker ${typeClass(ev.event_type)}${approx ? ' approx' : ''}${ev.kind === 'tally' ? ' tally' : ''}`,
      html: h('span', { class: 'dot' }),
      iconSize: [size, size],
    });
    const marker = L.marker([ev.lat, ev.lon], { icon, title: label, alt: label, keyboard: true, riseOnHover: true });
    marker.bindPopup(eventPopup(ev, approx ? 'Placed roughly: the district is known, not the spot.' : null));
    this.points.addLayer(marker);
  }

  drawArea(area) {
    const main = Object.keys(area.by_type).length === 1 ? Object.keys(area.by_type)[0] : 'mixed';
    const cls = main === 'mixed' ? 't-mixed' : typeClass(main);
    const where = area.precision === 'country' ? area.country_name || area.country : `${area.admin1}, ${area.country_name || area.country}`;
    const label = `${area.count} event${area.count === 1 ? '' : 's'} known only to ${where}`;
    const shape = area.precision === 'country' ? this.countries.get(area.iso_numeric || '') : null;
    if (shape) {
      L.geoJSON(shape, {
        pane: 'areas',
        interactive: false,
        style: () => ({ className: `area-country ${cls}`, weight: 1.5 }),
      }).addTo(this.areas);
    }
    const size = Math.round(30 + 8 * Math.log10(area.count));
    const icon = L.divIcon({
      className: `area-marker ${area.precision === 'country' ? 'area-of-country' : 'area-of-region'} ${cls}`,
      html: h('span', { class: 'area-count' }, String(area.count)),
      iconSize: [size, size],
    });
    const marker = L.marker([area.lat, area.lon], { icon, title: label, alt: label, keyboard: true, pane: 'areaMarkers' });
    const explain = area.precision === 'country'
      ? 'The reports name only the country: it is hatched, and no spot is claimed.'
      : 'The reports name only this region: the ring marks its centre, not a spot.';
    const popup = listPopup(label, area.events, area.count, explain);
    const narrow = h('button', { type: 'button', class: 'link-button' }, `Show only ${area.precision === 'country' ? where : area.admin1}`);
    narrow.addEventListener('click', () => this.onFilter(area.precision === 'country' ? { country: area.country, admin1: '' } : { country: area.country, admin1: area.admin1 }));
    popup.append(narrow);
    marker.bindPopup(popup);
    this.areas.addLayer(marker);
  }
}

function dominantType(byType) {
  let best = null;
  for (const [type, n] of Object.entries(byType)) if (best === null || n > byType[best]) best = type;
  return best;
}

function eventPopup(ev, note) {
  return h('div', { class: 'popup' },
    h('strong', {}, ev.sub_event_type, ev.kind === 'tally' ? ' (tally)' : ''),
    h('div', {}, placeOf(ev)),
    h('div', {}, ev.date || 'date unknown', ' · killed: ', fmtRange(ev.fatalities)),
    note ? h('div', { class: 'note' }, note) : null,
    h('a', { href: eventPath(ev.id), class: 'open-event' }, 'Open event and evidence →'));
}

function listPopup(title, events, count, note) {
  const list = h('ul', { class: 'plain popup-list' });
  for (const ev of events || []) {
    list.append(h('li', { class: typeClass(ev.event_type) },
      h('a', { href: eventPath(ev.id) }, `${ev.sub_event_type} · ${ev.date || 'date unknown'} · ${placeOf(ev)}`)));
  }
  const more = count > (events || []).length ? h('div', { class: 'note' }, 'Narrow the filters to list them all.') : null;
  return h('div', { class: 'popup' }, h('strong', {}, title), note ? h('div', { class: 'note' }, note) : null, list, more);
}
