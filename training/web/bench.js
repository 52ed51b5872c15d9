// Connectors and fuses the exercise lets the student work on: unplug / plug a connector, pull /
// refit a fuse. Each is a toggle button whose pressed state says what was done to the car; the
// wiring view draws the unplugged connector or the pulled fuse open.

export class BenchPanel {
  constructor(session, wiring, onChanged) {
    this.session = session;
    this.wiring = wiring;
    this.onChanged = onChanged;
    this.status = document.getElementById('bench-status');
  }

  setup(points) {
    this.fill('connectors', (points && points.connectors) || [], 'unplug', 'plug', 'Unplug', 'connector');
    this.fill('fuses', (points && points.fuses) || [], 'pull_fuse', 'refit_fuse', 'Pull fuse', 'fuse');
  }

  fill(id, names, offOp, onOp, verb, field) {
    const box = document.getElementById(id);
    box.textContent = '';
    for (const entry of names) {
      const name = typeof entry === 'string' ? entry : entry.name;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${verb} ${name}`;
      button.setAttribute('aria-pressed', 'false');
      button.dataset[field] = name;
      button.addEventListener('click', async () => {
        const open = button.getAttribute('aria-pressed') === 'true';
        try {
          const answer = await this.session.request(open ? onOp : offOp, { [field]: name });
          this.show(button, name, !open);
          const blown = answer.blown === undefined ? '' : answer.blown ? ': it is blown' : ': it looks intact';
          this.status.textContent = `${name} ${open ? (field === 'fuse' ? 'refitted' : 'plugged in') :
            (field === 'fuse' ? 'pulled' : 'unplugged')}${blown}.`;
          if (this.onChanged) this.onChanged();
        } catch (e) {
          this.status.textContent = `${name}: ${e.message}`;
        }
      });
      box.appendChild(button);
    }
  }

  show(button, name, open) {
    button.setAttribute('aria-pressed', String(open));
    this.wiring.showOpen(name, open);
  }

  // The car's own account (a state event, or `hello` after a reload): what is unplugged and pulled.
  update(state) {
    for (const [list, field] of [[state.unplugged, 'connector'], [state.fuses_pulled, 'fuse']]) {
      if (!Array.isArray(list)) continue;
      for (const button of document.querySelectorAll(`#bench button[data-${field}]`)) {
        const name = button.dataset[field];
        const open = list.includes(name);
        if ((button.getAttribute('aria-pressed') === 'true') !== open) this.show(button, name, open);
      }
    }
  }
}
