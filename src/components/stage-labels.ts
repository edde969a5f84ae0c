// The stage's boxes and labels (issue 19): which label each face and person gets, placed by
// label-layout.ts so that none overlaps another, and how they are drawn on the overlay canvas.
// Imports shared/ and components/ only; placeStageLabels is pure (the canvas only measures).

import type { Rect, Size } from '../shared/geometry';
import type { PersonView, TrackView } from '../shared/types';
import {
  faceLabelLines,
  faceLabelShort,
  personLabelLine,
  personLabelShort,
} from './face-label';
import {
  layoutLabels,
  type LabelRequest,
  type MeasureText,
  type PlacedLabel,
} from './label-layout';

export const PERSON_COLOUR = '#dc267f'; // IBM colour-blind-safe magenta, apart from the face colours
const MATCH_COLOUR = '#ffffff';

/**
 * Amber when looking at the camera, blue when not (IBM colour-blind-safe pair); white for an
 * enrolled person matched under authorised matching (issue 18).
 */
export function faceColour(track: TrackView): string {
  if (track.match) return MATCH_COLOUR;
  return track.facing ? '#ffb000' : '#648fff';
}

/** A label as drawn, in stage CSS px: what the stage exposes to tests as `labelBoxes`. */
export interface StageLabel {
  /** "f:" + the face track's id, or "p:" + the person's. */
  key: string;
  kind: 'face' | 'person';
  colour: string;
  lines: string[];
  /** 0: the full text; 1: shortened for a crowded frame. */
  variant: number;
  fontPx: number;
  /** The box it names. */
  anchor: Rect;
  rect: Rect;
  leader: PlacedLabel['leader'];
}

/** Where each label sat relative to its box on the last frame, by key. */
export type LabelMemory = ReadonlyMap<string, LabelRequest['previous']>;

export interface StageLabelInput {
  faces: { track: TrackView; at: Rect }[];
  people: { person: PersonView; at: Rect }[];
  /** The overlay's size: labels stay inside it. */
  size: Size;
  fontPx: number;
  /** People's labels are smaller, under the faces' in importance. */
  smallPx: number;
  /** The boxes' line width: the gap between a box and its label. */
  line: number;
}

/**
 * Faces' labels first, then those of people whose face is not labelled already (a labelled face
 * says it all); each group left to right, so a row of faces keeps its order. Labels avoid
 * covering faces and never overlap; a label that fits nowhere is left out (counted in `dropped`).
 */
export function placeStageLabels(
  input: StageLabelInput,
  measure: MeasureText,
  memory: LabelMemory = new Map(),
): { labels: StageLabel[]; dropped: number } {
  const byX = (a: { at: Rect }, b: { at: Rect }) => a.at.x - b.at.x;
  const items = [
    ...[...input.faces].sort(byX).map(({ track, at }) => ({
      key: `f:${track.id}`,
      kind: 'face' as const,
      colour: faceColour(track),
      request: {
        anchor: at,
        fontPx: input.fontPx,
        side: 'below' as const,
        variants: [faceLabelLines(track), faceLabelShort(track)],
      },
    })),
    ...input.people
      .filter(({ person }) => !person.faceId)
      .sort(byX)
      .map(({ person, at }) => ({
        key: `p:${person.id}`,
        kind: 'person' as const,
        colour: PERSON_COLOUR,
        request: {
          anchor: at,
          fontPx: input.smallPx,
          side: 'above' as const,
          variants: [[personLabelLine(person)], [personLabelShort(person)]],
        },
      })),
  ];
  const layout = layoutLabels(
    items.map((i) => ({ ...i.request, previous: memory.get(i.key) })),
    input.size,
    measure,
    { gap: input.line, obstacles: input.faces.map((f) => f.at) },
  );
  const labels = layout.placed.map(
    ({ index, variant, lines, rect, leader }): StageLabel => {
      const { key, kind, colour, request } = items[index];
      const { anchor, fontPx } = request;
      return {
        key,
        kind,
        colour,
        lines,
        variant,
        fontPx,
        anchor,
        rect,
        leader,
      };
    },
  );
  return { labels, dropped: layout.dropped.length };
}

/** What the next frame's layout should remember of this one's. */
export function rememberLabels(labels: readonly StageLabel[]): LabelMemory {
  return new Map(
    labels.map((l) => [
      l.key,
      {
        dx: l.rect.x - l.anchor.x,
        dy: l.rect.y - l.anchor.y,
        variant: l.variant,
      },
    ]),
  );
}

export function labelFont(px: number): string {
  return `600 ${px}px system-ui, 'DejaVu Sans', sans-serif`;
}

/** Draws `box` (frame pixels) on the overlay with a dark outline; returns where it went. */
export function strokeBox(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  fit: { x: number; y: number; scale: number },
  line: number,
  colour: string,
): Rect {
  const at = {
    x: fit.x + box.x * fit.scale,
    y: fit.y + box.y * fit.scale,
    width: box.width * fit.scale,
    height: box.height * fit.scale,
  };
  ctx.lineWidth = line + 2;
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  ctx.strokeRect(at.x, at.y, at.width, at.height);
  ctx.lineWidth = line;
  ctx.strokeStyle = colour;
  ctx.strokeRect(at.x, at.y, at.width, at.height);
  return at;
}

/** Leaders first and labels over them, so a leader never hides a word. */
export function drawStageLabels(
  ctx: CanvasRenderingContext2D,
  labels: readonly StageLabel[],
  line: number,
): void {
  for (const { leader, colour } of labels) {
    if (!leader) continue;
    ctx.beginPath();
    ctx.moveTo(leader.x1, leader.y1);
    ctx.lineTo(leader.x2, leader.y2);
    ctx.lineWidth = line + 2;
    ctx.strokeStyle = 'rgba(0,0,0,0.6)';
    ctx.stroke();
    ctx.lineWidth = line;
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
  ctx.textBaseline = 'top';
  for (const { lines, rect, colour, fontPx } of labels) {
    const pad = Math.round(fontPx * 0.3);
    const lineH = Math.round(fontPx * 1.25);
    ctx.font = labelFont(fontPx);
    ctx.fillStyle = colour;
    ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
    ctx.fillStyle = '#111';
    lines.forEach((l, i) =>
      ctx.fillText(l, rect.x + pad, rect.y + pad / 2 + i * lineH + 1),
    );
  }
}
