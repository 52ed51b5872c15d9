// The car to operate and what a person standing at it sees and hears. The session's `hello` lists
// the controls ({label, action, args}: the scenario step vocabulary, `press_fob` with `button`,
// `press_lid_handle`, `open`/`close` with `what`, `set_ignition` with `on`, `set_battery` with
// `volts`...); a button sends `act` with the action and its arguments.

export class CarPanel {
  constructor(session, onActed) {
    this.session = session;
    this.onActed = onActed;
    this.status = document.getElementById('observations');
    const volts = document.getElementById('battery-volts');
    volts.addEventListener('input', () => {
      document.getElementById('battery-volts-out').textContent = `${Number(volts.value).toFixed(1)} V`;
    });
    document.getElementById('battery-set').addEventListener('click', () =>
      this.act({ label: `Battery charge ${Number(volts.value).toFixed(1)} V`, action: 'set_battery',
                 volts: `${Number(volts.value).toFixed(1)} V` }));
  }

  setup(controls) {
    const list = (controls || []).map(normalise);
    const box = document.getElementById('controls');
    box.textContent = '';
    let battery = false;
    for (const control of list) {
      if (control.action === 'set_battery') {
        battery = true;
        continue;
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = control.label;
      button.dataset.action = control.action;
      button.addEventListener('click', () => this.act(control));
      box.appendChild(button);
    }
    document.getElementById('battery-control').hidden = !battery;
  }

  async act(control) {
    const { label, ...fields } = control;
    try {
      await this.session.request('act', fields);
      this.note(`You: ${label}`);
      if (this.onActed) this.onActed(label);
    } catch (e) {
      this.note(`${label}: ${e.message}`);
    }
  }

  note(words) {
    const li = document.createElement('li');
    li.textContent = words;
    this.status.prepend(li);
    while (this.status.children.length > 40) this.status.lastChild.remove();
  }

  // What a person sees and hears, from the state event: `car` (lamps, the lid, the locks, the
  // siren) as a steady picture in a list that is replaced; `heard` and `seen` (relay clicks, latch
  // clunks, flashes since the previous event) and the lid lifting as lines added to the live log.
  update(state) {
    const senses = state.car;
    if (senses && typeof senses === 'object') {
      const picture = steady(senses);
      const key = picture.join('\n');
      if (key !== this.lastPicture) {
        this.lastPicture = key;
        const list = document.getElementById('car-state');
        list.textContent = '';
        for (const words of picture) {
          const li = document.createElement('li');
          li.textContent = words;
          list.appendChild(li);
        }
      }
      const at = state.sim_s !== undefined ? `${Number(state.sim_s).toFixed(1)} s: ` : '';
      for (const words of moments(senses, state.heard || {}, state.seen || {}, this.previous)) this.note(at + words);
      this.previous = senses;
    }
    if (state.sim_s !== undefined) {
      document.getElementById('sim-time').textContent = `Car time ${Number(state.sim_s).toFixed(1)} s`;
    }
  }
}

const onOff = (v) => (v ? 'lit' : 'dark');

function steady(s) {
  const out = [];
  if ('hatch_open' in s) {
    out.push(`Tailgate: ${s.hatch_open ? `open${s.hatch_angle_deg ? ` (${Math.round(s.hatch_angle_deg)}°)` : ''}` : 'shut'}`);
  }
  if ('indicator_lh' in s) out.push(`Indicators: left ${onOff(s.indicator_lh)}, right ${onOff(s.indicator_rh)}`);
  if ('interior_light' in s) out.push(`Interior light: ${onOff(s.interior_light)}`);
  if (s.locked && typeof s.locked === 'object') {
    const locks = Object.entries(s.locked).map(([k, v]) => `${k.replace(/^door_lock\./, '').replace(/_/g, ' ')} ${v ? 'locked' : 'unlocked'}`);
    if (locks.length) out.push(`Locks: ${locks.join(', ')}`);
  }
  if (s.siren) out.push('The alarm siren sounds');
  return out;
}

// What happened since the previous event, in words.
function moments(s, heard, seen, before) {
  const out = [];
  if (heard.relay_clicks) out.push(`${heard.relay_clicks} relay click${heard.relay_clicks > 1 ? 's' : ''} in the footwell`);
  if (heard.latch_clunks) out.push('a clunk at the tailgate latch');
  if (seen.flashes) out.push(`the indicators flash${seen.flashes > 1 ? ` (${seen.flashes})` : ''}`);
  if (before && !before.hatch_open && s.hatch_open) out.push('the tailgate lifts');
  return out;
}

// A control from `hello`, {label, action, args}, as the fields of its `act` request.
function normalise(control) {
  if (typeof control === 'string') return { label: control.replace(/_/g, ' '), action: control };
  const { label, action, args } = control;
  return { label: label || action.replace(/_/g, ' '), action, ...(args || {}) };
}
