// Owns authorised face matching for its host (issue 18): whether it is off, locked or
// unlocked; turning it on (the operator's recorded declaration and passphrase) and off (every
// profile and its counts deleted); unlocking and locking; enrolment from captured frames;
// deleting a profile; and the audit log of each act. While unlocked, the gallery is handed to
// the analysis worker as transferred buffers and lives nowhere else on the page. Off, nothing
// of matching is loaded and no profiles database exists. Main thread only.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AuditLog, type AuditAction } from '../matching/audit-log';
import { cosineDistance } from '../matching/descriptor-math';
import { MAX_PROFILE_KEYS } from '../shared/aggregates';
import {
  ART6_BASES,
  ART9_CONDITIONS,
  PURPOSES,
  cleanText,
  type Authorisation,
} from '../matching/authorisation';
import {
  FACE_RECOGNITION_FILES,
  PROFILE_ENCRYPTION,
} from '../matching/constants';
import {
  ProfileStore,
  type ProfileStoreOptions,
  type ProfileSummary,
} from '../matching/profile-store';
import type {
  MatchingDeclaration,
  MatchingInspect,
} from '../shared/inspector-types';
import type { FrameImage } from '../shared/types';

/** What the analysis worker offers matching (DetectorController implements it). */
export interface MatchingBackend {
  /** null: matching off (the worker drops the gallery and unloads the recognition model). */
  setMatching(
    config: {
      gallery: { id: string; label: string; descriptors: Float32Array[] }[];
      threshold: number;
    } | null,
  ): Promise<void>;
  /** The descriptor of the one face in `frame`; throws with a message for the operator. */
  enrolDescriptor(frame: FrameImage): Promise<Float32Array>;
}

export interface MatchingOptions {
  backend: MatchingBackend;
  /** The match threshold (cosine distance), measured by eval:matching. */
  threshold: number;
  onNotice(kind: 'warning' | 'error' | 'info', message: string): void;
  /** Deletes a profile's counts from the aggregates (StorageController.forgetProfile). */
  forgetCounts(profileId: string): Promise<unknown>;
  /** After every act (turned on, unlocked, enrolled…), e.g. to re-read the inspector. */
  onChanged?(): void;
  store?: ProfileStoreOptions;
  auditName?: string;
  now?: () => number;
}

export type MatchingState = 'starting' | 'off' | 'locked' | 'unlocked';

/** Captures an enrolment needs at least, so one bad frame does not make the profile. */
export const MIN_CAPTURES = 3;
/**
 * A new capture must be within this many match thresholds of an earlier one of the same
 * enrolment (eval:matching: genuine pairs reach 0.08, most impostor pairs lie above 0.1).
 */
export const CAPTURE_CONSISTENCY = 2;
/** Captures kept at most for one enrolment (the oldest go first). */
export const MAX_CAPTURES = 10;

