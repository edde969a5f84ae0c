// Says what a video file holds when the browser will not play it: its container and each
// track's codec, from its header (MP4/MOV boxes, Matroska/WebM codec ids, Ogg headers). Reads
// bounded slices only, never the whole file, and only after playback has failed.

import {
  ascii,
  indexOfAscii,
  readBytes,
  u32be,
  type ByteSource,
} from './byte-source';
import { MAX_MOOV_BYTES, SNIFF_BYTES } from './constants';

export type Container =
  | 'mp4'
  | 'matroska'
  | 'ogg'
  | 'avi'
  | 'mpeg-ts'
  | 'mpeg-ps'
  | 'asf'
  | 'flv'
  | 'unknown';

export interface MediaTracks {
  container: Container;
  /** Each video track's codec, named for people, e.g. 'HEVC (H.265)'. */
  video: string[];
  /** How many audio tracks were seen. */
  audio: number;
}

/** Containers this app does not expect a browser to open at all, as "“x” is …". */
export const CONTAINER_LABEL: Partial<Record<Container, string>> = {
  avi: 'an AVI file',
  'mpeg-ts': 'an MPEG transport stream (.ts, .mts)',
  'mpeg-ps': 'an MPEG program stream (.mpg, .vob)',
  asf: 'a Windows Media file (.wmv, .asf)',
  flv: 'a Flash Video file (.flv)',
};

const HEVC = 'HEVC (H.265)';
const PRORES = 'Apple ProRes';
const MJPEG = 'Motion JPEG';

/** ISO-BMFF (MP4, MOV, 3GP) video sample entries. */
const MP4_VIDEO: Record<string, string> = {
  avc1: 'H.264',
  avc3: 'H.264',
  hvc1: HEVC,
  hev1: HEVC,
  dvh1: 'Dolby Vision (HEVC)',
  dvhe: 'Dolby Vision (HEVC)',
  vvc1: 'VVC (H.266)',
  vvi1: 'VVC (H.266)',
  av01: 'AV1',
  vp08: 'VP8',
  vp09: 'VP9',
  mp4v: 'MPEG-4 Part 2',
  s263: 'H.263',
  h263: 'H.263',
  apch: PRORES,
  apcn: PRORES,
  apcs: PRORES,
  apco: PRORES,
  ap4h: PRORES,
  ap4x: PRORES,
  jpeg: MJPEG,
  mjpa: MJPEG,
  mjpb: MJPEG,
  mjp2: 'Motion JPEG 2000',
  'dvc ': 'DV',
  dvcp: 'DV',
};

/** Matroska/WebM video codec ids, by prefix. */
const MKV_VIDEO: [string, string][] = [
  ['V_MPEG4/ISO/AVC', 'H.264'],
  ['V_MPEGH/ISO/HEVC', HEVC],
  ['V_MPEGI/ISO/VVC', 'VVC (H.266)'],
  ['V_MPEG4/ISO/', 'MPEG-4 Part 2'],
  ['V_MPEG4/MS/', 'MPEG-4 Part 2 (Microsoft)'],
  ['V_AV1', 'AV1'],
  ['V_VP8', 'VP8'],
  ['V_VP9', 'VP9'],
  ['V_THEORA', 'Theora'],
  ['V_PRORES', PRORES],
  ['V_MPEG1', 'MPEG-1'],
  ['V_MPEG2', 'MPEG-2'],
  ['V_MJPEG', MJPEG],
  ['V_MS/VFW/', 'Video for Windows'],
  ['V_REAL/', 'RealVideo'],
  ['V_FFV1', 'FFV1'],
  ['V_UNCOMPRESSED', 'uncompressed video'],
];

/** An unknown code, quoted and limited to printable ASCII so a hostile file cannot inject text. */
const quoted = (code: string): string =>
  `“${code.replace(/[^\x20-\x7e]/g, '?').slice(0, 24)}”`;

function containerOf(head: Uint8Array): Container {
  const tag = ascii(head, 4);
  if (['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot'].includes(tag))
    return 'mp4';
  if (u32be(head, 0) === 0x1a45dfa3) return 'matroska';
  if (ascii(head, 0) === 'OggS') return 'ogg';
  if (ascii(head, 0) === 'RIFF' && ascii(head, 8) === 'AVI ') return 'avi';
  if (ascii(head, 0, 3) === 'FLV') return 'flv';
  if (u32be(head, 0) === 0x3026b275 && u32be(head, 4) === 0x8e66cf11)
    return 'asf';
  if (u32be(head, 0) === 0x000001ba) return 'mpeg-ps';
  // 188-byte transport packets, or 192-byte ones with a timecode first (.m2ts, .mts)
  for (const [first, step] of [
    [0, 188],
    [4, 192],
  ]) {
    if ([0, 1, 2].every((k) => head[first + k * step] === 0x47))
      return 'mpeg-ts';
  }
  return 'unknown';
}

