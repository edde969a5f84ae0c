// Multi-object tracking metrics for scripts/eval-tracking.mjs (issue 15): CLEAR MOT (MOTA, ID
// switches, FP, FN) and the identity metrics (IDF1, IDP, IDR), on MOTChallenge text files.
// Pure: no I/O, no tfjs, no imports from src/.

/**
 * One box of one frame, in pixels.
 * @typedef {{ x: number, y: number, width: number, height: number }} Box
 * @typedef {Box & { id: string, score?: number }} IdBox a truth person or a hypothesis track on
 *   one frame (a track's score is the detector's)
 * @typedef {Map<number, IdBox[]>} Sequence boxes by frame number (from 1)
 */

/**
 * @typedef {object} MotResult
 * @property {number} frames frames evaluated
 * @property {number} truthBoxes truth boxes (GT in MOTA's denominator)
 * @property {number} trackBoxes hypothesis boxes
 * @property {number} tp matched boxes
 * @property {number} fp hypotheses matching no truth
 * @property {number} fn truth boxes matching no hypothesis
 * @property {number} idSwitches truth matched to a different track than it last was
 * @property {number} mota 1 - (FN + FP + IDSW) / GT
 * @property {number} motp mean IoU of the matched pairs
 * @property {number} precision TP / (TP + FP)
 * @property {number} recall TP / (TP + FN)
 * @property {number} idtp boxes on the globally matched truth-track pairs
 * @property {number} idf1 2 IDTP / (truth boxes + track boxes)
 * @property {number} idp IDTP / track boxes
 * @property {number} idr IDTP / truth boxes
 * @property {number} truthIds distinct truth ids
 * @property {number} trackIds distinct track ids
 * @property {number} truthPeak most truth boxes on one frame
 * @property {number} trackPeak most hypothesis boxes on one frame
 */

/** Cost of a forbidden pairing: larger than any sum of allowed costs. */
const FORBIDDEN = 1e9;

/** @param {Box} a @param {Box} b @returns {number} intersection over union, 0 if disjoint */
export function iou(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * Minimum-cost assignment (Hungarian method, Kuhn-Munkres with potentials, O(n²m)). Returns,
 * for each row, the column assigned to it, or -1 when there are more rows than columns and
 * the row got none.
 * @param {number[][]} cost rows × columns, finite
 * @returns {number[]}
 */
export function assign(cost) {
  const n = cost.length;
  const m = n ? cost[0].length : 0;
  if (!n || !m) return new Array(n).fill(-1);
  if (n > m) {
    const byColumn = assign(cost[0].map((_, j) => cost.map((row) => row[j])));
    const rows = new Array(n).fill(-1);
    byColumn.forEach((i, j) => (rows[i] = j));
    return rows;
  }
  // 1-based potentials u (rows) and v (columns); p[j] is the row holding column j.
  const u = new Array(n + 1).fill(0);
  const v = new Array(m + 1).fill(0);
  const p = new Array(m + 1).fill(0);
  const way = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(m + 1).fill(Infinity);
    const used = new Array(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const rows = new Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]) rows[p[j] - 1] = j - 1;
  return rows;
}

/**
 * Most matches first, then the highest total IoU, among pairs with IoU ≥ `threshold`.
 * @param {Box[]} truth @param {Box[]} hyps @param {number} threshold
 * @returns {[number, number][]} [truth index, hypothesis index] pairs
 */
function bestMatches(truth, hyps, threshold) {
  const cost = truth.map((t) =>
    hyps.map((h) => {
      const overlap = iou(t, h);
      return overlap >= threshold ? 1 - overlap : FORBIDDEN;
    }),
  );
  return /** @type {[number, number][]} */ (
    assign(cost)
      .map((j, i) => [i, j])
      .filter(([i, j]) => j >= 0 && cost[i][j] < FORBIDDEN)
  );
}

/**
 * Parses MOTChallenge text (`frame,id,left,top,width,height,conf,…`), one box per line.
 * Rows whose conf is below `minConfidence` are dropped: in the MOT15 ground truth conf 0 marks
 * a box to ignore, and the MOTChallenge evaluation (py-motmetrics, TrackEval) drops them too.
 * @param {string} text @param {{ minConfidence?: number }} [options]
 * @returns {Sequence}
 */
export function parseMot(text, { minConfidence = -Infinity } = {}) {
  /** @type {Sequence} */
  const frames = new Map();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [frame, id, x, y, width, height, conf] = line.split(',').map(Number);
    if (![frame, x, y, width, height].every(Number.isFinite))
      throw new Error(`not a MOTChallenge line: ${line}`);
    if ((conf ?? 1) < minConfidence) continue;
    const list = frames.get(frame) ?? [];
    list.push({ id: String(id), x, y, width, height });
    frames.set(frame, list);
  }
  return frames;
}

/**
 * MOTChallenge lines for hypothesis tracks: `frame,id,left,top,width,height,conf,-1,-1,-1`.
 * Track ids become 1, 2, … in order of first appearance, as the format wants integers; conf is
 * the box's score, or 1.
 * @param {Sequence} tracks @param {(box: IdBox) => number} [confidence]
 * @returns {string}
 */
