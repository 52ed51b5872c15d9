// The wiring view (ISSUE13 contract 3) as SVG: per circuit, its fuses, the connectors (the BC1's
// and the harness's) pin by pin, the loads, and the harness segments between them. Every pin, fuse
// terminal and the ground is a measurement point: clicking it (or Enter / Space on it) calls
// onPoint(name), and the instruments panel decides which lead that is.

const SVG = 'http://www.w3.org/2000/svg';
const PIN_H = 22;          // one pin row
const BOX_W = 240;         // a connector or load box
const FUSE_W = 120;
// Left to right as the current flows: fuses, the BC1's connectors, the harness's, the loads.
const FUSE_X = 20;
const COLUMN_X = [FUSE_X + FUSE_W + 40, FUSE_X + FUSE_W + 40 + BOX_W + 70, FUSE_X + FUSE_W + 40 + 2 * (BOX_W + 70)];

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function text(parent, x, y, content, cls = '') {
  const t = el('text', { x, y, class: cls }, parent);
  t.textContent = content;
  return t;
}

// A pin object of contract 3, or a bare point name (a load's pins may be given either way).
function pinInfo(owner, pin) {
  if (typeof pin === 'string') return { point: pin, number: pin.split('.').pop(), words: '' };
  const point = pin.label || `${owner}.${pin.pin}`;
  const words = [pin.function, pin.signal].filter(Boolean).join(' · ');
  return { point, number: String(pin.pin ?? point.split('.').pop()), words };
}

const nameOf = (thing) => (typeof thing === 'string' ? thing : thing.name);

export class WiringView {
  constructor(container, onPoint) {
    this.container = container;
    this.onPoint = onPoint;
    this.points = new Map();      // point name -> [{x, y, node}] (a point may appear in two circuits)
    this.boxes = new Map();       // connector / load / fuse name -> [box rect]
  }

  draw(wiring) {
    this.container.textContent = '';
    this.points.clear();
    this.boxes.clear();
    const circuits = (wiring && wiring.circuits) || [];
    if (circuits.length === 0) {
      this.container.textContent = 'This exercise has no wiring view.';
      return;
    }
    for (const circuit of circuits) this.drawCircuit(circuit);
  }

  drawCircuit(circuit) {
    const figure = document.createElement('figure');
    figure.className = 'circuit';
    const caption = document.createElement('figcaption');
    caption.textContent = circuit.title || circuit.name;
    figure.appendChild(caption);
    const svg = el('svg', { role: 'group', 'aria-label': `Circuit: ${circuit.name}` });
    figure.appendChild(svg);
    this.container.appendChild(figure);

    const wires = el('g', { class: 'wires' }, svg);   // drawn first, under the boxes
    const connectors = circuit.connectors || [];
    const isBc1 = (c) => c.part === 'bc1' || (!c.part && /^X33\d$/.test(c.name));
    const bc1 = connectors.filter(isBc1);
    const harness = connectors.filter((c) => !isBc1(c));
    let bottom = this.drawFuses(svg, circuit.fuses || []);
    bottom = Math.max(bottom, this.drawColumn(svg, bc1, COLUMN_X[0], 'connector bc1', 'BC1 ', 20));
    bottom = Math.max(bottom, this.drawColumn(svg, harness, COLUMN_X[1], 'connector', '', 20));
    bottom = Math.max(bottom, this.drawColumn(svg, circuit.loads || [], COLUMN_X[2], 'load', '', 20));
    bottom = this.drawGround(svg, bottom + 20);
    this.drawJunctions(svg, circuit.segments || []);
    this.drawSegments(wires, circuit.segments || []);
    svg.setAttribute('viewBox', `0 0 ${COLUMN_X[2] + BOX_W + 20} ${bottom + 10}`);
    svg.setAttribute('width', COLUMN_X[2] + BOX_W + 20);
    svg.setAttribute('height', bottom + 10);
  }

  // Boxes stacked in one column, each a title and its pins; returns the lowest y used.
  drawColumn(svg, items, x, cls, prefix, top) {
    let y = top;
    for (const item of items) {
      const pins = item.pins || [];
      const height = 26 + Math.max(1, pins.length) * PIN_H;
      const g = el('g', { class: cls, 'data-name': item.name }, svg);
      const rect = el('rect', { x, y, width: BOX_W, height, rx: 6, class: 'box' }, g);
      text(g, x + 8, y + 17, prefix + item.name, 'box-title');
      this.remember(this.boxes, item.name, { rect, x, y, width: BOX_W, height });
      pins.forEach((pin, i) => this.drawPin(g, item.name, pin, x, y + 26 + i * PIN_H, cls));
      y += height + 24;
    }
    return y;
  }

  // A pin: the probe spot on the box's right edge for the BC1 (its wires leave to the right) and
  // on the left edge for the rest.
  drawPin(parent, owner, pin, x, y, cls) {
    const info = pinInfo(owner, pin);
    const spotX = cls.includes('bc1') ? x + BOX_W : x;
    const g = this.pointGroup(parent, info.point, `${info.point}${info.words ? ': ' + info.words : ''}`);
    el('rect', { x: x + 2, y, width: BOX_W - 4, height: PIN_H - 2, class: 'pin-row' }, g);
    text(g, x + 10, y + 15, info.number, 'pin-number');
    const words = info.words.length > 30 ? info.words.slice(0, 29) + '…' : info.words;
    text(g, x + 38, y + 15, words, 'pin-words');
    el('circle', { cx: spotX, cy: y + PIN_H / 2 - 1, r: 6, class: 'spot' }, g);
    this.remember(this.points, info.point, { x: spotX, y: y + PIN_H / 2 - 1, node: g });
  }