interface Box {
  type: string;
  /** Payload start and end (exclusive) in the buffer. */
  start: number;
  end: number;
}

/** The boxes laid end to end in `b` between `start` and `end`; stops at the first malformed one. */
function* boxes(b: Uint8Array, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let size = u32be(b, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      size = u32be(b, at + 8) * 2 ** 32 + u32be(b, at + 12);
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return;
    yield { type: ascii(b, at + 4), start: at + header, end: at + size };
    at += size;
  }
}

/** The box reached through `path` of child types from `box`, if there is one. */
function descend(b: Uint8Array, box: Box, path: string[]): Box | undefined {
  let current: Box | undefined = box;
  for (const type of path) {
    if (!current) return undefined;
    const parent: Box = current;
    current = [...boxes(b, parent.start, parent.end)].find(
      (c) => c.type === type,
    );
  }
  return current;
}

/** The movie header's payload: top-level boxes are stepped over by their headers alone. */
async function readMoov(src: ByteSource): Promise<Uint8Array | null> {
  let at = 0;
  for (let i = 0; i < 64 && at + 8 <= src.size; i++) {
    const h = await readBytes(src, at, 16);
    let size = u32be(h, 0);
    let header = 8;
    if (size === 1 && h.length === 16) {
      size = u32be(h, 8) * 2 ** 32 + u32be(h, 12);
      header = 16;
    } else if (size === 0) size = src.size - at;
    if (size < header) return null;
    if (ascii(h, 4) === 'moov') {
      if (size - header > MAX_MOOV_BYTES) return null;
      return readBytes(src, at + header, size - header);
    }
    at += size;
  }
  return null;
}

function mp4Tracks(moov: Uint8Array): Pick<MediaTracks, 'video' | 'audio'> {
  const video: string[] = [];
  let audio = 0;
  for (const trak of boxes(moov, 0, moov.length)) {
    if (trak.type !== 'trak') continue;
    const mdia = descend(moov, trak, ['mdia']);
    if (!mdia) continue;
    const hdlr = descend(moov, mdia, ['hdlr']);
    // hdlr: version+flags (4), pre_defined (4), handler_type (4)
    const handler = hdlr ? ascii(moov, hdlr.start + 8) : '';
    const stsd = descend(moov, mdia, ['minf', 'stbl', 'stsd']);
    // stsd: version+flags (4), entry_count (4), then the first entry's size (4) and type (4)
    const entry = stsd ? ascii(moov, stsd.start + 12) : '';
    if (handler === 'vide')
      video.push(MP4_VIDEO[entry] ?? (entry ? quoted(entry) : 'unknown'));
    else if (handler === 'soun') audio++;
  }
  return { video, audio };
}

/** Matroska CodecID elements (id 0x86, a one- or two-byte size, then the id's text). */
function matroskaTracks(
  head: Uint8Array,
): Pick<MediaTracks, 'video' | 'audio'> {
  const video: string[] = [];
  let audio = 0;
  for (let i = head.indexOf(0x86); i !== -1; i = head.indexOf(0x86, i + 1)) {
    const s = head[i + 1];
    const [length, from] =
      s >= 0x81
        ? [s & 0x7f, i + 2]
        : s >= 0x40
          ? [((s & 0x3f) << 8) | head[i + 2], i + 3]
          : [0, 0];
    if (length < 3 || length > 64) continue;
    const id = ascii(head, from, length);
    if (!/^[VAS]_[A-Z0-9/_.-]+$/.test(id)) continue;
    if (id.startsWith('A_')) audio++;
    else if (id.startsWith('V_'))
      video.push(MKV_VIDEO.find(([p]) => id.startsWith(p))?.[1] ?? quoted(id));
  }
  return { video, audio };
}

function oggTracks(head: Uint8Array): Pick<MediaTracks, 'video' | 'audio'> {
  const video = indexOfAscii(head, '\x80theora') !== -1 ? ['Theora'] : [];
  const audio = ['\x01vorbis', 'OpusHead', '\x7fFLAC'].filter(
    (magic) => indexOfAscii(head, magic) !== -1,
  ).length;
  return { video, audio };
}

/** What `src` holds, as far as its header tells; an unknown container names no tracks. */
export async function sniffMedia(src: ByteSource): Promise<MediaTracks> {
  const head = await readBytes(src, 0, SNIFF_BYTES);
  const container = containerOf(head);
  const none = { video: [], audio: 0 };
  switch (container) {
    case 'mp4': {
      const moov = await readMoov(src);
      return { container, ...(moov ? mp4Tracks(moov) : none) };
    }
    case 'matroska':
      return { container, ...matroskaTracks(head) };
    case 'ogg':
      return { container, ...oggTracks(head) };
    default:
      return { container, ...none };
  }
}
