// Drag and drop of video or image files anywhere on the shell: shows the drop hint while
// files hover and hands dropped files to the caller. A dropped folder is opened into its files
// (see expandDrop), bounded in number and depth.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** At most this many entries (files and folders) are read from dropped folders. */
export const MAX_DROP_ENTRIES = 1000;
/** Folders are opened this many levels deep (a dropped folder's own files are level 1). */
export const MAX_DROP_DEPTH = 3;

/** The part of the File and Directory Entries API read here (FileSystemEntry and kin). */
export interface DropEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  /** FileSystemFileEntry.file */
  file?(ok: (file: File) => void, fail?: (err: unknown) => void): void;
  /** FileSystemDirectoryEntry.createReader */
  createReader?(): {
    readEntries(
      ok: (entries: DropEntry[]) => void,
      fail?: (err: unknown) => void,
    ): void;
  };
}

/** One dropped item: its entry when the browser gives one, and its File. */
export interface DropItem {
  entry: DropEntry | null;
  file: File | null;
}

export interface Expanded {
  files: File[];
  /** Entries were left unread: over MAX_DROP_ENTRIES, or deeper than MAX_DROP_DEPTH. */
  truncated: boolean;
}

const byName = (a: DropEntry, b: DropEntry): number =>
  a.name.localeCompare(b.name, undefined, { numeric: true });

/** Every entry of a folder: readEntries answers in batches (100 in Chromium) until an empty one. */
async function readAll(
  dir: DropEntry,
  room: number,
): Promise<{ entries: DropEntry[]; more: boolean }> {
  const reader = dir.createReader?.();
  const entries: DropEntry[] = [];
  if (!reader) return { entries, more: false };
  for (;;) {
    const batch = await new Promise<DropEntry[]>((ok) =>
      reader.readEntries(ok, () => ok([])),
    );
    if (batch.length === 0) return { entries, more: false };
    entries.push(...batch);
    if (entries.length >= room) return { entries, more: true };
  }
}

const fileOf = (entry: DropEntry): Promise<File | null> =>
  new Promise((ok) => {
    if (!entry.file) return ok(null);
    entry.file(ok, () => ok(null));
  });

/**
 * The files of a drop, in the order dropped, with each dropped folder replaced by its files
 * (sorted by name, subfolders after a folder's files, hidden ones starting with "." left out).
 * Reading stops after `maxEntries` entries of folders and below `maxDepth` levels.
 */
export async function expandDrop(
  items: readonly DropItem[],
  maxEntries = MAX_DROP_ENTRIES,
  maxDepth = MAX_DROP_DEPTH,
): Promise<Expanded> {
  const files: File[] = [];
  let read = 0;
  let truncated = false;
  const walk = async (dir: DropEntry, depth: number): Promise<void> => {
    if (depth > maxDepth) {
      truncated = true;
      return;
    }
    const room = maxEntries - read;
    if (room <= 0) {
      truncated = true;
      return;
    }
    const { entries, more } = await readAll(dir, room);
    if (more || entries.length > room) truncated = true;
    const kept = entries.slice(0, room).sort(byName);
    read += kept.length;
    const visible = kept.filter((e) => !e.name.startsWith('.'));
    const found = await Promise.all(
      visible.filter((e) => e.isFile).map(fileOf),
    );
    for (const file of found) if (file) files.push(file);
    for (const sub of visible.filter((e) => e.isDirectory))
      await walk(sub, depth + 1);
  };
  for (const { entry, file } of items) {
    if (entry?.isDirectory) await walk(entry, 1);
    else if (file) files.push(file);
  }
  return { files, truncated };
}

export class FileDrop implements ReactiveController {
  /** True while files are dragged over the shell. */
  dragging = false;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _onFiles: (files: File[]) => void,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._host.addEventListener('dragover', this._over);
    this._host.addEventListener('dragleave', this._leave);
    this._host.addEventListener('drop', this._drop);
  }

  hostDisconnected(): void {
    this._host.removeEventListener('dragover', this._over);
    this._host.removeEventListener('dragleave', this._leave);
    this._host.removeEventListener('drop', this._drop);
  }

  private _set(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this._host.requestUpdate();
  }

  private readonly _over = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this._set(true);
  };

  private readonly _leave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this._set(false);
  };

  private readonly _drop = (e: DragEvent): void => {
    e.preventDefault();
    this._set(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    // Entries exist only while the event is dispatched: taken now, read afterwards.
    const items: DropItem[] = Array.from(e.dataTransfer?.items ?? [])
      .filter((item) => item.kind === 'file')
      .map((item) => ({
        entry: item.webkitGetAsEntry?.() ?? null,
        file: item.getAsFile(),
      }));
    if (!items.some((item) => item.entry?.isDirectory)) {
      if (files.length > 0) this._onFiles(files);
      return;
    }
    // An empty folder too: the caller says no file was chosen.
    void expandDrop(items).then(({ files: found }) => this._onFiles(found));
  };
}
