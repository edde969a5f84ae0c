// Zones and counting lines over the video (issue 17): drawn by tapping corners, moved by
// dragging their handles or with the arrow keys, each zone labelled with the people in it and
// flashing while one of its alerts holds, each line with its arrow and its entries and exits.
// Presentational: it keeps only the shape being drawn or dragged and emits the result.

import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import type { NPoint } from '../alerts/geometry';
import { centroid } from '../alerts/geometry';
import { DEFAULT_SETUP, type AlertSetup } from '../alerts/site-setup';
import type {
  AlertKey,
  CrossingKey,
  LineId,
  ZoneId,
} from '../shared/alert-keys';

export type DrawnShape =
  { kind: 'zone'; points: NPoint[] } | { kind: 'line'; a: NPoint; b: NPoint };
export type ShapeEdit =
  | { kind: 'zone'; id: ZoneId; points: NPoint[] }
  | { kind: 'line'; id: LineId; a: NPoint; b: NPoint };

/** Which handle is held: a zone's corner or a line's end (0: a, 1: b). */
interface Grip {
  kind: 'zone' | 'line';
  id: string;
  index: number;
}

const STEP = 0.01;
const BIG_STEP = 0.05;
/** A tap this close to the first corner (share of the frame width) closes the zone. */
const CLOSE_SHARE = 0.03;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A rectangle in the middle of the frame: what "Finish" makes of a zone with too few corners. */
export const DEFAULT_ZONE: NPoint[] = [
  { x: 0.3, y: 0.3 },
  { x: 0.7, y: 0.3 },
  { x: 0.7, y: 0.8 },
  { x: 0.3, y: 0.8 },
];
export const DEFAULT_LINE = { a: { x: 0.2, y: 0.6 }, b: { x: 0.8, y: 0.6 } };

/**
 * @fires ls-shape-drawn - a new zone or line was drawn (detail: DrawnShape)
 * @fires ls-shape-edit - a zone's corners or a line's ends moved (detail: ShapeEdit)
 * @fires ls-draw-cancel - drawing was cancelled
 */
