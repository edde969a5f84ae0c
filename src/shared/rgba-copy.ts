// Whether VideoFrame.copyTo really converts to RGBA here. The WebCodecs spec lets copyTo take
// { format: 'RGBA' }, but an engine may ignore the option and write the frame's own layout:
// WebKitGTK 2.50 writes a video's I420 planes (its layout has three planes) into the buffer
// meant for RGBA, and the detector then sees noise and finds no face in any video (issue 16).
// So the conversion is checked once, on two tiny frames of known colour, before it is trusted.

type VideoFrameClass = typeof VideoFrame;

/** 2×2 pure red as BGRA, and as I420 (BT.601 limited range: Y 81, U 90, V 240). */
const SAMPLES: { format: VideoPixelFormat; bytes: number[] }[] = [
  {
    format: 'BGRA',
    bytes: Array.from({ length: 4 }, () => [0, 0, 255, 255]).flat(),
  },
  { format: 'I420', bytes: [81, 81, 81, 81, 90, 240] },
];

/** Red enough, with no blue and opaque: what any correct RGBA conversion of the samples gives. */
const isRed = (px: Uint8Array): boolean =>
  px[0]! > 180 && px[1]! < 80 && px[2]! < 80 && px[3] === 255;

/**
 * True when copyTo converts both a BGRA and an I420 frame to RGBA with one plane of the right
 * colour; false when the option is ignored, refused, or WebCodecs is missing.
 */
export async function copyToConvertsToRgba(
  VF: VideoFrameClass | undefined = globalThis.VideoFrame,
): Promise<boolean> {
  if (typeof VF !== 'function') return false;
  for (const { format, bytes } of SAMPLES) {
    let frame: VideoFrame | null = null;
    try {
      frame = new VF(new Uint8Array(bytes), {
        format,
        codedWidth: 2,
        codedHeight: 2,
        timestamp: 0,
      });
      const out = new Uint8Array(16);
      const layout = await frame.copyTo(out, {
        format: 'RGBA',
        colorSpace: 'srgb',
      });
      if (layout.length !== 1 || !isRed(out)) return false;
    } catch {
      return false;
    } finally {
      frame?.close();
    }
  }
  return true;
}

let checked: Promise<boolean> | null = null;

/**
 * copyToConvertsToRgba for this realm, checked once. The page asks it before it wraps a video
 * or canvas in a VideoFrame (src/capture/frame-source.ts): where the worker could not read the
 * frame directly it gets a bitmap instead, which also keeps WebKitGTK's GStreamer converter,
 * which crashed its web process with frames shared between threads, out of the way.
 */
export function videoFramesReadable(): Promise<boolean> {
  checked ??= copyToConvertsToRgba();
  return checked;
}
