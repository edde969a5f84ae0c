// Small-count suppression for the history (history-series.ts, history-site-series.ts): which
// counts to hide so that no count from 1 to N − 1 can be worked out from what is shown, and
// the range each hidden count is already known to lie in. Pure; imports nothing.
//
// Counts are cells; the sums a reader can check are balances (what flows in flows out), so
// the cells form a circulation. What a reader knows: a shown cell exactly; "<N" means 1 to
// N − 1 (zeros are shown); a hidden cell is N or more (it would be 0 or "<N" otherwise); a
// cell never shown (passers-by who did not look) is at least 1, or 0 — we assume the reader
// can tell which. A count is worked out when every circulation within those bounds gives it
// the same value, i.e. when no residual cycle runs through it (flow decomposition). So for
// each count from 1 to N − 1, we look for such a cycle, and if there is none we hide the
// cheapest set of shown cells that opens one. The range shown for a hidden cell is the least
// and most it takes over every such circulation (a maximum flow): it tells nothing the other
// figures did not. This stops any reader who adds, subtracts and bounds the shown figures, all
// sums at once. It does not stop reading a count off another range or an export, or reasoning
// from which cell was chosen; it is not differential privacy
// (docs/decisions/0017-suppression-as-ranges.md).

/** 'shown' exactly (zeros always), 'small' (0 < n < N) as "<N", 'hidden' as a range. */
export type CellState = 'shown' | 'small' | 'hidden';

/** How much showing a cell matters; hiding costs more as it rises. */
export type Keep = 'figure' | 'total' | 'headline';
const KEEP_COST: Record<Keep, number> = {
  figure: 1e3,
  total: 1e6,
  headline: 1e9,
};

/** The least and most a cell can be, as far as a reader can tell; most Infinity when unbounded. */
export type Range = readonly [lo: number, hi: number];

export interface Protection {
  state: CellState[];
  /** A cell's range: its value when shown, [1, N − 1] when small, the feasible range when hidden. */
  range(id: number): Range;
}

const OMEGA = 0; // where flows with one open end come from and go to

export class Ledger {
  readonly values: number[] = [];
  /** Never shown: a term of sums only. */
  readonly unseen: boolean[] = [];
  readonly keep: Keep[] = [];
  /** Each cell flows out of one balance and into one (OMEGA when it is in fewer). */
  private readonly _tail: number[] = [];
  private readonly _head: number[] = [];
  private _nodes = 1;

  cell(value: number, opts: { unseen?: boolean; keep?: Keep } = {}): number {
    this.values.push(Math.max(0, value));
    this.unseen.push(opts.unseen ?? false);
    this.keep.push(opts.keep ?? 'figure');
    this._tail.push(-1);
    this._head.push(-1);
    return this.values.length - 1;
  }

  /**
   * Σ ins = Σ outs. A cell may flow into one balance and out of one: any other sum a reader
   * can form must follow from these (say, a total split two ways is a chain, not a star).
   */
  balance(ins: readonly number[], outs: readonly number[]): void {
    const node = this._nodes++;
    for (const [ends, cells] of [
      [this._head, ins],
      [this._tail, outs],
    ] as const) {
      for (const c of cells) {
        if (ends[c] !== -1)
          throw new Error(`Cell ${c} is in two sums one way.`);
        ends[c] = node;
      }
    }
  }

  /** total = Σ members. */
  group(total: number, members: readonly number[]): void {
    this.balance([total], members);
  }