export class LsZoneLayer extends LitElement {
  static override properties = {
    setup: { attribute: false },
    zoneCounts: { attribute: false },
    crossings: { attribute: false },
    active: { attribute: false },
    editing: { type: Boolean },
    drawing: { attribute: false },
    frameWidth: { type: Number },
    frameHeight: { type: Number },
    _draft: { state: true },
    _moved: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      pointer-events: none;
      user-select: none;
      -webkit-user-select: none;
    }
    :host([editing]),
    :host([data-drawing]) {
      pointer-events: auto;
      touch-action: none;
    }
    svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      overflow: visible;
    }
    .zone {
      fill: rgba(255, 176, 0, 0.12);
      stroke: #ffb000;
      stroke-width: 3px;
      vector-effect: non-scaling-stroke;
    }
    .zone.alerting {
      fill: rgba(220, 38, 38, 0.35);
      stroke: #ff4d4d;
      stroke-width: 5px;
      animation: flash 0.8s steps(2, jump-none) infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .zone.alerting {
        animation: none;
      }
    }
    @keyframes flash {
      from {
        fill: rgba(220, 38, 38, 0.5);
      }
      to {
        fill: rgba(220, 38, 38, 0.1);
      }
    }
    .line {
      stroke: #79c0ff;
      stroke-width: 4px;
      vector-effect: non-scaling-stroke;
    }
    .arrow {
      fill: #79c0ff;
    }
    .draft {
      fill: rgba(121, 192, 255, 0.15);
      stroke: #79c0ff;
      stroke-dasharray: 6 4;
      stroke-width: 3px;
      vector-effect: non-scaling-stroke;
    }
    text {
      fill: #fff;
      paint-order: stroke;
      stroke: rgba(0, 0, 0, 0.8);
      stroke-width: 4px;
      stroke-linejoin: round;
      font-family: system-ui, 'DejaVu Sans', sans-serif;
      font-weight: 600;
    }
    .handle {
      fill: #fff;
      stroke: #0b0d10;
      stroke-width: 2px;
      vector-effect: non-scaling-stroke;
      cursor: grab;
    }
    .handle:focus {
      outline: none;
    }
    .handle:focus-visible,
    .handle.held {
      fill: #ffb000;
      stroke: #79c0ff;
      stroke-width: 4px;
    }
    .hit {
      fill: transparent;
      cursor: grab;
    }
    /* At the top, and only its buttons take taps: corners near the edges stay reachable. */
    .toolbar {
      position: absolute;
      left: 0.5rem;
      right: 0.5rem;
      top: 0.5rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      background: rgba(11, 13, 16, 0.75);
      border-radius: 10px;
      padding: 0.4rem 0.6rem;
      color: #e6edf3;
      pointer-events: none;
    }
    .toolbar button {
      pointer-events: auto;
    }
    .toolbar p {
      flex: 1 1 14rem;
      margin: 0;
      font-size: 0.95rem;
    }
    .toolbar button {
      min-height: 44px;
      min-width: 44px;
      padding: 0 1rem;
      border-radius: 8px;
      border: 1px solid #30363d;
      background: #21262d;
      color: #e6edf3;
      font: inherit;
      cursor: pointer;
    }
    .toolbar button.primary {
      background: #ffb000;
      color: #111;
      border-color: #ffb000;
      font-weight: 600;
    }
    .toolbar button:focus-visible {
      outline: 3px solid #79c0ff;
      outline-offset: 2px;
    }
  `;

  declare setup: AlertSetup;
  declare zoneCounts: Partial<Record<ZoneId, number>>;
  declare crossings: Partial<Record<CrossingKey, number>>;
  declare active: ReadonlySet<AlertKey>;
  declare editing: boolean;
  declare drawing: 'zone' | 'line' | null;
  declare frameWidth: number;
  declare frameHeight: number;
  declare _draft: NPoint[];
  /** The shape being dragged, as it is now (emitted on release). */
  declare _moved: ShapeEdit | null;
  private _grip: Grip | null = null;
  /**
   * The last shape the keyboard moved, until the new setup arrives: keys pressed faster than
   * the host renders each start from it, not from the setup they already changed.
   */
  private _keyed: { setup: AlertSetup; edit: ShapeEdit } | null = null;

  constructor() {
    super();
    this.setup = DEFAULT_SETUP;
    this.zoneCounts = {};
    this.crossings = {};
    this.active = new Set();
    this.editing = false;
    this.drawing = null;
    this.frameWidth = 0;
    this.frameHeight = 0;
    this._draft = [];
    this._moved = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('drawing')) {
      this._draft = [];
      this.toggleAttribute('data-drawing', this.drawing !== null);
    }
  }

  override render() {
    const w = this.frameWidth || 4;
    const h = this.frameHeight || 3;
    const font = Math.max(12, w / 42);
    const r = w / 70;
    const labelled: NPoint[] = [];
    return html`<svg
        viewBox="0 0 ${w} ${h}"
        role="group"
        aria-label="Zones and counting lines"
        @pointerdown=${this._onDown}
        @pointermove=${this._onMove}
        @pointerup=${this._onUp}
        @pointercancel=${this._onCancel}
      >
        ${this.setup.zones.map((z) => {
          const points = this._pointsOf('zone', z.id) ?? z.points;
          const alerting = [...this.active].some((k) =>
            k.startsWith(`${z.id}.`),
          );
          const c = centroid(points);
          // Zones drawn over each other: their names stack instead of overprinting.
          while (
            labelled.some(
              (p) =>
                Math.abs(p.y - c.y) * h < font &&
                Math.abs(p.x - c.x) * w < font * 4,
            )
          )
            c.y += (font * 1.2) / h;
          labelled.push(c);
          const n = this.zoneCounts[z.id];
          return svg`<g data-zone=${z.id} data-count=${n ?? 0}>
            <polygon
              class=${`zone ${alerting ? 'alerting' : ''}`}
              points=${points.map((p) => `${p.x * w},${p.y * h}`).join(' ')}
            ></polygon>
            <text x=${c.x * w} y=${c.y * h} font-size=${font} text-anchor="middle"
              >${z.name}${n !== undefined ? ` · ${n}` : ''}</text
            >
            ${this._handles('zone', z.id, z.name, points, w, h, r)}
          </g>`;
        })}
        ${this.setup.lines.map((l) => {
          const moved = this._pointsOf('line', l.id);
          const [a, b] = moved ?? [l.a, l.b];
          return svg`<g data-line=${l.id}>
            <line class="line" x1=${a!.x * w} y1=${a!.y * h} x2=${b!.x * w} y2=${b!.y * h}></line>
            ${arrow(a!, b!, w, h, r * 2.2)}
            <text x=${((a!.x + b!.x) / 2) * w} y=${((a!.y + b!.y) / 2) * h - r * 2.6}
              font-size=${font} text-anchor="middle"
              >${l.name} · in ${this.crossings[`${l.id}.in`] ?? 0} · out
              ${this.crossings[`${l.id}.out`] ?? 0}</text
            >
            ${this._handles('line', l.id, l.name, [a!, b!], w, h, r)}
          </g>`;
        })}
        ${this._draftShape(w, h, r)}
      </svg>
      ${this.drawing ? this._toolbar() : nothing}`;
  }

  private _toolbar() {
    const zone = this.drawing === 'zone';
    const n = this._draft.length;
    const hint = zone
      ? n === 0
        ? 'Tap the corners of the zone on the video, then Finish. Finish now gives a rectangle to adjust.'
        : `${n} corner${n === 1 ? '' : 's'}. Tap the first corner or Finish to close the zone.`
      : n === 0
        ? 'Tap where the line starts, then where it ends. Finish now gives a line to adjust.'
        : 'Now tap where the line ends.';
    return html`<div class="toolbar" role="toolbar" aria-label="Drawing">
      <p aria-live="polite">${hint}</p>
      ${
        n > 0
          ? html`<button
              @click=${() => (this._draft = this._draft.slice(0, -1))}
            >
              Undo
            </button>`
          : nothing
      }
      <button class="primary" @click=${this._finish}>
        Finish ${zone ? 'zone' : 'line'}
      </button>
      <button
        @click=${() =>
          this.dispatchEvent(
            new CustomEvent('ls-draw-cancel', {
              bubbles: true,
              composed: true,
            }),
          )}
      >
        Cancel
      </button>
    </div>`;
  }

  private _draftShape(w: number, h: number, r: number) {
    if (!this.drawing || this._draft.length === 0) return nothing;
    const pts = this._draft.map((p) => `${p.x * w},${p.y * h}`).join(' ');
    return svg`<polyline class="draft" points=${pts}></polyline>
      ${this._draft.map(
        (p) =>
          svg`<circle class="handle" cx=${p.x * w} cy=${p.y * h} r=${r * 0.8}></circle>`,
      )}`;
  }

  private _handles(
    kind: 'zone' | 'line',
    id: string,
    name: string,
    points: NPoint[],
    w: number,
    h: number,
    r: number,
  ) {
    if (!this.editing || this.drawing) return nothing;
    const held = this._grip;
    return points.map((p, index) => {
      const label =
        kind === 'zone'
          ? `Corner ${index + 1} of ${points.length} of ${name}`
          : `${index === 0 ? 'Start' : 'End'} of ${name}`;
      const isHeld =
        held?.kind === kind && held.id === id && held.index === index;
      // A large transparent circle takes the finger; the small one shows where it is.
      return svg`<circle class="hit" cx=${p.x * w} cy=${p.y * h} r=${r * 2.2}
          data-kind=${kind} data-id=${id} data-index=${index}></circle>
        <circle
          class=${`handle ${isHeld ? 'held' : ''}`}
          cx=${p.x * w}
          cy=${p.y * h}
          r=${r}
          tabindex="0"
          role="button"
          aria-label=${`${label}: arrow keys move it${kind === 'zone' ? ', Delete removes it, Insert adds one after it' : ''}`}
          data-kind=${kind}
          data-id=${id}
          data-index=${index}
          @keydown=${(e: KeyboardEvent) => this._onKey(e, { kind, id, index })}
        ></circle>`;
    });
  }

  /** Where a dragged shape's points are now, or null when it is not the one dragged. */
  private _pointsOf(kind: 'zone' | 'line', id: string): NPoint[] | null {
    const keyed = this._keyed?.setup === this.setup ? this._keyed.edit : null;
    const m = this._moved ?? keyed;
    if (!m || m.kind !== kind || m.id !== id) return null;
    return m.kind === 'zone' ? m.points : [m.a, m.b];
  }

  /** The event's position as a normalised frame point. */
  private _point(e: PointerEvent): NPoint | null {
    const svgEl = this.renderRoot.querySelector('svg');
    const ctm = svgEl?.getScreenCTM();
    if (!svgEl || !ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const w = this.frameWidth || 4;
    const h = this.frameHeight || 3;
    return { x: clamp01(p.x / w), y: clamp01(p.y / h) };
  }

  private _onDown = (e: PointerEvent): void => {
    const p = this._point(e);
    if (!p) return;
    if (this.drawing) {
      e.preventDefault();
      this._addDraft(p);
      return;
    }
    const target = e.target as Element;
    const kind = target.getAttribute('data-kind') as Grip['kind'] | null;
    const id = target.getAttribute('data-id');
    if (!this.editing || !kind || !id) return;
    e.preventDefault();
    this._grip = { kind, id, index: Number(target.getAttribute('data-index')) };
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    this._moveGrip(p);
  };

  private _onMove = (e: PointerEvent): void => {
    if (!this._grip) return;
    const p = this._point(e);
    if (p) this._moveGrip(p);
  };

  private _onUp = (): void => {
    if (!this._grip) return;
    this._grip = null;
    const moved = this._moved;
    this._moved = null;
    if (moved) this._emit('ls-shape-edit', moved);
  };

  private _onCancel = (): void => {
    this._grip = null;
    this._moved = null;
  };

  private _moveGrip(p: NPoint): void {
    const g = this._grip;
    if (!g) return;
    this._moved = this._withPoint(g, p);
  }

  /** The shape of `g` with its handle at `p`. */
  private _withPoint(g: Grip, p: NPoint): ShapeEdit | null {
    if (g.kind === 'zone') {
      const z = this.setup.zones.find((x) => x.id === g.id);
      if (!z) return null;
      const base = this._pointsOf('zone', z.id) ?? z.points;
      const points = base.map((q, i) => (i === g.index ? p : q));
      return { kind: 'zone', id: z.id, points };
    }
    const l = this.setup.lines.find((x) => x.id === g.id);
    if (!l) return null;
    const [a, b] = this._pointsOf('line', l.id) ?? [l.a, l.b];
    return g.index === 0
      ? { kind: 'line', id: l.id, a: p, b: b! }
      : { kind: 'line', id: l.id, a: a!, b: p };
  }

  private _onKey(e: KeyboardEvent, g: Grip): void {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const zone =
      g.kind === 'zone' ? this.setup.zones.find((z) => z.id === g.id) : null;
    if (e.key in moves) {
      e.preventDefault();
      const [dx, dy] = moves[e.key]!;
      const line = this.setup.lines.find((x) => x.id === g.id);
      const current =
        this._pointsOf(g.kind, g.id) ??
        (zone ? zone.points : line ? [line.a, line.b] : []);
      const now = current[g.index];
      if (!now) return;
      const edit = this._withPoint(g, {
        x: clamp01(now.x + dx),
        y: clamp01(now.y + dy),
      });
      if (edit) {
        this._keyed = { setup: this.setup, edit };
        this._emit('ls-shape-edit', edit);
      }
    } else if (zone && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      if (zone.points.length <= 3) return; // a zone keeps three corners
      const points = zone.points.filter((_, i) => i !== g.index);
      this._emit('ls-shape-edit', { kind: 'zone', id: zone.id, points });
      this._refocus({ ...g, index: Math.max(0, g.index - 1) });
    } else if (zone && (e.key === 'Insert' || e.key === '+')) {
      e.preventDefault();
      if (zone.points.length >= 32) return;
      const a = zone.points[g.index]!;
      const b = zone.points[(g.index + 1) % zone.points.length]!;
      const points = [...zone.points];
      points.splice(g.index + 1, 0, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
      this._emit('ls-shape-edit', { kind: 'zone', id: zone.id, points });
      this._refocus({ ...g, index: g.index + 1 }, true); // onto the new corner
    }
  }

  /**
   * Keeps the keyboard on the handle once the new setup has rendered, if the change took the
   * focus away (a removed corner), or puts it on a new corner (`force`); otherwise it never
   * pulls the focus back from where the user has moved it.
   */
  private _refocus(g: Grip, force = false): void {
    void this.updateComplete.then(() => {
      if (!force && this.shadowRoot?.activeElement) return;
      this.renderRoot
        .querySelector<SVGElement>(
          `.handle[data-kind="${g.kind}"][data-id="${g.id}"][data-index="${g.index}"]`,
        )
        ?.focus();
    });
  }

  private _addDraft(p: NPoint): void {
    const draft = this._draft;
    if (this.drawing === 'zone') {
      const first = draft[0];
      const near =
        first &&
        draft.length >= 3 &&
        Math.hypot(
          (p.x - first.x) * (this.frameWidth || 1),
          (p.y - first.y) * (this.frameHeight || 1),
        ) <
          CLOSE_SHARE * (this.frameWidth || 1);
      if (near) return this._finish();
      this._draft = [...draft, p];
      return;
    }
    if (draft.length === 0) {
      this._draft = [p];
      return;
    }
    const a = draft[0]!;
    if (Math.hypot(p.x - a.x, p.y - a.y) < 0.02) return; // a line needs length
    this._draft = [];
    this._emit('ls-shape-drawn', { kind: 'line', a, b: p });
  }

  private _finish = (): void => {
    const draft = this._draft;
    this._draft = [];
    if (this.drawing === 'zone') {
      this._emit('ls-shape-drawn', {
        kind: 'zone',
        points: draft.length >= 3 ? draft : DEFAULT_ZONE,
      });
    } else {
      this._emit('ls-shape-drawn', { kind: 'line', ...DEFAULT_LINE });
    }
  };

  private _emit(name: 'ls-shape-drawn', detail: DrawnShape): void;
  private _emit(name: 'ls-shape-edit', detail: ShapeEdit): void;
  private _emit(name: string, detail: unknown): void {
    this.dispatchEvent(
      new CustomEvent(name, { detail, bubbles: true, composed: true }),
    );
  }
}

/** A small triangle at the line's middle pointing to its "in" side. */
function arrow(a: NPoint, b: NPoint, w: number, h: number, size: number) {
  const ax = a.x * w;
  const ay = a.y * h;
  const bx = b.x * w;
  const by = b.y * h;
  const len = Math.hypot(bx - ax, by - ay) || 1;
  // The normal (−dy, dx) points to the positive ("in") side, as signedDistance measures it.
  const nx = -(by - ay) / len;
  const ny = (bx - ax) / len;
  const tx = (bx - ax) / len;
  const ty = (by - ay) / len;
  const mx = (ax + bx) / 2;
  const my = (ay + by) / 2;
  const tip = `${mx + nx * size},${my + ny * size}`;
  const l = `${mx - tx * size * 0.5},${my - ty * size * 0.5}`;
  const r = `${mx + tx * size * 0.5},${my + ty * size * 0.5}`;
  return svg`<polygon class="arrow" points=${`${l} ${tip} ${r}`}>
    <title>Crossing this way counts as in</title>
  </polygon>`;
}

customElements.define('ls-zone-layer', LsZoneLayer);

declare global {
  interface HTMLElementTagNameMap {
    'ls-zone-layer': LsZoneLayer;
  }
  interface GlobalEventHandlersEventMap {
    'ls-shape-drawn': CustomEvent<DrawnShape>;
    'ls-shape-edit': CustomEvent<ShapeEdit>;
    'ls-draw-cancel': CustomEvent<void>;
  }
}
