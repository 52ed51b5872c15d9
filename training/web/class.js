// The instructor's class page (/class?key=K): every attempt from the server's class export
// (GET /api/class/attempts.json?key=K: attempt records, training/records: student, exercise, seed,
// started, submitted, path, submission, score), and links to the same export as CSV and JSON.

const key = new URLSearchParams(location.search).get('key') || '';
const exportUrl = (ext) => `/api/class/attempts.${ext}?key=${encodeURIComponent(key)}`;

document.getElementById('export-csv').href = exportUrl('csv');
document.getElementById('export-json').href = exportUrl('json');
document.getElementById('refresh').addEventListener('click', load);

async function load() {
  const status = document.getElementById('class-status');
  status.textContent = 'Loading…';
  try {
    const response = await fetch(exportUrl('json'));
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    const data = await response.json();
    const attempts = Array.isArray(data) ? data : data.attempts || [];
    render(attempts);
    status.textContent = `${attempts.length} attempt${attempts.length === 1 ? '' : 's'}.`;
  } catch (e) {
    status.textContent = `Could not load the attempts: ${e.message}`;
  }
}

function render(attempts) {
  const body = document.querySelector('#attempts tbody');
  body.textContent = '';
  const sorted = [...attempts].sort((a, b) => String(finished(b)).localeCompare(String(finished(a))));
  for (const a of sorted) {
    const s = a.score && typeof a.score === 'object' ? a.score : a;
    const row = document.createElement('tr');
    const time = s.time_used_s !== undefined ? s.time_used_s / 60 : undefined;
    const wrong = s.wrong_parts || a.wrong_parts || [];
    const path = a.path || [];
    const cells = [
      a.student, a.exercise, a.seed,
      s.solved === undefined ? '' : s.solved ? 'yes' : 'no',
      s.points && typeof s.points === 'object' ? Number(s.points.total).toFixed(0) : '',
      wrong.map((w) => w.part).join(', '),
      time === undefined ? '' : Number(time).toFixed(1),
      path.filter((e) => ['measurement', 'ds2', 'observation'].includes(e.kind)).length,
      s.hints ?? '',
      finished(a),
    ];
    cells.forEach((v, i) => {
      const c = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) c.scope = 'row';
      c.textContent = v === undefined || v === null ? '' : String(v);
      row.appendChild(c);
    });
    body.appendChild(row);
  }
}

function finished(a) {
  return a.submitted || '';
}

load();