  protect(threshold: number): Protection {
    const g = new Residual(
      this,
      this._tail,
      this._head,
      this._nodes,
      threshold,
    );
    const guarded: number[] = [];
    for (let e = 0; e < this.values.length; e++) {
      const v = this.values[e];
      if (v === 0 || v >= threshold) continue;
      const [lo, hi] = g.bounds(e);
      // "<2" is 1: the threshold itself says so, and hiding more cannot help.
      if (lo === hi) continue;
      if (!g.movable(e)) {
        const cells = g.opening(e);
        // None: the labels alone give it away (3 and 3 of 6 below N = 4), whatever is hidden.
        if (!cells) continue;
        for (const c of cells) g.state[c] = 'hidden';
      }
      guarded.push(e);
    }
    // Each opening was the cheapest for its count, but a later one may serve an earlier count
    // too: show again, the dearest first, every hidden cell that no count needs any more.
    const hidden = g.state.flatMap((s, c) => (s === 'hidden' ? [c] : []));
    hidden.sort((a, b) => g.cost(b) - g.cost(a) || a - b);
    for (const c of hidden) {
      g.state[c] = 'shown';
      if (!guarded.every((e) => g.movable(e))) g.state[c] = 'hidden';
    }
    return {
      state: g.state,
      range: (id) => {
        const [lo, hi] = g.bounds(id);
        if (g.state[id] !== 'hidden' || this.unseen[id]) return [lo, hi];
        const x = this.values[id];
        return [
          x - g.maxFlow(g.tail(id), g.head(id), id, x - lo),
          x + g.maxFlow(g.head(id), g.tail(id), id, hi - x),
        ];
      },
    };
  }
}

/** A move of one cell: +1 along its flow, −1 against it. */
interface Arc {
  cell: number;
  dir: 1 | -1;
  to: number;
}

/** The ledger's cells as a graph, with how far each can move within what a reader knows. */
class Residual {
  readonly state: CellState[];
  private readonly _out: Arc[][];

  constructor(
    private readonly _l: Ledger,
    private readonly _tails: readonly number[],
    private readonly _heads: readonly number[],
    nodes: number,
    private readonly _n: number,
  ) {
    this.state = _l.values.map((v) => (v > 0 && v < _n ? 'small' : 'shown'));
    this._out = Array.from({ length: nodes }, () => []);
    for (let c = 0; c < _l.values.length; c++) {
      this._out[this.tail(c)].push({ cell: c, dir: 1, to: this.head(c) });
      this._out[this.head(c)].push({ cell: c, dir: -1, to: this.tail(c) });
    }
  }

  tail(c: number): number {
    return this._tails[c] === -1 ? OMEGA : this._tails[c];
  }

  head(c: number): number {
    return this._heads[c] === -1 ? OMEGA : this._heads[c];
  }

  bounds(c: number): Range {
    const v = this._l.values[c];
    if (this._l.unseen[c]) return v === 0 ? [0, 0] : [1, Infinity];
    if (this.state[c] === 'small') return [1, this._n - 1];
    if (this.state[c] === 'hidden') return [this._n, Infinity];
    return [v, v];
  }

  /** How far `a` can move its cell. */
  private _room(a: Arc): number {
    const [lo, hi] = this.bounds(a.cell);
    const v = this._l.values[a.cell];
    return a.dir === 1 ? hi - v : v - lo;
  }

  /** A cycle through `e` exists: it can move up (head ⇝ tail) or down (tail ⇝ head). */
  movable(e: number): boolean {
    return (
      (this._room({ cell: e, dir: 1, to: 0 }) > 0 &&
        this._reach(this.head(e), this.tail(e), e)) ||
      (this._room({ cell: e, dir: -1, to: 0 }) > 0 &&
        this._reach(this.tail(e), this.head(e), e))
    );
  }

  private _reach(from: number, to: number, skip: number): boolean {
    const seen = new Set([from]);
    for (let queue = [from], i = 0; i < queue.length; i++) {
      const n = queue[i];
      if (n === to) return true;
      for (const a of this._out[n]) {
        if (a.cell === skip || seen.has(a.to) || this._room(a) <= 0) continue;
        seen.add(a.to);
        queue.push(a.to);
      }
    }
    return false;
  }

