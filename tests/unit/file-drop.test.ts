import { describe, expect, it } from 'vitest';
import {
  expandDrop,
  MAX_DROP_DEPTH,
  MAX_DROP_ENTRIES,
  type DropEntry,
} from '../../src/app/file-drop';

/** A fake FileSystemFileEntry. */
const fileEntry = (name: string): DropEntry => ({
  isFile: true,
  isDirectory: false,
  name,
  file: (ok) => queueMicrotask(() => ok(new File(['x'], name))),
});

interface FakeDir extends DropEntry {
  /** readEntries calls made, batches handed out. */
  reads: number;
}

/** A fake FileSystemDirectoryEntry whose reader hands out `batch` entries at a time, as Chromium does (100). */
function dirEntry(name: string, children: DropEntry[], batch = 100): FakeDir {
  const dir: FakeDir = {
    isFile: false,
    isDirectory: true,
    name,
    reads: 0,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          dir.reads++;
          const next = children.slice(at, at + batch);
          at += next.length;
          setTimeout(() => ok(next), 0);
        },
      };
    },
  };
  return dir;
}

const names = (files: File[]): string[] => files.map((f) => f.name);
const many = (n: number, prefix = 'img'): DropEntry[] =>
  Array.from({ length: n }, (_, i) => fileEntry(`${prefix}-${i + 1}.jpg`));

describe('expandDrop', () => {
  it('keeps plain files as dropped, with no entry or a file entry', async () => {
    const a = new File(['a'], 'a.jpg');
    const b = new File(['b'], 'b.mp4');
    const out = await expandDrop([
      { entry: null, file: a },
      { entry: fileEntry('b.mp4'), file: b },
    ]);
    expect(out.files).toEqual([a, b]);
    expect(out.truncated).toBe(false);
  });

  it('reads a folder batch after batch until an empty one, sorted by name', async () => {
    const dir = dirEntry('photos', many(250).reverse(), 100);
    const out = await expandDrop([
      { entry: dir, file: new File([], 'photos') },
    ]);
    expect(dir.reads).toBe(4); // 100, 100, 50, then the empty batch
    expect(out.files).toHaveLength(250);
    expect(names(out.files).slice(0, 3)).toEqual([
      'img-1.jpg',
      'img-2.jpg',
      'img-3.jpg',
    ]);
    expect(out.files[249].name).toBe('img-250.jpg');
    expect(out.truncated).toBe(false);
  });

  it('opens subfolders after a folder’s files, leaves hidden files out, keeps the drop order', async () => {
    const loose = new File(['l'], 'loose.png');
    const dir = dirEntry('trip', [
      dirEntry('day2', [fileEntry('c.jpg')]),
      fileEntry('.DS_Store'),
      fileEntry('b.jpg'),
      dirEntry('.hidden', [fileEntry('secret.jpg')]),
      fileEntry('a.jpg'),
    ]);
    const out = await expandDrop([
      { entry: dir, file: null },
      { entry: null, file: loose },
    ]);
    expect(names(out.files)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'loose.png']);
  });

  it(`goes ${MAX_DROP_DEPTH} levels deep, no deeper, and says so`, async () => {
    const deep = dirEntry('1', [
      fileEntry('one.jpg'),
      dirEntry('2', [
        fileEntry('two.jpg'),
        dirEntry('3', [
          fileEntry('three.jpg'),
          dirEntry('4', [fileEntry('four.jpg')]),
        ]),
      ]),
    ]);
    const out = await expandDrop([{ entry: deep, file: null }]);
    expect(names(out.files)).toEqual(['one.jpg', 'two.jpg', 'three.jpg']);
    expect(out.truncated).toBe(true);
  });

  it(`stops reading after ${MAX_DROP_ENTRIES} entries, across folders and batches`, async () => {
    const big = dirEntry('big', many(5000), 100);
    const out = await expandDrop([{ entry: big, file: null }]);
    expect(out.files).toHaveLength(MAX_DROP_ENTRIES);
    expect(big.reads).toBe(10); // not the 51 the whole folder takes
    expect(out.truncated).toBe(true);

    const first = dirEntry('a', many(600, 'a'));
    const second = dirEntry('b', many(600, 'b'));
    const both = await expandDrop([
      { entry: first, file: null },
      { entry: second, file: null },
    ]);
    expect(both.files).toHaveLength(MAX_DROP_ENTRIES);
    expect(names(both.files).filter((n) => n.startsWith('b-'))).toHaveLength(
      400,
    );
    // Subfolders count as entries too.
    const nested = await expandDrop(
      [{ entry: dirEntry('n', [dirEntry('s', many(5))]), file: null }],
      3,
    );
    expect(nested.files).toHaveLength(2);
    expect(nested.truncated).toBe(true);
  });

  it('skips a folder or file the browser cannot read, keeping the rest', async () => {
    const broken: DropEntry = {
      isFile: false,
      isDirectory: true,
      name: 'locked',
      createReader: () => ({
        readEntries: (_ok, fail) => fail?.(new Error('denied')),
      }),
    };
    const unreadable: DropEntry = {
      isFile: true,
      isDirectory: false,
      name: 'gone.jpg',
      file: (_ok, fail) => fail?.(new Error('NotFoundError')),
    };
    const out = await expandDrop([
      {
        entry: dirEntry('d', [broken, unreadable, fileEntry('ok.jpg')]),
        file: null,
      },
    ]);
    expect(names(out.files)).toEqual(['ok.jpg']);
  });

  it('gives nothing for an empty folder', async () => {
    const out = await expandDrop([
      { entry: dirEntry('empty', []), file: null },
    ]);
    expect(out).toEqual({ files: [], truncated: false });
  });
});
