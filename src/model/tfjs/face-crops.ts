// Cuts upright, square face crops out of a frame tensor: one batch [N,S,S,3] for all faces,
// rolled so the eyes are level. Pixel values stay as in the frame (RGB, 0..255, float32).

import * as tf from '@tensorflow/tfjs-core';
import type { FaceBox } from '../../shared/types';

export interface CropOptions {
  /** Output side in pixels. */
  size: number;
  /** Crop side as a multiple of the detector box's longer side. */
  margin: number;
}

/** Where one crop sits in the frame: centre and side in frame pixels, roll in radians. */
export interface CropGeometry {
  cx: number;
  cy: number;
  side: number;
  angle: number;
}

/**
 * Square around the box centre, `margin` × its longer side, rolled by the angle of the line
 * from the right eye (keypoint 0, on the image's left) to the left eye (keypoint 1).
 */
export function cropGeometry(face: FaceBox, margin: number): CropGeometry {
  const [right, left] = face.keypoints;
  const angle =
    right && left ? Math.atan2(left.y - right.y, left.x - right.x) : 0;
  return {
    cx: face.x + face.width / 2,
    cy: face.y + face.height / 2,
    side: Math.max(face.width, face.height) * margin,
    angle,
  };
}

/**
 * The row of tf.image.transform that maps output pixel (u,v) of a `size`² crop to frame
 * pixel coordinates: rotate by the roll about both centres and scale by side/size.
 * Pixel centres sit at integer coordinates in both, hence the 0.5 shifts.
 */
export function cropTransform(g: CropGeometry, size: number): number[] {
  const step = g.side / size;
  const cos = Math.cos(g.angle) * step;
  const sin = Math.sin(g.angle) * step;
  const c = (size - 1) / 2;
  const x0 = g.cx - 0.5;
  const y0 = g.cy - 0.5;
  return [
    cos,
    -sin,
    x0 - cos * c + sin * c,
    sin,
    cos,
    y0 - sin * c - cos * c,
    0,
    0,
  ];
}

/**
 * One bilinear sample per output pixel, straight from the frame: no staging copy, no
 * rotation of the whole frame. One transform per face because the tfjs CPU kernel of
 * Transform (4.22) returns after the first image of a batch; the crops are then stacked.
 * Parts of a crop outside the frame are black, as in Human's cropAndResize.
 */
export function cropFaces(
  frame: tf.Tensor3D,
  faces: readonly FaceBox[],
  { size, margin }: CropOptions,
): tf.Tensor4D {
  return tf.tidy(() => {
    if (faces.length === 0) return tf.zeros<tf.Rank.R4>([0, size, size, 3]);
    const pixels = tf.expandDims<tf.Tensor4D>(
      frame.dtype === 'float32' ? frame : tf.cast(frame, 'float32'),
      0,
    );
    const crops = faces.map((face) =>
      tf.image.transform(
        pixels,
        tf.tensor2d([cropTransform(cropGeometry(face, margin), size)]),
        'bilinear',
        'constant',
        0,
        [size, size],
      ),
    );
    return crops.length === 1 ? crops[0]! : tf.concat(crops, 0);
  });
}
