// The car to operate and what a person standing at it sees and hears. The buttons send `act`
// with the control's own fields (contract 1: the scenario step vocabulary, `press_fob` with
// `button`, `press_lid_handle`, `open`/`close` with `what`, `set_ignition` with `on`,
// `press_hazard`, `set_battery` with `volts`); the session's `hello` lists the controls it offers.

// Used when `hello` gives no list: the actions of the issue, in the step vocabulary.
const DEFAULT_CONTROLS = [
  { label: 'Fob: lock', action: 'press_fob', button: 'lock' },
  { label: 'Fob: unlock', action: 'press_fob', button: 'unlock' },
  { label: 'Fob: trunk', action: 'press_fob', button: 'trunk' },
  { label: 'Tailgate lid handle', action: 'press_lid_handle' },
  { label: 'Open driver door', action: 'open', what: 'driver_door' },
  { label: 'Close driver door', action: 'close', what: 'driver_door' },
  { label: 'Close tailgate', action: 'close_hatch' },
  { label: 'Ignition on', action: 'set_ignition', on: true },
  { label: 'Ignition off', action: 'set_ignition', on: false },
  { label: 'Hazard switch', action: 'press_hazard' },
];

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
      this.act({ label: 'Battery charge', action: 'set_battery', volts: Number(volts.value) }));
  }

  setup(controls) {
    const list = Array.isArray(controls) && controls.length ? controls.map(normalise) : DEFAULT_CONTROLS;
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
    document.getElementById('battery-control').hidden = !battery && Array.isArray(controls) && controls.length > 0;
  }

  async act(control) {
    const { label, ...fields } = control;
    try {
      await this.session.request('act', fields);
      if (this.onActed) this.onActed(label);
    } catch (e) {
      this.note(`${label}: ${e.message}`);
    }
  }

  note(words) {
    const li = document.createElement('li');
    li.textContent = words;
    this.status.prepend(li);
  }

  // What a person sees and hears, from the state event.
  update(state) {
    const seen = describe(state);
    const key = seen.join('\n');
    if (key === this.lastSeen) return this.time(state);   // a live region: only real changes
    this.lastSeen = key;
    const list = this.status;
    list.querySelectorAll('li.seen').forEach((li) => li.remove());
    for (const words of seen) {
      const li = document.createElement('li');
      li.className = 'seen';
      li.textContent = words;
      list.prepend(li);
    }
    this.time(state);
  }

  time(state) {
    if (state.sim_s !== undefined) {
      document.getElementById('sim-time').textContent = `Car time ${Number(state.sim_s).toFixed(1)} s`;
    }
  }
}

// A control from `hello`: {action, label?, ...fields}; a plain string is an action without fields.
function normalise(control) {
  if (typeof control === 'string') return { label: control.replace(/_/g, ' '), action: control };
  return { label: control.label || control.action.replace(/_/g, ' '), ...control };
}

// The state event's observations in words: {sees: {...}} or {observations: [...]} (strings or
// {name, value}); booleans read "on" / "off".
function describe(state) {
  const out = [];
  const sees = state.sees || state.observations || state.car || {};
  if (Array.isArray(sees)) {
    for (const item of sees) out.push(typeof item === 'string' ? item : `${item.name}: ${word(item.value)}`);
  } else {
    for (const [name, value] of Object.entries(sees)) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) out.push(`${label(name)} ${label(k)}: ${word(v)}`);
      } else if (Array.isArray(value)) {
        if (value.length) out.push(`${label(name)}: ${value.join(', ')}`);
      } else {
        out.push(`${label(name)}: ${word(value)}`);
      }
    }
  }
  return out.reverse();
}

const label = (name) => String(name).replace(/[_.]/g, ' ');
const word = (v) => (v === true ? 'yes' : v === false ? 'no' : String(v));
