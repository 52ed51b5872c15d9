// One student's session on the server (ISSUE13 contract 4): create it over HTTP, then speak the
// session child's ops (contract 1) over one WebSocket. Each request carries a fresh id; its answer
// resolves the promise request() returned. Events (no id) go to the listeners.

export async function listExercises() {
  const response = await fetch('/api/exercises');
  if (!response.ok) throw new Error(`the exercise list: ${await reason(response)}`);
  return response.json();
}

export async function createSession(student, exercise) {
  const response = await fetch('/api/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ student, exercise }),
  });
  if (!response.ok) throw new Error(`starting the exercise: ${await reason(response)}`);
  return response.json();   // {session, token}
}

// The server answers errors with a reason in words (JSON {error} or plain text).
async function reason(response) {
  const text = await response.text();
  try {
    const json = JSON.parse(text);
    if (json && json.error) return `${response.status} ${json.error}`;
  } catch (_) { /* plain text */ }
  return `${response.status} ${text || response.statusText}`;
}

export class Session {
  constructor(sessionId) {
    this.sessionId = sessionId;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.closedListeners = new Set();
  }

  // The token travels as the cookie the server set on POST /api/sessions: a browser cannot put an
  // Authorization header on a WebSocket.
  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/api/sessions/${encodeURIComponent(this.sessionId)}/ws`;
    this.socket = new WebSocket(url);
    this.socket.addEventListener('message', (e) => this.receive(e.data));
    this.socket.addEventListener('close', (e) => this.closed(e));
    return new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => resolve(), { once: true });
      this.socket.addEventListener('error', () => reject(new Error('the connection to the workshop failed')),
                                    { once: true });
    });
  }

  onEvent(listener) { this.listeners.add(listener); }
  onClosed(listener) { this.closedListeners.add(listener); }

  // Sends {id, op, ...fields}; resolves with the answer when ok, rejects with its error in words.
  request(op, fields = {}) {
    const id = this.nextId++;
    const message = { id, op, ...fields };
    return new Promise((resolve, reject) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
        reject(new Error('not connected to the workshop'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify(message));
    });
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (_) {
      console.warn('bcmhil: a message that is not JSON', data);
      return;
    }
    if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) resolve(message);
      else reject(new Error(message.error || 'refused'));
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  closed(event) {
    const error = new Error(`the connection closed (${event.code}${event.reason ? ': ' + event.reason : ''})`);
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const listener of this.closedListeners) listener(event);
  }
}
