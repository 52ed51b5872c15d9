// The student's page: pick an exercise, get a car of one's own (a session on the server), work on
// it with the panels below, submit a diagnosis, read the debrief. Each panel is its own module;
// this file starts the session and hands the session's answers and events to them.

import { listExercises, createSession, Session } from './session.js';
import { WiringView } from './wiring.js';
import { InstrumentPanel } from './instruments.js';
import { CarPanel } from './car.js';
import { BenchPanel } from './bench.js';
import { TesterPanel } from './tester.js';
import { PartsPanel, money } from './parts.js';
import { DiagnosisPanel, renderDebrief } from './debrief.js';

const $ = (id) => document.getElementById(id);
const TOOL_WORDS = {
  dvm: 'DVM', ohmmeter: 'ohmmeter', clamp: 'clamp meter', test_lamp: 'test lamp', ds2: 'DS2 tester',
  connectors: 'unplugging connectors', fuses: 'pulling fuses',
};
const page = { spent: 0, hints: 0, budgetMin: null, currency: '' };

async function loadExercises() {
  const select = $('exercise');
  try {
    const exercises = await listExercises();
    for (const e of exercises) {
      const option = document.createElement('option');
      option.value = e.id;
      option.textContent = e.title || e.id;
      select.appendChild(option);
    }
    const wanted = new URLSearchParams(location.search).get('exercise');
    if (wanted) select.value = wanted;
    // The customer's words of the chosen exercise, before the student starts it.
    const preview = () => {
      const chosen = exercises.find((e) => e.id === select.value);
      $('exercise-preview').textContent = chosen ? chosen.work_order : '';
    };
    select.addEventListener('change', preview);
    preview();
  } catch (e) {
    $('start-status').textContent = e.message;
  }
}

async function start(event) {
  event.preventDefault();
  $('start-button').disabled = true;
  $('start-status').textContent = 'Bringing the car in…';
  try {
    const created = await createSession($('student').value.trim(), $('exercise').value);
    // The address names the session, so a reload (or a dropped line) comes back to the same car;
    // the token stays in the server's HttpOnly cookie.
    history.replaceState(null, '', `?session=${encodeURIComponent(created.session)}`);
    await attach(created.session);
  } catch (e) {
    $('start-status').textContent = e.message;
    $('start-button').disabled = false;
  }
}

// Connects to a session (new, or from the address: one the instructor started with a chosen seed,
// or this student's after a reload) and sets the page up from its `hello`.
async function attach(sessionId) {
  const session = new Session(sessionId);
  await session.open();
  const hello = await session.request('hello');
  setUp(session, hello);
}

async function resume(sessionId) {
  $('start-status').textContent = 'Reconnecting to your car…';
  try {
    await attach(sessionId);
    $('start-status').textContent = '';
  } catch (e) {
    $('start-status').textContent = `That session cannot be reached (${e.message}); start an exercise.`;
    history.replaceState(null, '', location.pathname);
  }
}

function setUp(session, hello) {
  const exercise = hello.exercise || {};
  page.currency = exercise.currency || '';
  page.budgetMin = exercise.time_budget_s !== undefined ? Math.round(exercise.time_budget_s / 60) : null;
  $('exercise-title').textContent = exercise.title || exercise.id || '';
  $('work-order-text').textContent = exercise.work_order || '';
  const tools = exercise.tools || [];
  $('tools-allowed').textContent = tools.length ? `Tools allowed: ${tools.map((t) => TOOL_WORDS[t] || t).join(', ')}` : '';
  $('time-budget').textContent = page.budgetMin !== null ? `${page.budgetMin} min` : '-';

  const points = hello.points || {};
  let instruments;
  const wiring = new WiringView($('wiring-view'), (point) => instruments.pick(point));
  instruments = new InstrumentPanel(session, wiring, $('place-status'));
  const car = new CarPanel(session);
  wiring.draw(hello.wiring);
  instruments.setup(tools, points);
  const allows = (tool) => tools.length === 0 || tools.includes(tool);
  $('tester').hidden = !allows('ds2');
  $('connectors').hidden = !allows('connectors');
  $('fuses').hidden = !allows('fuses');
  $('bench').hidden = !allows('connectors') && !allows('fuses');
  car.setup(hello.controls);
  const bench = new BenchPanel(session, wiring);
  bench.setup(points);
  new TesterPanel(session);
  const parts = exercise.parts || [];
  new PartsPanel(session, (answer) => charged(answer)).setup(parts, page.currency);
  new DiagnosisPanel(session, (answer) => debrief(session, answer))
    .setup(exercise.components, exercise.causes);
  $('hint-button').addEventListener('click', () => hint(session));

  session.onEvent((message) => {
    if (message.event === 'state') {
      car.update(message);
      instruments.update(message.instruments);
      bench.update(message);
      clock(message);
    }
  });
  session.onClosed(() => {
    if ($('debrief').hidden) $('connection-status').textContent = 'The connection to the workshop closed. Reload the page to resume.';
  });

  if (hello.state) {
    car.update(hello.state);
    instruments.update(hello.state.instruments);
    bench.update(hello.state);
    clock(hello.state);
  }
  $('start').hidden = true;
  $('workshop').hidden = false;
  $('clock').hidden = false;
  $('work-order-h').focus();   // a screen reader starts at the work order
}

// Time used counts as the score counts it: wall time plus the workshop minutes parts charged.
function clock(state) {
  if (state.wall_s !== undefined) {
    const s = Math.floor(state.wall_s + 60 * (state.minutes_charged || 0));
    $('time-used').textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
  if (state.money_spent !== undefined) {
    page.spent = state.money_spent;
    $('money-spent').textContent = money(page.spent, page.currency);
  }
}

function charged(answer) {
  clock({ money_spent: answer.money_spent });
}

async function hint(session) {
  const button = $('hint-button');
  button.disabled = true;
  try {
    const answer = await session.request('hint');
    const li = document.createElement('li');
    li.textContent = answer.text;
    $('hints').appendChild(li);
    page.hints = answer.hints ?? page.hints + 1;
    $('hints-used').textContent = String(page.hints);
  } catch (e) {
    const li = document.createElement('li');
    li.textContent = `No hint: ${e.message}`;
    $('hints').appendChild(li);
  } finally {
    button.disabled = false;
  }
}

// The debrief joins the score's measurements with the session's log (what each one was).
async function debrief(session, answer) {
  let path = [];
  try {
    const log = await session.request('log');
    path = log.path;
  } catch (_) { /* the debrief shows the score without the readings' words */ }
  renderDebrief(answer, path, page.currency);
  $('workshop').hidden = true;
  const section = $('debrief');
  section.hidden = false;
  section.focus();
}

$('start-form').addEventListener('submit', start);
loadExercises();
const resumed = new URLSearchParams(location.search).get('session');
if (resumed) resume(resumed);