  /** What hiding `c` costs: dearer for totals, then for larger counts. */
  cost(c: number): number {
    return KEEP_COST[this._l.keep[c]] + Math.min(this._l.values[c], 999);
  }

  /** What hiding its cell costs, if that would let it move along `a`; null if it cannot help. */
  private _openCost(a: Arc): number | null {
    const c = a.cell;
    const v = this._l.values[c];
    if (this._l.unseen[c] || this.state[c] !== 'shown' || v === 0) return null;
    // Hidden, it is known to be N or more: it can grow, and shrink only down to N.
    if (a.dir === -1 && v <= this._n) return null;
    return this.cost(c);
  }

  /** The cheapest shown cells to hide so that a cycle runs through `e` (Dijkstra), or null. */
  opening(e: number): number[] | null {
    let best: { cost: number; cells: number[] } | null = null;
    for (const dir of [1, -1] as const) {
      if (this._room({ cell: e, dir, to: 0 }) <= 0) continue;
      const [from, to] =
        dir === 1 ? [this.head(e), this.tail(e)] : [this.tail(e), this.head(e)];
      const found = this._cheapest(from, to, e);
      if (found && (!best || found.cost < best.cost)) best = found;
    }
    return best?.cells ?? null;
  }

  private _cheapest(from: number, to: number, skip: number) {
    const cost = new Map<number, number>([[from, 0]]);
    const via = new Map<number, Arc & { from: number; open: boolean }>();
    const done = new Set<number>();
    for (;;) {
      let n = -1;
      for (const [m, c] of cost) {
        if (!done.has(m) && (n === -1 || c < cost.get(n)!)) n = m;
      }
      if (n === -1) return null;
      if (n === to) break;
      done.add(n);
      for (const a of this._out[n]) {
        if (a.cell === skip || done.has(a.to)) continue;
        const open = this._room(a) <= 0;
        const step = open ? this._openCost(a) : 0;
        if (step === null) continue;
        const c = cost.get(n)! + step;
        if (c < (cost.get(a.to) ?? Infinity)) {
          cost.set(a.to, c);
          via.set(a.to, { ...a, from: n, open });
        }
      }
    }
    const cells: number[] = [];
    for (let n = to; n !== from;) {
      const a = via.get(n)!;
      if (a.open) cells.push(a.cell);
      n = a.from;
    }
    return { cost: cost.get(to)!, cells };
  }

  /**
   * The most that can flow from `from` to `to` without `skip`, up to `limit` (Edmonds–Karp
   * on a copy of the rooms): how far `skip` can move, the rest of the circulation following.
   */
  maxFlow(from: number, to: number, skip: number, limit: number): number {
    const room = new Map<number, number>();
    const key = (a: Arc) => 2 * a.cell + (a.dir === 1 ? 0 : 1);
    const left = (a: Arc) => room.get(key(a)) ?? this._room(a);
    let flow = 0;
    while (flow < limit) {
      const via = new Map<number, Arc & { from: number }>();
      const seen = new Set([from]);
      for (let queue = [from], i = 0; i < queue.length && !seen.has(to); i++) {
        const n = queue[i];
        for (const a of this._out[n]) {
          if (a.cell === skip || seen.has(a.to) || left(a) <= 0) continue;
          seen.add(a.to);
          via.set(a.to, { ...a, from: n });
          queue.push(a.to);
        }
      }
      if (!seen.has(to)) break;
      let push = limit - flow;
      for (let n = to; n !== from; n = via.get(n)!.from) {
        push = Math.min(push, left(via.get(n)!));
      }
      if (push === Infinity) return Infinity;
      for (let n = to; n !== from; n = via.get(n)!.from) {
        const a = via.get(n)!;
        const back: Arc = { cell: a.cell, dir: a.dir === 1 ? -1 : 1, to: n };
        room.set(key(a), left(a) - push);
        room.set(key(back), left(back) + push);
      }
      flow += push;
    }
    return Math.min(flow, limit);
  }
}
