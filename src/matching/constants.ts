// Figures of authorised matching (issue 18) that both the page and the worker need.

/**
 * Cosine distance at or under which two descriptors are the same person. `npm run
 * eval:matching` put the closest impostor pair at 0.063 (two women of one photo, seen at live
 * size, 640 px wide) and 0.068 at full size; 0.05 keeps a margin below both, at the cost of
 * missing more genuine pairs across photos: matching errs on not identifying.
 */
export const MATCH_THRESHOLD = 0.05;

/** The protection of the profiles store, in words (profile-crypto.ts), for the inspector. */
export const PROFILE_ENCRYPTION =
  'AES-GCM (256-bit key, fresh 96-bit IV per record, id and expiry bound as additional data); the key is derived from the operator passphrase with PBKDF2-SHA-256 (600,000 rounds) and a random per-install salt, and is not extractable';

/** face-api's face recognition network: its weights manifest (under the app's base). */
export const FACE_RECOGNITION_MANIFEST_PATH =
  'models/face_recognition_model-weights_manifest.json';
/** Every file of the recognition model, to look for in the inspector's network record. */
export const FACE_RECOGNITION_FILES = [
  FACE_RECOGNITION_MANIFEST_PATH,
  'models/face_recognition_model.bin',
] as const;
