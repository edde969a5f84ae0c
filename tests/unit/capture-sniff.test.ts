// The format sniffers behind the file messages of issue 8: a video's container and codecs,
// an image's format and size, read from hand-built headers; and proof that they read a few
// slices of a 4 GB file, never the file.

import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/capture/byte-source';
import { inspectImage } from '../../src/capture/decode-image';
import {
  imageSignature,
  readImageHeader,
} from '../../src/capture/image-header';
import { sniffMedia } from '../../src/capture/media-sniff';
import { nameList } from '../../src/capture/messages';
import { fileKind } from '../../src/capture/open-source';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** An ISO-BMFF box: 32-bit size, type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** A track with a handler ('vide'/'soun') and one sample entry of type `entry`. */
function trak(handler: string, entry: string): Buffer {
  const hdlr = box('hdlr', Buffer.alloc(8), latin1(handler), Buffer.alloc(12));
  const stsd = box(
    'stsd',
    Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]),
    box(entry, Buffer.alloc(78)),
  );
  return box(
    'trak',
    box('tkhd', Buffer.alloc(84)),
    box(
      'mdia',
      box('mdhd', Buffer.alloc(24)),
      hdlr,
      box('minf', box('stbl', stsd)),
    ),
  );
}

const ftyp = box(
  'ftyp',
  latin1('isom'),
  Buffer.alloc(4),
  latin1('isomiso2mp41'),
);

/** A Blob-like source of `size` bytes: `parts` at their offsets, zeros elsewhere; counts reads. */
function sparse(
  size: number,
  parts: [number, Buffer][],
): ByteSource & { read: number } {
  const src = {
    size,
    read: 0,
    slice(start: number, end: number) {
      return {
        arrayBuffer: async () => {
          const out = Buffer.alloc(end - start);
          src.read += out.length;
          for (const [at, bytes] of parts) {
            const from = Math.max(start, at);
            const to = Math.min(end, at + bytes.length);
            if (from < to) bytes.copy(out, from - start, from - at, to - at);
          }
          return out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
        },
      };
    },
  };
  return src;
}

const blob = (...parts: Buffer[]): Blob =>
  new Blob(parts.map((p) => new Uint8Array(p)));

describe('sniffMedia: what a video file holds', () => {
  it('names the HEVC video and the sound of an iPhone-style .mov', async () => {
    const moov = box(
      'moov',
      box('mvhd', Buffer.alloc(100)),
      trak('vide', 'hvc1'),
      trak('soun', 'mp4a'),
    );
    expect(
      await sniffMedia(blob(ftyp, moov, box('mdat', Buffer.alloc(64)))),
    ).toEqual({
      container: 'mp4',
      video: ['HEVC (H.265)'],
      audio: 1,
    });
  });

  it('names MPEG-4 Part 2, ProRes and an unknown sample entry (quoted, printable only)', async () => {
    const moov = box(
      'moov',
      trak('vide', 'mp4v'),
      trak('vide', 'apcn'),
      trak('vide', 'x\u0001z9'),
    );
    expect((await sniffMedia(blob(ftyp, moov))).video).toEqual([
      'MPEG-4 Part 2',
      'Apple ProRes',
      '“x?z9”',
    ]);
  });

  it('finds an audio-only mp4 (no video track)', async () => {
    const moov = box('moov', trak('soun', 'mp4a'));
    expect(await sniffMedia(blob(ftyp, moov))).toEqual({
      container: 'mp4',
      video: [],
      audio: 1,
    });
  });

  it('reads only box headers and the movie header of a 4 GB file whose moov comes last', async () => {
    const size = 4 * 1024 ** 3;
    const mdatHead = Buffer.alloc(16);
    mdatHead.writeUInt32BE(1, 0); // 64-bit size follows
    mdatHead.write('mdat', 4, 'latin1');
    const moov = box('moov', trak('vide', 'hev1'));
    const moovAt = size - moov.length;
    mdatHead.writeBigUInt64BE(BigInt(moovAt - ftyp.length), 8);
    const src = sparse(size, [
      [0, ftyp],
      [ftyp.length, mdatHead],
      [moovAt, moov],
    ]);
    expect((await sniffMedia(src)).video).toEqual(['HEVC (H.265)']);
    expect(src.read).toBeLessThan(300 * 1024);
  });

  it('names Matroska/WebM codec ids', async () => {
    const codec = (id: string): Buffer =>
      Buffer.concat([Buffer.from([0x86, 0x80 | id.length]), latin1(id)]);
    const mkv = blob(
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
      Buffer.alloc(40),
      codec('V_MPEGH/ISO/HEVC'),
      Buffer.alloc(20),
      codec('A_OPUS'),
    );
    expect(await sniffMedia(mkv)).toEqual({
      container: 'matroska',
      video: ['HEVC (H.265)'],
      audio: 1,
    });
    const audioOnly = blob(
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
      Buffer.alloc(8),
      codec('A_VORBIS'),
    );
    expect(await sniffMedia(audioOnly)).toEqual({
      container: 'matroska',
      video: [],
      audio: 1,
    });
  });

  it('recognises containers a browser does not open', async () => {
    const riff = (form: string) =>
      blob(latin1('RIFF'), Buffer.alloc(4), latin1(form), Buffer.alloc(64));
    expect((await sniffMedia(riff('AVI '))).container).toBe('avi');
    expect(
      (await sniffMedia(blob(latin1('FLV\u0001'), Buffer.alloc(32)))).container,
    ).toBe('flv');
    const ts = Buffer.alloc(188 * 3);
    for (let k = 0; k < 3; k++) ts[k * 188] = 0x47;
    expect((await sniffMedia(blob(ts))).container).toBe('mpeg-ts');
    expect(
      (await sniffMedia(blob(Buffer.from([0, 0, 1, 0xba]), Buffer.alloc(32))))
        .container,
    ).toBe('mpeg-ps');
    expect(
      (await sniffMedia(blob(latin1('Not a video. LocalSight test.\n'))))
        .container,
    ).toBe('unknown');
    expect(await sniffMedia(blob())).toEqual({
      container: 'unknown',
      video: [],
      audio: 0,
    });
  });

  it('finds Theora and Vorbis in Ogg', async () => {
    const ogg = blob(
      latin1('OggS'),
      Buffer.alloc(24),
      latin1('\x80theora'),
      Buffer.alloc(30),
      latin1('\x01vorbis'),
    );
    expect(await sniffMedia(ogg)).toEqual({
      container: 'ogg',
      video: ['Theora'],
      audio: 1,
    });
  });

  it('survives truncated and hostile boxes', async () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(0xfffffff0, 0);
    huge.write('moov', 4, 'latin1');
    expect(await sniffMedia(blob(ftyp, huge))).toEqual({
      container: 'mp4',
      video: [],
      audio: 0,
    });
    const cut = box('moov', trak('vide', 'avc1')).subarray(0, 40);
    expect((await sniffMedia(blob(ftyp, cut))).video).toEqual([]);
  });
});

