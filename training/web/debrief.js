// Submit the diagnosis (component and cause) and show the debrief the session answers with
// (contract 2): solved or not, the score, the wrong parts and their cost, the time, each
// measurement with its value (expected information in bits) and class beside the assistant's
// optimal path, and only now the fault that was hidden.

import { money } from './parts.js';

export class DiagnosisPanel {
  constructor(session, onDebrief) {
    this.session = session;
    this.onDebrief = onDebrief;
    this.status = document.getElementById('submit-status');
    document.getElementById('submit-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  // The exercise's answers (every pool component and cause, and decoys) as two choice lists; with
  // no list a field stays free text.
  setup(components, causes) {
    choices('diag-component', components || [], 'Choose the component');
    choices('diag-cause', causes || [], 'Choose the cause');
  }

  async submit() {
    const component = document.getElementById('diag-component').value.trim();
    const cause = document.getElementById('diag-cause').value.trim();
    document.getElementById('submit-button').disabled = true;
    this.status.textContent = 'Scoring…';
    try {
      const answer = await this.session.request('submit', { component, cause });
      this.status.textContent = '';
      this.onDebrief(answer);
    } catch (e) {
      this.status.textContent = `Not submitted: ${e.message}`;
      document.getElementById('submit-button').disabled = false;
    }
  }
}

// The debrief section from the submit answer: {score: Score, fault?...} with Score as in
// training/scoring/attempt.h (solved, component, cause, wrong_parts, time_used_s, points {solved,
// parts, time, quality, hints, total}, measurements [{path_index, test, outcome, bits, value, why}],
// optimal {steps [{test, outcome, cost_min, bits}], cost_min, verdict}). `path` is the session's
// log (the `log` op): what each measurement's path_index was.
export function renderDebrief(answer, path = [], currency = '') {
  const score = answer.score && typeof answer.score === 'object' ? answer.score : answer;
  const body = document.getElementById('debrief-body');
  body.textContent = '';

  const summary = document.createElement('dl');
  summary.className = 'summary';
  const points = score.points && typeof score.points === 'object' ? score.points : { total: score.points };
  add(summary, 'Result', score.solved ? 'Solved' : 'Not solved', score.solved ? 'solved' : 'unsolved');
  if (points.total !== undefined) add(summary, 'Score', `${round(points.total)} / 100`, 'score');
  if (points.solved !== undefined) {
    add(summary, 'Points', `diagnosis ${round(points.solved)} / 40, parts ${round(points.parts)} / 15, ` +
      `time ${round(points.time)} / 15, reasoning ${round(points.quality)} / 30` +
      (points.hints ? `, hints -${round(points.hints)}` : ''), 'points');
  }
  if (score.submitted) add(summary, 'You said', `${score.submitted.component}: ${score.submitted.cause}`);
  const fault = answer.fault || (score.component ? { component: score.component, cause: score.cause } : null);
  if (fault) add(summary, 'The fault was', faultWords(fault), 'fault');
  const used = score.time_used_s;
  if (used !== undefined) {
    add(summary, 'Time', `${(used / 60).toFixed(1)} min` +
      (score.time_budget_s ? ` of ${(score.time_budget_s / 60).toFixed(0)} min` : ''));
  }
  const wrong = score.wrong_parts || [];
  add(summary, 'Wrong parts', wrong.length ? wrong.map((w) => partWords(w, currency)).join(', ') : 'none', 'wrong-parts');
  if (wrong.length && score.wrong_parts_cost !== undefined) {
    add(summary, 'Cost of wrong parts', money(score.wrong_parts_cost, currency), 'wrong-cost');
  }
  if (score.hints !== undefined) add(summary, 'Hints', String(score.hints));
  body.appendChild(summary);

  const optimal = score.optimal || {};
  const columns = document.createElement('div');
  columns.className = 'paths';
  columns.append(studentPath(score.measurements || [], path, score.student_bits),
                 optimalPath(Array.isArray(optimal) ? optimal : optimal.steps || [], optimal, score.optimal_bits));
  body.appendChild(columns);
}

const round = (v) => (v === undefined || v === null ? '-' : Number(v).toFixed(0));

function studentPath(measurements, path, totalBits) {
  const section = document.createElement('section');
  section.setAttribute('aria-labelledby', 'student-path-h');
  const h = heading(section, 'Your measurements');
  h.id = 'student-path-h';
  const table = document.createElement('table');
  table.className = 'path';
  table.innerHTML = '<thead><tr><th scope="col">#</th><th scope="col">What</th><th scope="col">Reading</th>' +
    '<th scope="col">Test</th><th scope="col">Worth (bits)</th><th scope="col">Class</th></tr></thead>';
  const body = document.createElement('tbody');
  measurements.forEach((m, i) => {
    const entry = path[m.path_index] || {};
    const row = document.createElement('tr');
    const cls = String(m.value ?? m.class ?? '');
    if (cls) row.className = `class-${cls.replace(/[^a-z]+/gi, '-')}`;
    const test = m.test ? `${m.title || m.test}${m.outcome ? ': ' + m.outcome : ''}` : 'matches no catalogue test';
    for (const v of [i + 1, what(entry), reading(entry), test, bits(m), cls.replace(/_/g, ' ')]) {
      const c = document.createElement('td');
      c.textContent = v;
      row.appendChild(c);
    }
    if (m.why) row.title = m.why;
    body.appendChild(row);
  });
  table.appendChild(body);
  section.appendChild(table);
  if (totalBits !== undefined) {
    const p = document.createElement('p');
    p.className = 'small';
    p.textContent = `Information gathered: ${Number(totalBits).toFixed(2)} bits.`;
    section.appendChild(p);
  }
  return section;
}

function optimalPath(steps, optimal, totalBits) {
  const section = document.createElement('section');
  section.setAttribute('aria-labelledby', 'optimal-path-h');
  const h = heading(section, "The assistant's path on the same car");
  h.id = 'optimal-path-h';
  const list = document.createElement('ol');
  list.className = 'optimal';
  for (const s of steps) {
    if (typeof s === 'string') { item(list, s); continue; }
    const extra = [s.outcome, s.bits !== undefined ? `${Number(s.bits).toFixed(2)} bits` : '',
                   s.cost_min !== undefined ? `${s.cost_min} min` : ''].filter(Boolean).join(', ');
    item(list, extra ? `${s.title || s.test} (${extra})` : s.title || s.test);
  }
  section.appendChild(list);
  const words = [];
  if (optimal.cost_min !== undefined) words.push(`${optimal.cost_min} workshop min`);
  if (totalBits !== undefined) words.push(`${Number(totalBits).toFixed(2)} bits`);
  if (words.length) {
    const p = document.createElement('p');
    p.className = 'small';
    p.textContent = `In all: ${words.join(', ')}.`;
    section.appendChild(p);
  }
  return section;
}

// A path entry of the session's log (contract 2's PathEntry: kind, detail, reading).
function what(entry) {
  const d = entry.detail || {};
  if (d.instrument) return `${d.instrument} ${[d.first, d.second].filter(Boolean).join(' / ')}`;
  if (d.job) return `DS2 ${d.job}${d.item ? ' ' + d.item : ''}`;
  if (d.signal) return `seen: ${d.signal}`;
  return entry.kind || '';
}

// A path entry's reading in words: an instrument's value with its MIN/MAX hold, a fault code's
// state, a yes/no, a count.
const FAULT_STATES = ['absent', 'stored', 'active'];
function reading(entry) {
  const r = entry.reading;
  if (!r) return '';
  const n = (v) => (v === null || v === undefined ? 'OL' : String(Number(Number(v).toPrecision(4))));
  if (entry.kind === 'measurement') {
    const hold = r.min !== null && r.min !== undefined && r.max !== null && r.max !== undefined
      ? ` (min ${n(r.min)}, max ${n(r.max)})` : '';
    return `${n(r.value)} ${r.unit === 'ohm' ? 'Ω' : r.unit || ''}${hold}`;
  }
  if (r.unit === 'state' && entry.detail && entry.detail.job === 'faults') return FAULT_STATES[r.value] ?? n(r.value);
  if (r.unit === 'yes/no') return r.value ? 'yes' : 'no';
  if (r.value === null || r.value === undefined) return 'no answer';
  return `${n(r.value)} ${r.unit || ''}`.trim();
}

function bits(m) {
  const b = m.bits;
  return b === undefined || b === null ? '' : Number(b).toFixed(2);
}

function partWords(w, currency) {
  if (typeof w === 'string') return w;
  return `${w.part} (${w.repair ? 'repaired' : 'replaced'}, ${money(w.price, currency)})`;
}

function faultWords(fault) {
  if (typeof fault === 'string') return fault;
  const name = [fault.component, fault.cause].filter(Boolean).join(': ');
  const params = Object.entries(fault.parameters || {}).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`);
  const model = [fault.type, params.join(', ')].filter(Boolean).join('; ');
  return model ? `${name} (${model})` : name;
}

function add(dl, term, value, cls = '') {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (cls) dd.className = cls;
  dl.append(dt, dd);
}

function heading(parent, words) {
  const h = document.createElement('h3');
  h.textContent = words;
  parent.appendChild(h);
  return h;
}

function item(list, words) {
  const li = document.createElement('li');
  li.textContent = words;
  list.appendChild(li);
}

function choices(id, names, prompt) {
  if (names.length === 0) return;
  const input = document.getElementById(id);
  const select = document.createElement('select');
  select.id = id;
  select.required = true;
  const none = document.createElement('option');
  none.value = '';
  none.textContent = prompt;
  select.appendChild(none);
  for (const name of names) {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    select.appendChild(option);
  }
  input.replaceWith(select);
}