export function formatMot(tracks, confidence = (box) => box.score ?? 1) {
  /** @type {Map<string, number>} */
  const ids = new Map();
  const round = (/** @type {number} */ v) => Math.round(v * 100) / 100;
  const lines = [];
  for (const frame of [...tracks.keys()].sort((a, b) => a - b)) {
    for (const box of tracks.get(frame) ?? []) {
      const id = ids.get(box.id) ?? ids.size + 1;
      ids.set(box.id, id);
      const { x, y, width, height } = box;
      const fields = [frame, id, x, y, width, height].map(round);
      lines.push(`${fields.join(',')},${round(confidence(box))},-1,-1,-1`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * CLEAR MOT (Bernardin & Stiefelhagen 2008) and identity metrics (Ristani et al. 2016) over
 * frames 1…`frames`, a match being IoU ≥ `threshold`. Per frame, a truth-track pair matched on
 * the previous frame stays matched while its IoU is above the threshold; the rest are matched
 * by the Hungarian method (most matches, then highest IoU). An ID switch is counted when a
 * truth id is matched to another track than the one it was last matched to, even after a gap.
 * IDF1 matches truth ids to track ids once for the whole sequence, maximising the boxes on
 * which a pair overlaps (IDTP).
 * @param {Sequence} truth @param {Sequence} tracks
 * @param {{ frames: number, threshold?: number }} options
 * @returns {MotResult}
 */
export function evaluate(truth, tracks, { frames, threshold = 0.5 }) {
  let [truthBoxes, trackBoxes, tp, idSwitches, iouSum] = [0, 0, 0, 0, 0];
  let [truthPeak, trackPeak] = [0, 0];
  /** @type {Map<string, string>} truth id -> track id of its last match */
  const lastMatch = new Map();
  /** @type {Map<string, string>} matched on the previous frame */
  let previous = new Map();
  /** @type {Map<string, number>} */
  const truthLength = new Map();
  /** @type {Map<string, number>} */
  const trackLength = new Map();
  /** @type {Map<string, Map<string, number>>} truth id -> track id -> frames overlapping */
  const overlap = new Map();
  const count = (
    /** @type {Map<string, number>} */ m,
    /** @type {string} */ k,
  ) => m.set(k, (m.get(k) ?? 0) + 1);

  for (let f = 1; f <= frames; f++) {
    const gt = truth.get(f) ?? [];
    const hyp = tracks.get(f) ?? [];
    truthBoxes += gt.length;
    trackBoxes += hyp.length;
    truthPeak = Math.max(truthPeak, gt.length);
    trackPeak = Math.max(trackPeak, hyp.length);
    for (const t of gt) count(truthLength, t.id);
    for (const h of hyp) count(trackLength, h.id);

    // Identity: every pair overlapping enough on this frame, exclusive or not.
    for (const t of gt) {
      const row = overlap.get(t.id) ?? new Map();
      for (const h of hyp) if (iou(t, h) >= threshold) count(row, h.id);
      overlap.set(t.id, row);
    }

    // CLEAR MOT: keep last frame's pairs that still overlap, then match the rest.
    /** @type {[number, number][]} */
    const pairs = [];
    const [usedT, usedH] = [new Set(), new Set()];
    gt.forEach((t, i) => {
      const j = hyp.findIndex((h) => h.id === previous.get(t.id));
      if (j < 0 || usedH.has(j) || iou(t, hyp[j]) < threshold) return;
      pairs.push([i, j]);
      usedT.add(i);
      usedH.add(j);
    });
    const restT = gt.map((_, i) => i).filter((i) => !usedT.has(i));
    const restH = hyp.map((_, j) => j).filter((j) => !usedH.has(j));
    const fresh = bestMatches(
      restT.map((i) => gt[i]),
      restH.map((j) => hyp[j]),
      threshold,
    );
    for (const [a, b] of fresh) pairs.push([restT[a], restH[b]]);

    previous = new Map();
    for (const [i, j] of pairs) {
      const [t, h] = [gt[i], hyp[j]];
      const last = lastMatch.get(t.id);
      if (last !== undefined && last !== h.id) idSwitches += 1;
      lastMatch.set(t.id, h.id);
      previous.set(t.id, h.id);
      iouSum += iou(t, h);
    }
    tp += pairs.length;
  }

  const truthIdList = [...truthLength.keys()];
  const trackIdList = [...trackLength.keys()];
  const gain = truthIdList.map((t) =>
    trackIdList.map((h) => overlap.get(t)?.get(h) ?? 0),
  );
  const idtp = assign(gain.map((row) => row.map((g) => -g))).reduce(
    (sum, j, i) => sum + (j >= 0 ? gain[i][j] : 0),
    0,
  );
  const fp = trackBoxes - tp;
  const fn = truthBoxes - tp;
  const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
    b ? a / b : 0;
  return {
    frames,
    truthBoxes,
    trackBoxes,
    tp,
    fp,
    fn,
    idSwitches,
    mota: truthBoxes ? 1 - (fn + fp + idSwitches) / truthBoxes : 0,
    motp: ratio(iouSum, tp),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, truthBoxes),
    idtp,
    idf1: ratio(2 * idtp, truthBoxes + trackBoxes),
    idp: ratio(idtp, trackBoxes),
    idr: ratio(idtp, truthBoxes),
    truthIds: truthIdList.length,
    trackIds: trackIdList.length,
    truthPeak,
    trackPeak,
  };
}