export class MatchingController implements ReactiveController {
  state: MatchingState = 'starting';
  /** The operator's declaration while matching is on. */
  authorisation: Authorisation | null = null;
  /** The enrolled profiles, while unlocked. */
  profiles: ProfileSummary[] = [];
  busy = false;
  private _store: ProfileStore | null = null;
  private _captured: Float32Array[] = [];
  private _queue: Promise<void> = Promise.resolve();
  /** Acts asked for and not finished (busy while any is). */
  private _pending = 0;
  private readonly _audit: AuditLog;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _options: MatchingOptions,
  ) {
    this._audit = new AuditLog(_options.auditName, _options.now ?? Date.now);
    _host.addController(this);
  }

  hostConnected(): void {
    void this.start();
  }

  hostDisconnected(): void {
    this._store?.close();
    this._store = null;
  }

  /** Opens the profiles store if matching is on (locked), deleting expired profiles. */
  async start(): Promise<void> {
    await this._run(async () => {
      const opened = await ProfileStore.open(this._storeOptions());
      if (!opened) {
        this.state = 'off';
        return;
      }
      this._store = opened.store;
      this.authorisation = await opened.store.authorisation();
      this.state = 'locked';
      await this._expired(opened.expired);
    });
  }

  /** Turns matching on: the declaration recorded, the store created for `passphrase`. */
  async turnOn(
    authorisation: Authorisation,
    passphrase: string,
  ): Promise<void> {
    await this._run(async () => {
      if (this.state !== 'off') throw new Error('Face matching is already on.');
      this._store = await ProfileStore.create(
        passphrase,
        authorisation,
        this._storeOptions(),
      );
      this.authorisation = authorisation;
      this.state = 'unlocked';
      this.profiles = [];
      await this._record('turned-on');
      await this._activate();
    });
  }

  /** Unlocks with `passphrase`; a wrong one is refused, recorded, and reads nothing. */
  async unlock(passphrase: string): Promise<boolean> {
    let ok = false;
    await this._run(async () => {
      const store = this._need('locked');
      if (!this.authorisation)
        throw new Error(
          'The declaration recorded when face matching was turned on is missing or damaged, so the profiles are not unlocked: turn matching off (deleting every profile) and set it up again.',
        );
      ok = await store.unlock(passphrase);
      await this._record(ok ? 'unlocked' : 'unlock-failed');
      if (!ok) {
        this._options.onNotice(
          'warning',
          'That passphrase does not unlock the profiles. Nothing was read.',
        );
        return;
      }
      this.state = 'unlocked';
      // A kiosk may run for days: profiles that expired since the start go now.
      await this._expired(await store.purgeExpired());
      await this._refresh();
    });
    return ok;
  }

  /** Locks: the key and the gallery are forgotten, on the page and in the worker. */
  async lock(): Promise<void> {
    await this._run(async () => {
      const store = this._need('unlocked');
      store.lock();
      this.profiles = [];
      this._captured = [];
      // The screen says "locked" once the act is in the audit log, so a reload right after
      // cannot lose the entry; and says it even if that write fails (the key is gone anyway).
      try {
        await this._options.backend.setMatching(null);
        await this._record('locked');
      } finally {
        this.state = 'locked';
      }
    });
  }

  /** Descriptors of the person being enrolled, captured one by one; memory only. */
  get captured(): number {
    return this._captured.length;
  }

  /**
   * Describes one capture of the person being enrolled at once (so the operator hears now if
   * it shows no face, or two), keeping only its descriptor, in memory, until enrol or
   * discard. The frame is handed to the worker and closed there. Resolves true when kept.
   */
  async capture(frame: FrameImage): Promise<boolean> {
    let kept = false;
    await this._run(async () => {
      try {
        this._need('unlocked');
      } catch (err) {
        frame.close();
        throw err;
      }
      const d = await this._options.backend.enrolDescriptor(frame);
      // Captures of two people would make one profile that matches both: each new one must
      // look like the person of the earlier ones.
      const nearest = Math.min(
        ...this._captured.map((c) => cosineDistance(c, d)),
      );
      if (
        this._captured.length > 0 &&
        nearest > CAPTURE_CONSISTENCY * this._options.threshold
      )
        throw new Error(
          'This capture does not look like the same person as the earlier ones. Discard the captures and start again, with one person in view.',
        );
      this._captured = [...this._captured, d].slice(-MAX_CAPTURES);
      kept = true;
    });
    return kept;
  }

  /** Forgets the captures taken so far. */
  discardCaptures(): void {
    this._captured = [];
    this._host.requestUpdate();
  }

  /** Enrols the person captured so far (capture) as `label`, until `expiresAt`. */
  async enrolCaptured(label: string, expiresAt: number): Promise<void> {
    await this._run(async () => {
      const descriptors = this._captured;
      this._tooFew(descriptors.length);
      await this._save(label, expiresAt, descriptors);
      this._captured = [];
    });
  }

  /**
   * Enrols one person from `frames` (several captures; each must hold exactly that one face):
   * only their descriptors, `label` and `expiresAt` are kept, encrypted. The frames are
   * handed to the worker and closed there; no photo is kept anywhere.
   */
  async enrol(
    label: string,
    expiresAt: number,
    frames: readonly FrameImage[],
  ): Promise<void> {
    await this._run(async () => {
      this._need('unlocked');
      this._tooFew(frames.length);
      const descriptors: Float32Array[] = [];
      for (const [i, frame] of frames.entries()) {
        try {
          descriptors.push(await this._options.backend.enrolDescriptor(frame));
        } catch (err) {
          // The frames not yet handed over are closed here: none is kept.
          for (const rest of frames.slice(i + 1)) rest.close();
          throw new Error(`Capture ${i + 1}: ${describe(err)}`);
        }
      }
      await this._save(label, expiresAt, descriptors);
    });
  }

  private _tooFew(n: number): void {
    if (n < MIN_CAPTURES)
      throw new Error(
        `Take at least ${MIN_CAPTURES} captures of the person, turning a little between them.`,
      );
  }

  private async _save(
    label: string,
    expiresAt: number,
    descriptors: Float32Array[],
  ): Promise<void> {
    const store = this._need('unlocked');
    // Shown on screen and in History: no control or direction characters, not empty.
    label = cleanText(label);
    if (!label) throw new Error('Give the person a label.');
    // Buckets hold at most this many profiles' counts: more would make a day unreadable.
    if ((await store.count()) >= MAX_PROFILE_KEYS)
      throw new Error(
        `${MAX_PROFILE_KEYS} people are enrolled, the most this app counts: delete one first.`,
      );
    await store.add(label, expiresAt, descriptors);
    await this._record('enrolled', 1);
    await this._refresh();
  }

  /** Deletes one profile and its counts. */
  async remove(id: string): Promise<void> {
    await this._run(async () => {
      const store = this._need('unlocked');
      await store.remove(id);
      await this._record('deleted', 1);
      // The worker stops matching it before its counts go, so none arrives after.
      await this._refresh();
      await this._options.forgetCounts(id);
    });
  }

  /** Turns matching off: every profile, its counts and the store are deleted. */
  async turnOff(): Promise<void> {
    await this._run(async () => {
      const store = this._store;
      if (!store) throw new Error('Face matching is already off.');
      const ids = await store.ids();
      store.close();
      this._store = null;
      // The profiles go first; then the worker's copy (a worker that crashed has none).
      await ProfileStore.deleteAll(this._storeOptions().name, () =>
        this._options.onNotice(
          'warning',
          'Another LocalSight tab or window holds the profiles open: close it, and they are deleted.',
        ),
      );
      this.authorisation = null;
      this.profiles = [];
      this._captured = [];
      // "Off" shows once the acts are audited and the counts gone, as with lock.
      try {
        await this._options.backend.setMatching(null).catch(() => undefined);
        await this._record('deleted-all', ids.length);
        await this._record('turned-off');
        for (const id of ids) await this._options.forgetCounts(id);
      } finally {
        this.state = 'off';
      }
    });
  }

  /** Profiles deleted for their expiry: their counts go too, as when the operator deletes one. */
  private async _expired(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this._record('expired', ids.length);
    this._options.onNotice(
      'info',
      `${ids.length} enrolled profile(s) reached their expiry date and were deleted, with their counts.`,
    );
    for (const id of ids) await this._options.forgetCounts(id);
  }

  /** Every audited act, oldest first (for the privacy inspector). */
  auditEntries() {
    return this._audit.entries();
  }

  /** The declaration in words while matching is on (banner, notice, DPIA). */
  declaration(): MatchingDeclaration | null {
    return this.authorisation ? declarationOf(this.authorisation) : null;
  }

  /** The operator's labels by profile id while unlocked (History names counts with them). */
  labels(): Record<string, string> {
    return Object.fromEntries(this.profiles.map((p) => [p.id, p.label]));
  }

  /**
   * The analysis worker restarted (crash) and lost the gallery, which lives nowhere else:
   * decrypts it again and sends it while unlocked.
   */
  async workerRestarted(): Promise<void> {
    if (this.state !== 'unlocked') return;
    await this._run(() => this._activate());
  }

  /** What the privacy inspector shows: state, declaration, store size, protection, audit. */
  async inspect(): Promise<MatchingInspect> {
    const name = this._storeOptions().name;
    const [databaseExists, size, audit] = await Promise.all([
      ProfileStore.exists(name),
      this._store?.size() ?? Promise.resolve({ profiles: 0, bytes: 0 }),
      this._audit.entries(),
    ]);
    return {
      state: this.state,
      declaration: this.declaration(),
      profiles: size.profiles,
      bytes: size.bytes,
      databaseExists,
      encryption: PROFILE_ENCRYPTION,
      audit,
      modelFiles: [...FACE_RECOGNITION_FILES],
    };
  }

  private async _refresh(): Promise<void> {
    const store = this._need('unlocked');
    this.profiles = await store.list();
    await this._activate();
  }

  /**
   * Sends the gallery; if the worker cannot take it (the recognition model fails to load, the
   * worker is down), locks again rather than showing "matching" while nothing is matched.
   */
  private async _activate(): Promise<void> {
    try {
      await this._sendGallery();
    } catch (err) {
      this._store?.lock();
      this.state = 'locked';
      this.profiles = [];
      this._captured = [];
      await this._options.backend.setMatching(null).catch(() => undefined);
      throw new Error(
        `Face matching could not start: ${describe(err)}. The profiles stay locked and no one is matched; unlock to try again.`,
      );
    }
  }

  // The gallery goes to the worker and is dropped here: the page keeps labels only.
  private async _sendGallery(): Promise<void> {
    const store = this._need('unlocked');
    const { entries, unreadable } = await store.gallery();
    if (unreadable > 0)
      this._options.onNotice(
        'warning',
        `${unreadable} enrolled profile(s) could not be decrypted (changed outside LocalSight?) and are not matched. Delete them, or turn matching off to delete everything.`,
      );
    await this._options.backend.setMatching({
      gallery: entries,
      threshold: this._options.threshold,
    });
  }

  private _need(state: 'locked' | 'unlocked'): ProfileStore {
    if (!this._store || this.state !== state)
      throw new Error(
        state === 'unlocked'
          ? 'Unlock the profiles first.'
          : 'Face matching is not locked.',
      );
    return this._store;
  }

  private _storeOptions(): ProfileStoreOptions {
    return { now: this._options.now, ...this._options.store };
  }

  private async _record(action: AuditAction, count = 0): Promise<void> {
    try {
      await this._audit.record(action, count);
    } catch (err) {
      this._options.onNotice(
        'warning',
        `The matching audit log could not be written: ${describe(err)}`,
      );
    }
  }

  /**
   * One act at a time, in the order asked (a lock pressed during a batch of photos waits for
   * it); a failure becomes an error notice, never a blank screen.
   */
  private _run(task: () => Promise<void>): Promise<void> {
    const run = this._queue.then(async () => {
      this.busy = true;
      this._host.requestUpdate();
      try {
        await task();
      } catch (err) {
        this._options.onNotice('error', describe(err));
      } finally {
        this._pending -= 1;
        this.busy = this._pending > 0;
        this._host.requestUpdate();
        this._options.onChanged?.();
      }
    });
    this._pending += 1;
    this._queue = run;
    return run;
  }
}

/** The declaration in words (the documents may not import the matching domain). */
export function declarationOf(a: Authorisation): MatchingDeclaration {
  return {
    purpose: PURPOSES[a.purpose],
    basis: ART6_BASES[a.art6],
    condition: ART9_CONDITIONS[a.art9],
    retentionDays: a.retentionDays,
    affected: a.affected,
    authorisedBy: a.authorisedBy,
    at: a.at,
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
