// The way forward that every refused file's message ends with, and file names as users read
// them in a list. Imports nothing.

/** After a damaged file, an empty one, or one that is not media at all. */
export const CHOOSE_ANOTHER = 'Choose another file, or use the sample footage.';

/** After a file with no picture in it (audio only). */
export const CHOOSE_VIDEO = 'Choose a video file, or use the sample footage.';

/** After a video whose container or codec the browser cannot play. */
export const CONVERT_VIDEO =
  'Convert it to MP4 (H.264) or WebM (VP9), or use the sample footage.';

/** After an image in a format the browser cannot decode. */
export const CONVERT_IMAGE =
  'Convert it to JPEG or PNG, or use the sample footage.';

/** After an image too large to decode safely. */
export const SCALE_DOWN = 'Scale it down, or use the sample footage.';

/**
 * The same words the source controller adds when a running source fails, so a video that
 * turns out damaged reads the same whether it fails while opening or a moment later.
 */
export const PICK_ANOTHER_SOURCE = 'Pick another source to continue.';

/** “a”, “b”, “c” and 497 more: at most `max` names, so a notice stays short. */
export function nameList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `“${n}”`);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 2) return shown.join(' and ');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