  // Fuses stacked in the first column; returns the lowest y used.
  drawFuses(svg, fuses) {
    if (fuses.length === 0) return 0;
    const y = 20;
    fuses.forEach((fuse, i) => {
      const name = nameOf(fuse);
      const x = FUSE_X;
      const fy = y + i * 60;
      const g = el('g', { class: 'fuse', 'data-name': name }, svg);
      const rect = el('rect', { x: x + 20, y: fy + 8, width: FUSE_W - 40, height: 20, rx: 3, class: 'box' }, g);
      const rating = typeof fuse === 'object' && fuse.rating_a ? ` ${fuse.rating_a} A` : '';
      text(g, x + 26, fy + 22, `${name}${rating}`, 'box-title');
      this.remember(this.boxes, name, { rect, x, y: fy, width: FUSE_W, height: 36 });
      for (const [end, ex] of [['in', x + 8], ['out', x + FUSE_W - 8]]) {
        const point = (typeof fuse === 'object' && fuse[end]) || `${name}.${end}`;
        const t = this.pointGroup(g, point, `${point}: fuse ${name}, ${end === 'in' ? 'battery' : 'feed'} side`);
        el('rect', { x: ex - 12, y: fy + 6, width: 24, height: 42, class: 'hit' }, t);
        el('circle', { cx: ex, cy: fy + 18, r: 6, class: 'spot' }, t);
        text(t, ex - 8, fy + 44, end, 'pin-words');
        this.remember(this.points, point, { x: ex, y: fy + 18, node: t });
      }
    });
    return y + fuses.length * 60;
  }

  drawGround(svg, y) {
    const x = COLUMN_X[0] + BOX_W + 35;
    const g = this.pointGroup(svg, 'ground', 'ground: body ground (battery minus)');
    el('rect', { x: x - 20, y: y - 18, width: 90, height: 34, class: 'hit' }, g);
    el('path', { d: `M${x - 16} ${y} h32 M${x - 10} ${y + 6} h20 M${x - 4} ${y + 12} h8`, class: 'ground' }, g);
    el('circle', { cx: x, cy: y - 8, r: 6, class: 'spot' }, g);
    text(g, x + 22, y + 4, 'ground', 'pin-words');
    this.remember(this.points, 'ground', { x, y: y - 8, node: g });
    return y + 20;
  }

  // Harness nodes between two segments (a splice, the middle of the hinge loom) are measurement
  // points too (by their network name): drawn as small spots in the gap between the BC1's column
  // and the harness connectors', at the height of what they join.
  drawJunctions(svg, segments) {
    const unknown = new Set();
    for (const seg of segments) {
      for (const end of [seg.from, seg.to]) if (end && !this.anchor(end)) unknown.add(end);
    }
    const x = COLUMN_X[0] + BOX_W + 35;
    const placed = new Map();
    let spare = 30;
    for (let round = 0; round < 3; round++) {
      for (const name of unknown) {
        const ys = [];
        for (const seg of segments) {
          const other = seg.from === name ? seg.to : seg.to === name ? seg.from : null;
          const a = other && (this.anchor(other) || placed.get(other));
          if (a) ys.push(a.y);
        }
        if (ys.length && !placed.has(name)) placed.set(name, { x, y: ys.reduce((p, q) => p + q, 0) / ys.length });
      }
    }
    for (const name of unknown) {
      const at = placed.get(name) || { x, y: (spare += 24) };
      const g = this.pointGroup(svg, name, `${name}: a point in the harness`);
      el('circle', { cx: at.x, cy: at.y, r: 10, class: 'hit' }, g);
      el('circle', { cx: at.x, cy: at.y, r: 5, class: 'spot junction' }, g);
      this.remember(this.points, name, { x: at.x, y: at.y, node: g });
    }
  }

  // A segment joins two points, or a point and a box (a load without pins), by their names.
  drawSegments(g, segments) {
    for (const segment of segments) {
      const a = this.anchor(segment.from);
      const b = this.anchor(segment.to);
      if (!a || !b) continue;
      const mid = (a.x + b.x) / 2;
      const path = el('path', { d: `M${a.x} ${a.y} C${mid} ${a.y} ${mid} ${b.y} ${b.x} ${b.y}`, class: 'wire' }, g);
      const title = el('title', {}, path);
      title.textContent = segment.name || `${segment.from} - ${segment.to}`;
    }
  }

  anchor(name) {
    if (!name) return null;
    const point = (this.points.get(name) || []).slice(-1)[0];
    if (point) return point;
    const box = (this.boxes.get(name) || this.boxes.get(name.split('.')[0]) || []).slice(-1)[0];
    return box ? { x: box.x, y: box.y + box.height / 2 } : null;
  }

  // A clickable point; each carries a transparent `hit` shape where its drawing leaves gaps, so a
  // click anywhere on it counts.
  pointGroup(parent, point, label) {
    const g = el('g', { class: 'point', role: 'button', tabindex: 0, 'aria-label': label, 'data-point': point }, parent);
    const title = el('title', {}, g);
    title.textContent = label;
    g.addEventListener('click', () => this.onPoint(point));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.onPoint(point);
      }
    });
    return g;
  }

  remember(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }

  // Lead colours on the points: placed instruments' leads and the one being placed.
  showLeads(leads) {
    for (const node of this.container.querySelectorAll('.point')) {
      node.classList.remove('lead-red', 'lead-black', 'lead-clamp');
    }
    for (const { point, colour } of leads) {
      for (const p of this.points.get(point) || []) p.node.classList.add(`lead-${colour}`);
    }
  }

  // Unplugged connectors and pulled fuses drawn as such.
  showOpen(name, open) {
    for (const box of this.boxes.get(name) || []) box.rect.classList.toggle('open', open);
  }
}
