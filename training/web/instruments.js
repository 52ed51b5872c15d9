// The instruments panel: choose an instrument, put its leads on two points (a clamp on one place),
// and show what every placed instrument displays, live from the session's state events: value,
// the MIN/MAX held since it was placed (a release pulse lasts 200 ms), the ohmmeter's warning
// when the part is live, the lamp lit or dark.

export const INSTRUMENTS = {
  dvm: { label: 'DVM (volts)', leads: 2 },
  ohmmeter: { label: 'Ohmmeter', leads: 2 },
  clamp: { label: 'Clamp meter (amps)', leads: 1 },
  test_lamp: { label: 'Test lamp 21 W', leads: 2 },
};

export class InstrumentPanel {
  constructor(session, wiring, status) {
    this.session = session;
    this.wiring = wiring;
    this.status = status;
    this.kind = 'dvm';
    this.placed = new Map();     // slot -> {instrument, first, second}
    this.readings = new Map();   // slot -> the last state entry for it
    this.history = new Map();    // slot -> [{t, v}] of the last TRACE_S seconds, for the trace
    this.red = document.getElementById('lead-red');
    this.black = document.getElementById('lead-black');
    document.getElementById('place-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.place();
    });
    document.getElementById('leads-clear').addEventListener('click', () => this.clearLeads());
    for (const input of [this.red, this.black]) input.addEventListener('input', () => this.showLeads());
  }

  // The tools the exercise allows, as radio buttons; the point lists for typing a point's name.
  setup(tools, points) {
    const fieldset = document.getElementById('instrument-kind');
    for (const old of fieldset.querySelectorAll('label')) old.remove();
    const allowed = Object.keys(INSTRUMENTS).filter((k) => !tools || tools.length === 0 || tools.includes(k));
    document.getElementById('instruments').hidden = allowed.length === 0;
    for (const kind of allowed) {
      const label = document.createElement('label');
      const radio = document.createElement('input');
      Object.assign(radio, { type: 'radio', name: 'instrument', value: kind, id: `instrument-${kind}` });
      radio.addEventListener('change', () => this.choose(kind));
      label.append(radio, ` ${INSTRUMENTS[kind].label}`);
      fieldset.appendChild(label);
    }
    if (allowed.length) {
      document.getElementById(`instrument-${allowed[0]}`).checked = true;
      this.choose(allowed[0]);
    }
    fillDatalist('points-list', (points && points.measure) || []);
    fillDatalist('clamp-list', (points && points.clamp) || []);
  }

  choose(kind) {
    this.kind = kind;
    const clamp = INSTRUMENTS[kind].leads === 1;
    document.getElementById('lead-red-label').textContent = clamp ? 'Clamp on' : 'Red lead';
    this.red.setAttribute('list', clamp ? 'clamp-list' : 'points-list');
    this.black.hidden = clamp;
    document.getElementById('lead-black-label').hidden = clamp;
    this.clearLeads();
  }

  // A click on a point in the wiring view: the red lead first, then the black; the second lead
  // (or a clamp's only one) places the instrument.
  pick(point) {
    if (INSTRUMENTS[this.kind].leads === 1 || !this.red.value) {
      this.red.value = point;
      this.status.textContent = INSTRUMENTS[this.kind].leads === 1 ? '' : `Red lead on ${point}; now the black lead.`;
    } else {
      this.black.value = point;
    }
    this.showLeads();
    const ready = INSTRUMENTS[this.kind].leads === 1 || (this.red.value && this.black.value);
    if (ready) this.place();
  }

  clearLeads() {
    this.red.value = '';
    this.black.value = '';
    this.showLeads();
  }

  async place() {
    const first = this.red.value.trim();
    const second = INSTRUMENTS[this.kind].leads === 1 ? undefined : this.black.value.trim();
    if (!first || (INSTRUMENTS[this.kind].leads === 2 && !second)) {
      this.status.textContent = 'Put both leads on first.';
      return;
    }
    const fields = { instrument: this.kind, first };
    if (second !== undefined) fields.second = second;
    try {
      const answer = await this.session.request('place', fields);
      this.placed.set(answer.slot, { instrument: this.kind, first, second });
      this.status.textContent = `${INSTRUMENTS[this.kind].label} placed on ${first}${second ? ' / ' + second : ''}.`;
      this.clearLeads();
      this.render();
    } catch (e) {
      this.status.textContent = `Not placed: ${e.message}`;
    }
  }

  // The student notes what the display shows now (and its MIN/MAX): the session records it as a
  // measurement of their path; removing the instrument notes its last reading too.
  async note(slot) {
    try {
      await this.session.request('read', { slot });
      const r = this.readings.get(slot);
      const p = this.placed.get(slot);
      this.status.textContent = `Noted: ${p ? `${p.first}${p.second ? ' / ' + p.second : ''}` : ''} ` +
        `${r ? shown(r) : ''}${r && r.maxDisplay ? ` (MIN ${r.minDisplay}, MAX ${r.maxDisplay})` : ''}.`;
    } catch (e) {
      this.status.textContent = `Not noted: ${e.message}`;
    }
  }

  async remove(slot) {
    try {
      await this.session.request('remove', { slot });
      this.placed.delete(slot);
      this.readings.delete(slot);
      this.history.delete(slot);
      this.render();
    } catch (e) {
      this.status.textContent = `Not removed: ${e.message}`;
    }
  }

  // The state event's instruments: [{slot, instrument, first, second, now, min, max, held,
  // energised, lit}] with now/min/max readings {value, unit, overload, display} (LiveCar's
  // SlotDisplay); flat {value, unit, display, min, max} taken too.
  update(instruments) {
    if (!Array.isArray(instruments)) return;
    const now = performance.now() / 1000;
    for (const raw of instruments) {
      const entry = flatten(raw);
      this.readings.set(entry.slot, entry);
      const trace = this.history.get(entry.slot) || [];
      if (typeof entry.value === 'number') trace.push({ t: now, v: entry.value });
      while (trace.length && trace[0].t < now - TRACE_S) trace.shift();
      this.history.set(entry.slot, trace);
      if (!this.placed.has(entry.slot)) {
        this.placed.set(entry.slot, { instrument: entry.instrument, first: entry.first, second: entry.second });
      }
    }
    this.render();
  }

  showLeads() {
    const leads = [];
    for (const p of this.placed.values()) {
      leads.push({ point: p.first, colour: p.instrument === 'clamp' ? 'clamp' : 'red' });
      if (p.second) leads.push({ point: p.second, colour: 'black' });
    }
    if (this.red.value) leads.push({ point: this.red.value, colour: INSTRUMENTS[this.kind].leads === 1 ? 'clamp' : 'red' });
    if (this.black.value) leads.push({ point: this.black.value, colour: 'black' });
    this.wiring.showLeads(leads);
  }

  // One card per placed instrument, made once and then updated in place: its buttons stay the
  // same elements while readings arrive 20 times a second (a click is never lost to a redraw).
  render() {
    const list = document.getElementById('placed');
    this.cards = this.cards || new Map();
    for (const [slot, card] of this.cards) {
      if (!this.placed.has(slot)) {
        card.li.remove();
        this.cards.delete(slot);
      }
    }
    for (const [slot, p] of this.placed) {
      if (!this.cards.has(slot)) {
        const card = this.card(slot, p);
        this.cards.set(slot, card);
        list.appendChild(card.li);
      }
      this.fill(this.cards.get(slot), slot, p, this.readings.get(slot));
    }
    this.showLeads();
  }

  card(slot, p) {
    const li = document.createElement('li');
    li.className = `instrument ${p.instrument}`;
    li.dataset.slot = slot;
    const name = document.createElement('span');
    name.className = 'instrument-name';
    name.textContent = `${INSTRUMENTS[p.instrument] ? INSTRUMENTS[p.instrument].label : p.instrument}: ` +
      (p.second ? `red ${p.first}, black ${p.second}` : `on ${p.first}`);
    const display = document.createElement('span');   // not a live region: it changes 20 times a second
    display.className = 'display';
    display.textContent = '…';
    const hold = document.createElement('span');
    hold.className = 'hold';
    const traceBox = document.createElement('span');
    traceBox.className = 'trace-box';
    const warning = document.createElement('strong');
    warning.className = 'energised';
    warning.setAttribute('role', 'alert');
    warning.hidden = true;
    const buttons = document.createElement('span');
    buttons.className = 'card-buttons';
    buttons.append(this.cardButton(slot, 'note', 'Note reading', name.textContent, () => this.note(slot)),
                   this.cardButton(slot, 'remove', 'Remove', name.textContent, () => this.remove(slot)));
    li.append(name, display, hold, traceBox, warning, buttons);
    return { li, display, hold, traceBox, warning };
  }

  fill(card, slot, p, r) {
    if (!r) return;
    card.display.textContent = shown(r);
    if (p.instrument === 'test_lamp') {
      card.li.classList.toggle('lit', Boolean(r.lit ?? r.display === 'lit'));
    } else {
      card.hold.textContent = r.held === false ? 'MIN - MAX -'
        : `MIN ${r.minDisplay || number(r.min, r.unit)}  MAX ${r.maxDisplay || number(r.max, r.unit)}`;
      card.traceBox.replaceChildren(trace(this.history.get(slot) || [], r.unit));
    }
    const energised = Boolean(r.energised);
    if (energised && card.warning.hidden) {
      card.warning.textContent = 'Energised: this part is live, the ohms mean nothing. Unplug it or pull its fuse.';
    }
    card.warning.hidden = !energised;
  }

  cardButton(slot, what, words, instrument, onClick) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.slot = slot;
    button.dataset.what = what;
    button.textContent = words;
    button.setAttribute('aria-label', `${words}: ${instrument}`);
    button.addEventListener('click', onClick);
    return button;
  }
}

