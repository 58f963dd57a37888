// The timeline: events per period stacked by type, fatalities (incidents only) as a line.
// Dragging across it, or the keyboard, selects a range of periods; the range becomes the
// date filter.
import { getJSON, isAbort, withParams } from './api.js';
import { EVENT_TYPES, clear, s, typeClass } from './dom.js';

const HEIGHT = 120;
const PAD = { left: 34, right: 34, top: 8, bottom: 20 };

export class Timeline {
  constructor(element, { onRange, onStatus, rangeLabel, clearButton, bucketSelect }) {
    this.element = element;
    this.onRange = onRange;
    this.onStatus = onStatus || (() => {});
    this.rangeLabel = rangeLabel;
    this.clearButton = clearButton;
    this.periods = [];
    this.selection = null; // [first, last] period indexes
    this.cursor = 0;
    this.anchor = null;
    this.drag = null;
    element.addEventListener('pointerdown', (e) => this.pointerDown(e));
    element.addEventListener('pointermove', (e) => this.pointerMove(e));
    element.addEventListener('pointerup', (e) => this.pointerUp(e));
    element.addEventListener('keydown', (e) => this.key(e));
    element.addEventListener('focus', () => this.render());
    element.addEventListener('blur', () => this.render());
    clearButton.addEventListener('click', () => this.apply(null));
    this.bucketSelect = bucketSelect;
    if (bucketSelect) {
      bucketSelect.addEventListener('change', () => this.load(this.params, this.dateFrom, this.dateTo));
    }
    new ResizeObserver(() => this.render()).observe(element);
  }

  // The timeline shows every date the other filters allow, so a range can be chosen in it.
  async load(params, dateFrom, dateTo) {
    this.params = new URLSearchParams(params);
    this.dateFrom = dateFrom;
    this.dateTo = dateTo;
    const bucket = this.bucketSelect ? this.bucketSelect.value : 'auto';
    const query = withParams(params, { date_from: null, date_to: null, bucket });
    let data;
    try {
      data = await getJSON('timeline', '/api/timeline', query);
    } catch (error) {
      if (!isAbort(error)) this.onStatus('The timeline could not be updated: ' + error.message);
      return;
    }
    this.bucket = data.bucket;
    this.periods = data.periods;
    this.undated = data.undated;
    this.selection = this.indexesOf(dateFrom, dateTo);
    this.cursor = this.selection ? this.selection[0] : 0;
    this.render();
    this.element.dataset.loaded = String(Date.now());
  }

  indexesOf(dateFrom, dateTo) {
    if (!dateFrom && !dateTo) return null;
    const n = this.periods.length;
    if (!n) return null;
    let first = 0;
    let last = n - 1;
    if (dateFrom) first = Math.max(0, this.periods.findIndex((p) => p.end >= dateFrom));
    if (dateTo) {
      const after = this.periods.findIndex((p) => p.start > dateTo);
      last = after === -1 ? n - 1 : Math.max(0, after - 1);
    }
    return first <= last ? [first, last] : null;
  }

  geometry() {
    const width = Math.max(200, this.element.clientWidth);
    const n = Math.max(1, this.periods.length);
    const inner = width - PAD.left - PAD.right;
    return { width, n, step: inner / n, inner };
  }

  indexAt(clientX) {
    const { n, step } = this.geometry();
    const x = clientX - this.element.getBoundingClientRect().left - PAD.left;
    return Math.max(0, Math.min(n - 1, Math.floor(x / step)));
  }