describe('readImageHeader: format and size without decoding', () => {
  it('reads a PNG IHDR', async () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(15000, 4);
    const png = blob(
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
      ]),
      latin1('IHDR'),
      ihdr,
      Buffer.alloc(4),
    );
    expect(await readImageHeader(png)).toEqual({
      format: 'png',
      width: 20000,
      height: 15000,
    });
  });

  it('finds a JPEG frame header after a large EXIF segment', async () => {
    const app1 = Buffer.concat([
      Buffer.from([0xff, 0xe1, 0xff, 0xfe]),
      Buffer.alloc(0xfffc),
    ]);
    const sof = Buffer.from([0xff, 0xc2, 0, 17, 8, 0x1a, 0xb2, 0x25, 0x80, 3]); // 6834 × 9600
    const jpeg = blob(
      Buffer.from([0xff, 0xd8]),
      app1,
      app1,
      app1,
      app1,
      app1,
      sof,
      Buffer.alloc(32),
    );
    expect(await readImageHeader(jpeg)).toEqual({
      format: 'jpeg',
      width: 9600,
      height: 6834,
    });
  });

  it('sees through padding a crafted JPEG puts before its frame header', async () => {
    const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, 0x4e, 0x20, 0x4e, 0x20, 3]); // 20000 × 20000
    const size = { format: 'jpeg', width: 20000, height: 20000 };
    const comments = Buffer.concat(
      Array.from({ length: 300 }, () => Buffer.from([0xff, 0xfe, 0, 2])),
    );
    const fill = Buffer.alloc(3000, 0xff);
    const soi = Buffer.from([0xff, 0xd8]);
    expect(await readImageHeader(blob(soi, comments, sof))).toEqual(size);
    expect(await readImageHeader(blob(soi, fill, sof))).toEqual(size);
    // Past what is walked, the size is unknown, but the signature still says JPEG: the
    // caller refuses it rather than decode it unbounded.
    const endless = Buffer.concat(
      Array.from({ length: 5000 }, () => Buffer.from([0xff, 0xfe, 0, 2])),
    );
    const hidden = blob(soi, endless, sof);
    expect(await readImageHeader(hidden)).toBeNull();
    expect(await imageSignature(hidden)).toBe('jpeg');
    expect(
      await imageSignature(blob(latin1('not an image at all'))),
    ).toBeNull();
    await expect(inspectImage(hidden, 'padded.jpg')).rejects.toThrow(
      '“padded.jpg” has an image header this app cannot read safely',
    );
  });

  it('reads GIF, BMP and the three WebP flavours', async () => {
    const gif = Buffer.concat([
      latin1('GIF89a'),
      Buffer.from([0x40, 0x1f, 0x20, 0x4e]),
      Buffer.alloc(16),
    ]);
    expect(await readImageHeader(blob(gif))).toEqual({
      format: 'gif',
      width: 8000,
      height: 20000,
    });
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(640, 18);
    bmp.writeInt32LE(-480, 22); // top-down
    expect(await readImageHeader(blob(bmp))).toEqual({
      format: 'bmp',
      width: 640,
      height: 480,
    });
    const webp = (chunk: string, body: Buffer) =>
      blob(
        latin1('RIFF'),
        Buffer.alloc(4),
        latin1('WEBP'),
        latin1(chunk),
        Buffer.alloc(4),
        body,
      );
    const vp8 = Buffer.alloc(14);
    vp8.writeUInt16LE(1024, 6); // after the frame tag and start code
    vp8.writeUInt16LE(768, 8);
    expect(await readImageHeader(webp('VP8 ', vp8))).toEqual({
      format: 'webp',
      width: 1024,
      height: 768,
    });
    // VP8L: signature 0x2f, then 14-bit width-1 and height-1
    const w = 1023;
    const h = 767;
    const bits = w | (h << 14);
    const vp8l = Buffer.alloc(16);
    vp8l[0] = 0x2f;
    vp8l.writeUInt32LE(bits >>> 0, 1);
    expect(await readImageHeader(webp('VP8L', vp8l))).toEqual({
      format: 'webp',
      width: 1024,
      height: 768,
    });
    const vp8x = Buffer.alloc(10);
    vp8x.writeUIntLE(19999, 4, 3);
    vp8x.writeUIntLE(9999, 7, 3);
    expect(await readImageHeader(webp('VP8X', vp8x))).toEqual({
      format: 'webp',
      width: 20000,
      height: 10000,
    });
  });

  it('takes the primary image of an AVIF/HEIC (the largest ispe), not its thumbnail', async () => {
    const ispe = (w: number, h: number) => {
      const b = Buffer.alloc(20);
      b.writeUInt32BE(20, 0);
      b.write('ispe', 4, 'latin1');
      b.writeUInt32BE(w, 12);
      b.writeUInt32BE(h, 16);
      return b;
    };
    const heic = blob(
      box('ftyp', latin1('heic'), Buffer.alloc(4), latin1('mif1heic')),
      ispe(320, 240),
      ispe(4032, 3024),
    );
    expect(await readImageHeader(heic)).toEqual({
      format: 'heif',
      width: 4032,
      height: 3024,
    });
  });

  it('says null for what is no image it knows', async () => {
    expect(
      await readImageHeader(
        blob(latin1('Not an image at all, LocalSight test.')),
      ),
    ).toBeNull();
    expect(await readImageHeader(blob())).toBeNull();
    expect(
      await readImageHeader(
        blob(Buffer.from([0xff, 0xd8, 0xff, 0xda]), Buffer.alloc(32)),
      ),
    ).toBeNull();
  });
});

describe('file kinds and name lists', () => {
  it('goes by media type, and by extension only when the type says nothing', () => {
    expect(fileKind({ name: 'a.mp4', type: 'video/mp4' })).toBe('video');
    expect(fileKind({ name: 'a.m4a', type: 'audio/x-m4a' })).toBe('audio');
    expect(fileKind({ name: 'IMG_1.HEIC', type: '' })).toBe('image');
    expect(
      fileKind({ name: 'clip.mkv', type: 'application/octet-stream' }),
    ).toBe('video');
    expect(fileKind({ name: 'app.ts', type: 'text/vnd.qt.linguist' })).toBe(
      'other',
    );
    expect(fileKind({ name: 'notes.txt', type: 'text/plain' })).toBe('other');
    expect(fileKind({ name: 'README', type: '' })).toBe('other');
  });

  it('names at most three files', () => {
    expect(nameList(['a'])).toBe('“a”');
    expect(nameList(['a', 'b'])).toBe('“a” and “b”');
    expect(nameList(['a', 'b', 'c'])).toBe('“a”, “b” and “c”');
    expect(nameList(['a', 'b', 'c', 'd', 'e'])).toBe(
      '“a”, “b”, “c” and 2 more',
    );
  });
});