const UNIT = { ohm: 'Ω' };

// A SlotDisplay with nested readings, as one flat entry: value, unit, display, min, max and their
// displays.
function flatten(raw) {
  const reading = (r) => (r !== null && typeof r === 'object' ? r : { value: r });
  if (raw.now === undefined) return raw;
  const now = reading(raw.now), min = reading(raw.min), max = reading(raw.max);
  return {
    ...raw, value: now.value, unit: now.unit ?? raw.unit, display: now.display, overload: now.overload,
    min: min.value, max: max.value, minDisplay: min.display, maxDisplay: max.display,
  };
}
const TRACE_S = 10;   // seconds of readings the trace keeps

// The reading over the last TRACE_S seconds as a small SVG line (a 200 ms pulse shows as a spike),
// scaled to what it held; an image with its range in words for screen readers.
function trace(points, unit) {
  const W = 220, H = 36;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'trace');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('width', W);
  svg.setAttribute('height', H);
  svg.setAttribute('role', 'img');
  if (points.length < 2) {
    svg.setAttribute('aria-label', 'no trace yet');
    return svg;
  }
  const values = points.map((p) => p.v);
  const lo = Math.min(0, ...values), hi = Math.max(...values);
  const span = hi - lo || 1;
  const t1 = points[points.length - 1].t;
  const xy = points.map((p) => `${(W - ((t1 - p.t) / TRACE_S) * W).toFixed(1)},${(H - 3 - ((p.v - lo) / span) * (H - 6)).toFixed(1)}`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', xy.join(' '));
  svg.appendChild(line);
  svg.setAttribute('aria-label', `last ${TRACE_S} s: from ${number(Math.min(...values), unit)} to ${number(hi, unit)}`);
  return svg;
}

function number(value, unit) {
  if (value === undefined || value === null) return '-';
  const n = Number(value);
  const digits = Math.abs(n) >= 100 ? 1 : Math.abs(n) >= 10 ? 2 : 3;
  return `${n.toFixed(digits)} ${UNIT[unit] || unit || ''}`.trim();
}

function shown(r) {
  if (r.display) return r.display;
  return number(r.value, r.unit);
}

function fillDatalist(id, names) {
  const list = document.getElementById(id);
  list.textContent = '';
  for (const name of names) {
    const option = document.createElement('option');
    option.value = typeof name === 'string' ? name : name.name;
    list.appendChild(option);
  }
}