  render() {
    const el = this.element;
    clear(el);
    if (!this.periods.length) {
      el.append(s('svg', { width: '100%', height: HEIGHT, class: 'timeline-svg', role: 'presentation' },
        s('text', { x: 10, y: HEIGHT / 2, class: 'axis-label' }, 'No dated events match.')));
      this.describe();
      return;
    }
    const { width, step } = this.geometry();
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const maxEvents = Math.max(1, ...this.periods.map((p) => p.events));
    const maxKilled = Math.max(1, ...this.periods.map((p) => p.fatalities));
    const svg = s('svg', { width, height: HEIGHT, class: 'timeline-svg', role: 'presentation' });
    if (this.selection) {
      const [a, b] = this.selection;
      svg.append(s('rect', { class: 'selection', x: PAD.left + a * step, y: PAD.top - 4, width: (b - a + 1) * step, height: plotH + 8 }));
    }
    this.periods.forEach((p, i) => {
      const group = s('g', { class: 'period' });
      let y = PAD.top + plotH;
      for (const type of EVENT_TYPES) {
        const part = p.by_type[type];
        if (!part) continue;
        const h = (part.events / maxEvents) * plotH;
        y -= h;
        group.append(s('rect', { class: `bar ${typeClass(type)}`, x: PAD.left + i * step + step * 0.1, y, width: Math.max(1, step * 0.8), height: Math.max(0.5, h) }));
      }
      const label = p.start === p.end ? p.start : `${p.start} to ${p.end}`;
      group.append(s('title', {}, `${label}: ${p.events} events, ${p.fatalities} killed (incidents)`));
      svg.append(group);
    });
    const points = this.periods.map((p, i) => `${PAD.left + (i + 0.5) * step},${PAD.top + plotH - (p.fatalities / maxKilled) * plotH}`);
    svg.append(s('polyline', { class: 'fatalities-line', points: points.join(' ') }));
    if (document.activeElement === el) {
      svg.append(s('rect', { class: 'cursor', x: PAD.left + this.cursor * step, y: PAD.top - 4, width: Math.max(2, step), height: plotH + 8 }));
    }
    const first = this.periods[0].start;
    const last = this.periods[this.periods.length - 1].end;
    svg.append(s('text', { x: PAD.left, y: HEIGHT - 4, class: 'axis-label' }, first));
    svg.append(s('text', { x: width - PAD.right, y: HEIGHT - 4, class: 'axis-label end' }, last));
    svg.append(s('text', { x: 2, y: PAD.top + 10, class: 'axis-label' }, String(maxEvents)));
    svg.append(s('text', { x: width - 2, y: PAD.top + 10, class: 'axis-label end killed' }, `${maxKilled}†`));
    el.append(svg);
    this.describe();
  }

  describe() {
    const text = this.selection ? this.rangeText(this.selection) : 'no range selected';
    const where = this.periods[this.cursor];
    this.element.setAttribute('aria-label', `Timeline by ${this.bucket || 'period'}; ${where ? 'at ' + where.start + ', ' + where.events + ' events' : 'empty'}; ${text}`);
    this.rangeLabel.textContent = this.selection ? `Selected: ${text}` : this.undated ? `${this.undated} undated events are not on the timeline.` : '';
    this.clearButton.hidden = !this.selection;
  }

  rangeText([a, b]) {
    return `${this.periods[a].start} to ${this.periods[b].end}`;
  }

  pointerDown(e) {
    if (!this.periods.length || e.button !== 0) return;
    this.element.setPointerCapture(e.pointerId);
    const i = this.indexAt(e.clientX);
    this.drag = { from: i };
    this.selection = [i, i];
    this.cursor = i;
    this.render();
  }

  pointerMove(e) {
    if (!this.drag) return;
    const i = this.indexAt(e.clientX);
    this.selection = [Math.min(this.drag.from, i), Math.max(this.drag.from, i)];
    this.render();
  }

  pointerUp(e) {
    if (!this.drag) return;
    this.drag = null;
    this.element.releasePointerCapture(e.pointerId);
    this.apply(this.selection);
  }

  key(e) {
    const n = this.periods.length;
    if (!n) return;
    const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n, PageDown: -10, PageUp: 10 };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(n - 1, this.cursor + moves[e.key]));
      if (e.shiftKey) {
        if (this.anchor === null) this.anchor = this.cursor;
        this.selection = [Math.min(this.anchor, next), Math.max(this.anchor, next)];
      } else {
        this.anchor = null;
      }
      this.cursor = next;
      this.render();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.apply(this.selection || [this.cursor, this.cursor]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.anchor = null;
      this.apply(null);
    }
  }

  apply(selection) {
    this.selection = selection;
    this.render();
    if (!selection) this.onRange(null, null);
    else this.onRange(this.periods[selection[0]].start, this.periods[selection[1]].end);
  }
}
