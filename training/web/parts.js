// Parts the workshop can replace or repair, each with its price and the minutes it takes; the
// session charges them and changes the car (a replaced faulty part takes its fault with it).

export class PartsPanel {
  constructor(session, onCharged) {
    this.session = session;
    this.onCharged = onCharged;
    this.status = document.getElementById('parts-status');
  }

  // parts: [{id, name, action: replace|repair, price, minutes}] from the exercise.
  setup(parts, currency) {
    this.currency = currency || '';
    const body = document.querySelector('#parts-table tbody');
    body.textContent = '';
    for (const part of parts || []) {
      const row = document.createElement('tr');
      const name = part.name || part.id;
      cell(row, name, 'th');
      cell(row, money(part.price, this.currency));
      cell(row, part.minutes !== undefined ? `${part.minutes} min` : '');
      const actions = document.createElement('td');
      const op = part.action === 'repair' ? 'repair' : 'replace';
      actions.append(this.button(op, part, name, op === 'repair' ? 'Repair' : 'Replace'));
      row.appendChild(actions);
      body.appendChild(row);
    }
  }

  button(op, part, name, verb) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = verb;
    button.dataset.part = part.id;
    button.setAttribute('aria-label', `${verb} ${name}`);
    button.addEventListener('click', async () => {
      try {
        const answer = await this.session.request(op, { part: part.id });
        this.status.textContent = `${name} ${op === 'replace' ? 'replaced' : 'repaired'}: ` +
          `${money(answer.price, this.currency)}, ${answer.minutes} min.`;
        if (this.onCharged) this.onCharged(answer);
      } catch (e) {
        this.status.textContent = `${name}: ${e.message}`;
      }
    });
    return button;
  }
}

export function money(value, currency = '') {
  if (value === undefined || value === null) return '';
  return `${Number(value).toFixed(2)}${currency ? ' ' + currency : ''}`;
}

function cell(row, content, tag = 'td') {
  const c = document.createElement(tag);
  if (tag === 'th') c.scope = 'row';
  c.textContent = content;
  row.appendChild(c);
}
