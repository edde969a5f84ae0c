// Pure post-processing for the object-class demo (issue 17): the same CenterNet rows the person
// boxes come from, kept for a few COCO classes (knife, scissors, baseball bat) above their own
// score. A demo of what a COCO detector sees, not a weapon detector. No tfjs here.

import type { ObjectBox, ObjectLabel } from '../../shared/types';
import { rowBox, suppress, type Letterbox } from './person-decode';

export interface ObjectDecodeOptions {
  /** Class index in the model's output → the label it is flagged as. */
  classes: Readonly<Record<number, ObjectLabel>>;
  minScore: number;
  /** Boxes of one label overlapping a better one by more than this IoU are dropped. */
  iouThreshold: number;
  frameWidth: number;
  frameHeight: number;
}

/**
 * Boxes of the flagged classes from the flat detections array (rows of 6: x1, y1, x2, y2 in
 * input pixels, score, class), in frame pixels, after per-label non-max suppression; best first.
 */
export function decodeObjects(
  detections: ArrayLike<number>,
  box: Letterbox,
  options: ObjectDecodeOptions,
): ObjectBox[] {
  const byLabel = new Map<ObjectLabel, ObjectBox[]>();
  for (let i = 0; i + 6 <= detections.length; i += 6) {
    const label = options.classes[detections[i + 5]!];
    if (label === undefined || !(detections[i + 4]! >= options.minScore))
      continue;
    const mapped = rowBox(detections, i, box, options);
    if (!mapped) continue;
    const list = byLabel.get(label) ?? [];
    list.push({ ...mapped, label });
    byLabel.set(label, list);
  }
  return [...byLabel.values()]
    .flatMap((boxes) => suppress(boxes, options.iouThreshold))
    .sort((a, b) => b.score - a.score);
}
