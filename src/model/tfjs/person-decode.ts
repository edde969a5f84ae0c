// Pure post-processing of the person detector (issue 15): letterbox geometry, and CenterNet's
// [100, 6] detections (x1, y1, x2, y2 in input pixels, score, class) to person boxes in frame
// pixels after non-max suppression. No tfjs here, so it is unit-tested on hand-built arrays.

import { iou } from '../../shared/geometry';
import type { PersonBox } from '../../shared/types';

/** Where a frame sits in the square model input: scaled by `scale`, from the top-left corner. */
export interface Letterbox {
  scale: number;
  /** Size of the scaled frame inside the input, in input pixels (the rest is padding). */
  width: number;
  height: number;
}

/** Fits a `width`×`height` frame into a `size`² input, keeping its aspect ratio. */
export function letterbox(
  width: number,
  height: number,
  size: number,
): Letterbox {
  const scale = size / Math.max(width, height);
  return {
    scale,
    width: Math.min(size, Math.round(width * scale)),
    height: Math.min(size, Math.round(height * scale)),
  };
}

export interface DecodeOptions {
  /** Class index kept (person). */
  classIndex: number;
  minScore: number;
  /** Boxes overlapping a better one by more than this IoU are dropped. */
  iouThreshold: number;
  frameWidth: number;
  frameHeight: number;
}

/** Greedy non-max suppression: best score first, dropping boxes that overlap a kept one. */
export function suppress<T extends PersonBox>(
  boxes: readonly T[],
  iouThreshold: number,
): T[] {
  const kept: T[] = [];
  for (const box of [...boxes].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => iou(k, box) <= iouThreshold)) kept.push(box);
  }
  return kept;
}

/**
 * Person boxes from the flat detections array (rows of 6), mapped back through the letterbox
 * and clipped to the frame; best score first. Rows with a NaN class or an empty box are skipped.
 */
export function decodePersons(
  detections: ArrayLike<number>,
  box: Letterbox,
  options: DecodeOptions,
): PersonBox[] {
  const { classIndex, minScore } = options;
  const found: PersonBox[] = [];
  for (let i = 0; i + 6 <= detections.length; i += 6) {
    const score = detections[i + 4]!;
    if (detections[i + 5] !== classIndex || !(score >= minScore)) continue;
    const mapped = rowBox(detections, i, box, options);
    if (mapped) found.push(mapped);
  }
  return suppress(found, options.iouThreshold);
}

/**
 * The box of the row starting at `i`, mapped back through the letterbox and clipped to the
 * frame, with the row's score; null when nothing of it is left inside the frame.
 */
export function rowBox(
  detections: ArrayLike<number>,
  i: number,
  box: Letterbox,
  frame: { frameWidth: number; frameHeight: number },
): PersonBox | null {
  const clip = (v: number, max: number) =>
    Math.min(max, Math.max(0, v / box.scale));
  const x1 = clip(detections[i]!, frame.frameWidth);
  const y1 = clip(detections[i + 1]!, frame.frameHeight);
  const x2 = clip(detections[i + 2]!, frame.frameWidth);
  const y2 = clip(detections[i + 3]!, frame.frameHeight);
  if (!(x2 > x1 && y2 > y1)) return null;
  const score = detections[i + 4]!;
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1, score };
}
