// Scans everything stored on the device for personal data: images, binary, embeddings,
// per-visit rows, base64 blobs, foreign media in Cache Storage. Reports types and sizes, never
// values. Pure: no DOM or worker globals; imports nothing outside src/shared.

import { WHERE_CACHE, WHERE_FILES } from './inspector-types';
import {
  BINARY_CAP_BYTES,
  IMAGE_TAGS,
  MAX_DEPTH,
  MAX_VALUES_PER_ITEM,
  SCAN_RULES,
  checkBucketKey,
  checkCacheEntry,
  checkFile,
  checkNumbers,
  checkObjectShape,
  checkString,
  segment,
  type Finding,
  type FindingKind,
  type ScanItem,
  type ScanOptions,
  type ScanResult,
} from './privacy-scan-rules';
import { checkMatchingRecord } from './privacy-scan-matching';
import { binaryBytes, fmtBytes, typeName, utf8Length } from './value-inspect';

export { FLOAT_RUN, longestFloatRun } from './privacy-scan-matching';
export {
  BINARY_CAP_BYTES,
  EMBEDDING_MIN,
  LONG_TEXT_BYTES,
  SCAN_RULES,
  base64ImageKind,
} from './privacy-scan-rules';
export type {
  Finding,
  FindingKind,
  ScanItem,
  ScanOptions,
  ScanResult,
} from './privacy-scan-rules';

export interface Scanner {
  /** Checks one item now; nothing of it is kept but findings (types and sizes). */
  add(item: ScanItem): void;
  result(): ScanResult;
}

/** Walks every item deeply and reports what looks like personal data. */
export function scanForPersonalData(
  items: readonly ScanItem[],
  options: ScanOptions = {},
): ScanResult {
  const scanner = createScanner(options);
  items.forEach((item) => scanner.add(item));
  return scanner.result();
}

/** An incremental scan, for stores too large to hold in memory at once. */
export function createScanner(options: ScanOptions = {}): Scanner {
  const isShipped = options.isShippedAsset ?? (() => false);
  const findings: Finding[] = [];
  let records = 0;
  let values = 0;
  let bytes = 0;
  const addItem = (item: ScanItem): void => {
    records++;
    const key = item.key.length > 120 ? `${item.key.slice(0, 117)}…` : item.key;
    const report = (path: string) => (kind: FindingKind, detail: string) =>
      findings.push({ where: item.where, key, path, kind, detail });
    checkBucketKey(item.key, report('key'));
    if (item.where === WHERE_FILES) checkFile(item.value, report('value'));
    if (item.where.startsWith(WHERE_CACHE)) {
      checkCacheEntry(item, isShipped, (k, d, p) => report(`value${p}`)(k, d));
    }
    // Authorised matching's ciphertext and random bytes: counted, not reported as binary.
    const accepted = checkMatchingRecord(item, report('value'));
    const seen = new Set<object>();
    const stack: { v: unknown; path: string; depth: number }[] = [
      { v: item.value, path: 'value', depth: 0 },
    ];
    let walked = 0;
    while (stack.length > 0) {
      const { v, path, depth } = stack.pop()!;
      const add = report(path);
      if (walked++ >= MAX_VALUES_PER_ITEM) {
        add(
          'unchecked',
          `more than ${MAX_VALUES_PER_ITEM} values; the rest was not checked`,
        );
        break;
      }
      values++;
      if (typeof v === 'string') {
        bytes += utf8Length(v);
        checkString(v, add);
        const t = v.trimStart();
        if (
          (t.startsWith('{') || t.startsWith('[')) &&
          v.length < 4 * 1024 * 1024
        ) {
          try {
            stack.push({
              v: JSON.parse(v) as unknown,
              path: `${path}<json>`,
              depth: depth + 1,
            });
          } catch {
            // Not JSON after all; the string itself was checked.
          }
        }
        continue;
      }
      if (typeof v !== 'object' || v === null) {
        bytes += typeof v === 'number' ? 8 : 1;
        continue;
      }
      if (seen.has(v)) continue;
      seen.add(v);
      const tag = typeName(v);
      const bin = binaryBytes(v);
      if (bin !== null) bytes += bin;
      if (accepted.has(v)) continue;
      if (tag === 'Blob' || tag === 'File') {
        const type = String((v as { type?: unknown }).type ?? '');
        const media = type === '' || /^(image|video)\//i.test(type);
        add(
          media ? 'image' : 'binary',
          `${tag} (${type || 'no type'}, ${fmtBytes(bin ?? 0)})`,
        );
        continue;
      }
      if (IMAGE_TAGS.has(tag)) {
        add('image', `${tag}${bin === null ? '' : ` (${fmtBytes(bin)})`}`);
        continue;
      }
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
        const emb = checkNumbers(v as unknown as ArrayLike<number>, tag, bin);
        if (emb) add('embedding', emb);
        else if (bin! > BINARY_CAP_BYTES)
          add('binary', `${tag} of ${fmtBytes(bin!)}`);
        continue;
      }
      if (bin !== null) {
        if (bin > BINARY_CAP_BYTES) add('binary', `${tag} of ${fmtBytes(bin)}`);
        continue;
      }
      if (depth >= MAX_DEPTH) {
        add(
          'unchecked',
          `nested deeper than ${MAX_DEPTH} levels; not checked further`,
        );
        continue;
      }
      const push = (child: unknown, p: string) =>
        stack.push({ v: child, path: p, depth: depth + 1 });
      if (Array.isArray(v)) {
        const emb = checkNumbers(v, 'array', null);
        if (emb) add('embedding', emb);
        for (let i = v.length - 1; i >= 0; i--) push(v[i], `${path}[${i}]`);
      } else if (v instanceof Map) {
        let i = 0;
        v.forEach((val: unknown, k: unknown) => {
          push(k, `${path}<map key ${i}>`);
          push(val, `${path}<map value ${i++}>`);
        });
      } else if (v instanceof Set) {
        let i = 0;
        v.forEach((val: unknown) => push(val, `${path}<set ${i++}>`));
      } else {
        const o = v as Record<string, unknown>;
        checkObjectShape(o, add);
        for (const k of Object.keys(o).reverse())
          push(o[k], `${path}${segment(k)}`);
      }
    }
  };
  return {
    add: addItem,
    result: () => ({
      checked: { records, values, bytes },
      findings: [...findings],
      rules: [...SCAN_RULES],
    }),
  };
}
