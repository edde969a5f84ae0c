// Size arithmetic for frames: scaling to an analysis size and mapping boxes onto the display.

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/** Intersection over union of two boxes; 0 when they do not overlap or both are empty. */
export function iou(a: Rect, b: Rect): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Scales `size` down (never up) so its long side is at most `maxSide`; integer pixels. */
export function fitWithin(size: Size, maxSide: number): Size {
  const long = Math.max(size.width, size.height);
  if (long <= maxSide || long === 0)
    return { width: size.width, height: size.height };
  const scale = maxSide / long;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** The rectangle a frame of `content` occupies inside `box` under object-fit: contain. */
export function containRect(
  content: Size,
  box: Size,
): { x: number; y: number; scale: number } {
  if (content.width === 0 || content.height === 0)
    return { x: 0, y: 0, scale: 0 };
  const scale = Math.min(
    box.width / content.width,
    box.height / content.height,
  );
  return {
    x: (box.width - content.width * scale) / 2,
    y: (box.height - content.height * scale) / 2,
    scale,
  };
}
