// The page side of authorised matching (issue 18) on fake-indexeddb, node's WebCrypto and a
// fake worker: off leaves no database and sends nothing; turning on records the declaration;
// enrolment keeps only what the worker computed; lock, wrong and right passphrases; delete
// removes the profile and its counts; turning off deletes everything and audits it.

import 'fake-indexeddb/auto';
import type { ReactiveController } from 'lit';
import { describe, expect, it } from 'vitest';
import {
  MatchingController,
  type MatchingBackend,
} from '../../src/controllers/matching-controller';
import type { Authorisation } from '../../src/matching/authorisation';
import { ProfileStore } from '../../src/matching/profile-store';
import type { FrameImage } from '../../src/shared/types';

const AUTH: Authorisation = {
  purpose: 'visitor-whitelist',
  art6: 'consent',
  art9: 'explicit-consent',
  retentionDays: 30,
  affected: 'Visitors who signed up at reception',
  authorisedBy: 'Security lead',
  at: Date.UTC(2026, 11, 6),
};
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;
let n = 0;

/** A frame the fake worker reads a face number from; closed like a real one. */
const frame = (face: number | 'none') => {
  const f = { face, closed: false, close: () => void (f.closed = true) };
  return f as unknown as FrameImage & { closed: boolean };
};

function setup(clock = { now: NOW }) {
  const name = `ctl-profiles-${++n}`;
  const sent: unknown[] = [];
  const forgotten: string[] = [];
  const notices: string[] = [];
  const backend: MatchingBackend = {
    setMatching: async (config) => {
      sent.push(
        config && {
          labels: config.gallery.map((g) => g.label),
          captures: config.gallery.map((g) => g.descriptors.length),
        },
      );
    },
    enrolDescriptor: async (f) => {
      const { face } = f as unknown as { face: number | 'none' };
      f.close();
      if (face === 'none') throw new Error('No face found.');
      // Face 9 is someone else: a descriptor pointing another way.
      if (face === 9)
        return Float32Array.from({ length: 128 }, (_, i) => (i % 2 ? 1 : -1));
      return new Float32Array(128).fill(face / 10);
    },
  };
  const host = {
    addController: (_c: ReactiveController) => undefined,
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
  const make = () =>
    new MatchingController(host, {
      backend,
      threshold: 0.068,
      onNotice: (_k, m) => notices.push(m),
      forgetCounts: async (id) => void forgotten.push(id),
      store: { name, iterations: 1000 },
      auditName: `${name}-audit`,
      now: () => clock.now,
    });
  return { name, sent, forgotten, notices, make, backend };
}

describe('MatchingController', () => {
  it('is off with no profiles database, and sends nothing to the worker', async () => {
    const { name, sent, make } = setup();
    const c = make();
    await c.start();
    expect(c.state).toBe('off');
    expect(await ProfileStore.exists(name)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('turns on, enrols from captures, locks, refuses a wrong passphrase and unlocks again', async () => {
    const { sent, notices, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    expect(c.state).toBe('unlocked');
    expect(c.authorisation).toEqual(AUTH);
    const frames = [frame(1), frame(1), frame(1)];
    await c.enrol('Guest: Dana', NOW + 10 * DAY, frames);
    expect(frames.every((f) => f.closed)).toBe(true);
    expect(c.profiles.map((p) => [p.label, p.captures])).toEqual([
      ['Guest: Dana', 3],
    ]);
    expect(sent.at(-1)).toEqual({ labels: ['Guest: Dana'], captures: [3] });
    await c.lock();
    expect(sent.at(-1)).toBeNull(); // the worker forgot the gallery
    expect(c.profiles).toEqual([]);

    // A new page: locked, with the declaration readable.
    const again = make();
    await again.start();
    expect(again.state).toBe('locked');
    expect(again.authorisation).toEqual(AUTH);
    expect(await again.unlock('a long passphrasE')).toBe(false);
    expect(notices.at(-1)).toMatch(/does not unlock/);
    expect(again.state).toBe('locked');
    expect(await again.unlock('a long passphrase')).toBe(true);
    expect(again.profiles.map((p) => p.label)).toEqual(['Guest: Dana']);
    const audit = (await again.auditEntries()).map((e) => e.action);
    expect(audit).toEqual([
      'turned-on',
      'enrolled',
      'locked',
      'unlock-failed',
      'unlocked',
    ]);
  });

  it('refuses an enrolment with too few captures or a capture without a face, keeping nothing', async () => {
    const { notices, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'pw');
    await c.enrol('X', NOW + DAY, [frame(1), frame(1)]);
    expect(notices.at(-1)).toMatch(/at least 3 captures/);
    const frames = [frame(2), frame('none'), frame(2)];
    await c.enrol('Y', NOW + DAY, frames);
    expect(notices.at(-1)).toBe('Capture 2: No face found.');
    expect(frames.every((f) => f.closed)).toBe(true);
    expect(c.profiles).toEqual([]);
  });

  it('deletes a profile with its counts, and turning off deletes everything', async () => {
    const { name, forgotten, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'pw');
    await c.enrol('A', NOW + DAY, [frame(1), frame(1), frame(1)]);
    await c.enrol('B', NOW + DAY, [frame(5), frame(5), frame(5)]);
    const id = (label: string) => c.profiles.find((p) => p.label === label)!.id;
    const [a, b] = [id('A'), id('B')];
    await c.remove(a);
    expect(forgotten).toEqual([a]);
    expect(c.profiles.map((p) => p.label)).toEqual(['B']);
    await c.turnOff();
    expect(c.state).toBe('off');
    expect(forgotten).toEqual([a, b]);
    expect(await ProfileStore.exists(name)).toBe(false);
    const audit = (await c.auditEntries()).map((e) => [e.action, e.count]);
    expect(audit.slice(-3)).toEqual([
      ['deleted', 1],
      ['deleted-all', 1],
      ['turned-off', 0],
    ]);
  });

  it('shows "locked" and "off" only once the act is in the audit log (a reload right after loses nothing)', async () => {
    const { make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'pw');
    // What the screen shows at the moment each audit entry lands.
    const seen: string[] = [];
    const audit = (
      c as unknown as { _audit: { record: (...a: never[]) => Promise<void> } }
    )._audit;
    const record = audit.record.bind(audit);
    audit.record = async (...a: never[]) => {
      seen.push(c.state);
      await record(...a);
    };
    await c.lock();
    expect(c.state).toBe('locked');
    expect(await c.unlock('pw')).toBe(true);
    await c.turnOff();
    expect(c.state).toBe('off');
    // locked while unlocked; unlocked while locked; deleted-all and turned-off while not yet off.
    expect(seen).toEqual(['unlocked', 'locked', 'unlocked', 'unlocked']);
    expect((await c.auditEntries()).map((e) => e.action).slice(-4)).toEqual([
      'locked',
      'unlocked',
      'deleted-all',
      'turned-off',
    ]);
  });

  it('deletes expired profiles and their counts on start, while locked, and says so', async () => {
    const clock = { now: NOW };
    const { notices, forgotten, make } = setup(clock);
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'pw');
    await c.enrol('Short', NOW + DAY, [frame(1), frame(1), frame(1)]);
    const shortId = c.profiles[0]!.id;
    await c.enrol('Long', NOW + 30 * DAY, [frame(2), frame(2), frame(2)]);
    c.hostDisconnected();
    clock.now = NOW + 2 * DAY;
    const again = make();
    await again.start();
    expect(again.state).toBe('locked');
    expect(notices.at(-1)).toBe(
      '1 enrolled profile(s) reached their expiry date and were deleted, with their counts.',
    );
    expect(forgotten).toEqual([shortId]);
    expect(await again.unlock('pw')).toBe(true);
    expect(again.profiles.map((p) => p.label)).toEqual(['Long']);
    const audit = (await again.auditEntries()).map((e) => [e.action, e.count]);
    expect(audit).toContainEqual(['expired', 1]);
  });

  it('enrols from captures described one by one, says at once when a capture has no face, and keeps only descriptors', async () => {
    const { sent, notices, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    const shots = [frame(2), frame('none'), frame(2)];
    for (const f of shots) await c.capture(f);
    expect(shots.every((f) => f.closed)).toBe(true);
    expect(c.captured).toBe(2);
    expect(notices).toContain('No face found.');
    // Too few: refused, and the two captures are kept for a third.
    await c.enrolCaptured('Staff 12', NOW + DAY);
    expect(c.profiles).toEqual([]);
    expect(c.captured).toBe(2);
    await c.capture(frame(2));
    await c.enrolCaptured('Staff 12', NOW + DAY);
    expect(c.captured).toBe(0);
    expect(c.profiles.map((p) => [p.label, p.captures])).toEqual([
      ['Staff 12', 3],
    ]);
    expect(sent.at(-1)).toEqual({ labels: ['Staff 12'], captures: [3] });
    // Discarded captures are gone; locking forgets any left.
    await c.capture(frame(3));
    c.discardCaptures();
    expect(c.captured).toBe(0);
    await c.capture(frame(3));
    await c.lock();
    expect(c.captured).toBe(0);
    // Locked: a capture is refused and its frame closed.
    const late = frame(3);
    expect(await c.capture(late)).toBe(false);
    expect(late.closed).toBe(true);
  });

  it('describes itself to the inspector without labels, and resends the gallery after a worker restart', async () => {
    const { sent, make } = setup();
    const c = make();
    await c.start();
    const off = await c.inspect();
    expect(off).toMatchObject({
      state: 'off',
      declaration: null,
      profiles: 0,
      bytes: 0,
      databaseExists: false,
    });
    expect(off.modelFiles.every((f) => f.startsWith('models/'))).toBe(true);
    await c.turnOn(AUTH, 'a long passphrase');
    await c.enrol('Guest: Dana', NOW + DAY, [frame(1), frame(1), frame(1)]);
    const on = await c.inspect();
    expect(on.state).toBe('unlocked');
    expect(on.declaration?.purpose).toBe('Visitor white-list');
    expect(on.profiles).toBe(1);
    expect(on.bytes).toBeGreaterThan(3 * 128 * 4);
    expect(on.databaseExists).toBe(true);
    expect(on.audit.map((a) => a.action)).toEqual(['turned-on', 'enrolled']);
    expect(JSON.stringify(on)).not.toContain('Dana');
    const before = sent.length;
    await c.workerRestarted();
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)).toEqual({ labels: ['Guest: Dana'], captures: [3] });
    await c.lock();
    const count = sent.length;
    await c.workerRestarted(); // locked: nothing to send
    expect(sent.length).toBe(count);
  });

  it('locks again, saying why, when the worker cannot load the recognition model', async () => {
    const { notices, make } = setup();
    const c = make();
    const backend = (c as unknown as { _options: { backend: MatchingBackend } })
      ._options.backend;
    const setMatching = backend.setMatching;
    backend.setMatching = async (config) => {
      if (config)
        throw new Error('face_recognition_model.bin failed its sha256 check');
    };
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    expect(c.state).toBe('locked');
    expect(notices.at(-1)).toMatch(
      /^Face matching could not start: face_recognition_model\.bin failed its sha256 check\. The profiles stay locked/,
    );
    backend.setMatching = setMatching;
    expect(await c.unlock('a long passphrase')).toBe(true);
    expect(c.state).toBe('unlocked');
  });

  it('deletes profiles that expired while the app ran, at the next unlock, and never matches them', async () => {
    const clock = { now: NOW };
    const { sent, forgotten, make } = setup(clock);
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    await c.enrol('Day guest', NOW + DAY, [frame(1), frame(1), frame(1)]);
    const id = c.profiles[0]!.id;
    await c.lock();
    clock.now = NOW + 2 * DAY; // no restart
    expect(await c.unlock('a long passphrase')).toBe(true);
    expect(c.profiles).toEqual([]);
    expect(forgotten).toEqual([id]);
    expect(sent.at(-1)).toEqual({ labels: [], captures: [] });
  });

  it('refuses to unlock when the recorded declaration is missing, saying what to do', async () => {
    const { name, notices, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    await c.lock();
    c.hostDisconnected();
    // The declaration, kept in the clear, is deleted behind the app's back.
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('authorisation', 'readwrite');
      tx.objectStore('authorisation').clear();
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    const again = make();
    await again.start();
    expect(again.state).toBe('locked');
    expect(await again.unlock('a long passphrase')).toBe(false);
    expect(again.state).toBe('locked');
    expect(notices.at(-1)).toMatch(/declaration .* is missing or damaged/);
  });

  it('refuses a capture of someone else than the earlier captures', async () => {
    const { notices, make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    expect(await c.capture(frame(2))).toBe(true);
    expect(await c.capture(frame(9))).toBe(false);
    expect(c.captured).toBe(1);
    expect(notices.at(-1)).toMatch(/does not look like the same person/);
  });

  it('keeps labels free of control and direction characters, and refuses an empty one', async () => {
    const { make } = setup();
    const c = make();
    await c.start();
    await c.turnOn(AUTH, 'a long passphrase');
    await c.enrol('\u202eRobin\u0007 ', NOW + DAY, [
      frame(1),
      frame(1),
      frame(1),
    ]);
    expect(c.profiles.map((p) => p.label)).toEqual(['Robin']);
    await c.enrol(' \u0000 ', NOW + DAY, [frame(1), frame(1), frame(1)]);
    expect(c.profiles).toHaveLength(1);
  });
});
