// Which engine loads and why (URL, setting, remembered measurement, measure), the parsing of
// the remembered measurement (untrusted stored data), and the calibration that picks the
// faster engine, driven with fake detectors.

import { describe, expect, it } from 'vitest';
import {
  describeTimings,
  parseCalibration,
  planEngine,
} from '../../src/shared/engine-choice';
import type { EngineCalibration, FaceBox } from '../../src/shared/types';
import {
  median,
  keepFastest,
  timeCandidates,
  timeInTurns,
  type Turn,
  type Candidate,
  type FrameSupply,
} from '../../src/model/calibrate';

/** Times every candidate, then keeps the fastest (what the app does, in one call). */
const pickFastest = async (
  ...args: Parameters<typeof timeCandidates>
): Promise<ReturnType<typeof keepFastest>> =>
  keepFastest(await timeCandidates(...args));
import type { Detector, PreparedFrame } from '../../src/model/detector';
import { describeCalibration } from '../../src/model/create-engine';

const MEASURED: EngineCalibration = {
  engine: 'mediapipe',
  delegate: 'CPU',
  tfjsMs: 48.4,
  mediapipeMs: 19.2,
  measuredAt: 1_764_400_000_000,
};

describe('planEngine', () => {
  it('measures at first start, then uses what it measured', () => {
    expect(planEngine(null, 'auto', null)).toMatchObject({
      request: 'auto',
      origin: 'measure',
    });
    const plan = planEngine(null, 'auto', MEASURED);
    expect(plan).toMatchObject({
      request: 'mediapipe',
      delegate: 'CPU',
      origin: 'remembered',
    });
    expect(plan.reason).toBe('measured faster on this device (figures below)');
  });

  it('lets the setting override the measurement, and the URL override both', () => {
    expect(planEngine(null, 'tfjs', MEASURED)).toMatchObject({
      request: 'tfjs',
      origin: 'setting',
    });
    expect(planEngine('tfjs', 'mediapipe', MEASURED)).toMatchObject({
      request: 'tfjs',
      origin: 'url',
    });
    // engine=auto in the URL means "the measured one", whatever the setting says.
    expect(planEngine('auto', 'tfjs', MEASURED).request).toBe('mediapipe');
  });
});

describe('parseCalibration', () => {
  it('round-trips a measurement', () => {
    expect(parseCalibration(JSON.stringify(MEASURED))).toEqual(MEASURED);
    const failed = {
      ...MEASURED,
      engine: 'tfjs',
      delegate: null,
      mediapipeMs: null,
    };
    expect(parseCalibration(JSON.stringify(failed))).toEqual(failed);
  });

  it('rejects anything malformed, so a crafted value cannot steer the app', () => {
    for (const bad of [
      null,
      '',
      '{oops',
      '[]',
      JSON.stringify({ ...MEASURED, engine: 'onnx' }),
      JSON.stringify({ ...MEASURED, delegate: 'NPU' }),
      JSON.stringify({ ...MEASURED, tfjsMs: -1 }),
      JSON.stringify({ ...MEASURED, tfjsMs: '12' }),
      JSON.stringify({ ...MEASURED, mediapipeMs: 1e12 }),
      JSON.stringify({ ...MEASURED, measuredAt: 'today' }),
    ])
      expect(parseCalibration(bad)).toBeNull();
  });

  it('describes the timings winner first, and an engine that could not run', () => {
    expect(describeTimings(MEASURED)).toBe(
      'MediaPipe 19 ms, TensorFlow.js 48 ms per frame',
    );
    const failed = { ...MEASURED, engine: 'tfjs' as const, mediapipeMs: null };
    expect(describeTimings(failed)).toBe(
      'TensorFlow.js 48 ms per frame, MediaPipe could not run',
    );
    expect(
      describeCalibration(failed, [{ engine: 'mediapipe', error: 'no wasm' }]),
    ).toBe('MediaPipe could not run here (no wasm)');
  });
});

/** A detector that takes `ms` of fake time per frame. */
function fake(
  ms: number,
  clock: { t: number },
  log: string[],
  name: string,
): Detector {
  return {
    info: {} as Detector['info'],
    detect: () => {
      clock.t += ms;
      return Promise.resolve([] as FaceBox[]);
    },
    dispose: () => log.push(`dispose ${name}`),
  };
}

function supply(count: number, log: string[]): FrameSupply {
  return {
    count,
    take: (i) => {
      log.push(`take ${i}`);
      return { width: 1, height: 1 } as PreparedFrame;
    },
    release: () => log.push('release'),
  };
}

/** A candidate whose detector takes `ms` of fake time per frame and logs its disposal. */
function candidate(
  engine: 'mediapipe' | 'tfjs',
  delegate: 'CPU' | 'GPU' | null,
  ms: number,
  clock: { t: number },
  log: string[],
  name: string,
): Candidate {
  return { engine, delegate, load: async () => fake(ms, clock, log, name) };
}

describe('calibration', () => {
  it('times detectors in turns, alternating the order, after one untimed warm-up per frame', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const clock = { t: 0 };
    const calls: string[] = [];
    const seen = new Set<string>();
    const detector = (name: string, ms: number): Detector => ({
      info: {} as Detector['info'],
      detect: (frame) => {
        const key = `${name}${(frame as unknown as { i: number }).i}`;
        calls.push(name);
        clock.t += seen.has(key) ? ms : 500; // each frame's first run is the slow one
        seen.add(key);
        return Promise.resolve([]);
      },
      dispose: () => {},
    });
    const log: string[] = [];
    const frames: FrameSupply = {
      count: 2,
      take: (i) => ({ i }) as unknown as PreparedFrame,
      release: () => log.push('release'),
    };
    const ms = await timeInTurns(
      [detector('a', 10), detector('b', 30)],
      frames,
      2,
      () => clock.t,
    );
    expect(ms).toEqual([10, 30]);
    // warm-up a b a b, round 1 a b a b, round 2 reversed: b a b a
    expect(calls.join('')).toBe('ababababbaba');
    expect(log).toHaveLength(12); // every frame is released
  });

  it('runs the warm-up and each round as a turn of its own, so live work can go between', async () => {
    const clock = { t: 0 };
    const calls: string[] = [];
    const detector = (name: string, ms: number): Detector => ({
      info: {} as Detector['info'],
      detect: () => {
        calls.push(name);
        clock.t += ms;
        return Promise.resolve([]);
      },
      dispose: () => {},
    });
    // The app's turn lets a waiting live frame go first; here, one before every round. Its
    // time is the device's, not the engine's: no figure may include it.
    let turns = 0;
    const turn: Turn = async (work) => {
      calls.push('live');
      clock.t += 1000;
      turns += 1;
      return work();
    };
    const ms = await timeInTurns(
      [detector('a', 10), detector('b', 30)],
      supply(2, []),
      2,
      () => clock.t,
      turn,
    );
    expect(ms).toEqual([10, 30]);
    expect(turns).toBe(3); // the warm-up pass and 2 rounds
    expect(calls.join(' ')).toBe('live a b a b live a b a b live b a b a');
  });

  it('keeps the faster of the timed candidates only when asked, in one step', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const timed = await timeCandidates(
      [
        candidate('mediapipe', 'CPU', 20, clock, log, 'mp'),
        candidate('tfjs', null, 50, clock, log, 'tf'),
      ],
      supply(1, []),
      2,
      () => clock.t,
    );
    expect(log).toEqual([]); // timing disposes nothing: the running engine stays usable
    expect(timed.timings.map((t) => t.ms)).toEqual([20, 50]);
    const picked = keepFastest(timed);
    expect(picked.winner.engine).toBe('mediapipe');
    expect(log).toEqual(['dispose tf']);
  });

  it('gives a detector that throws while timed no figure', async () => {
    const broken: Detector = {
      info: {} as Detector['info'],
      detect: () => Promise.reject(new Error('boom')),
      dispose: () => {},
    };
    const clock = { t: 0 };
    const ms = await timeInTurns(
      [broken, fake(5, clock, [], 'ok')],
      supply(1, []),
      2,
      () => clock.t,
    );
    expect(ms).toEqual([null, 5]);
  });

  it('keeps the fastest engine loaded and disposes the other', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const result = await pickFastest(
      [
        candidate('mediapipe', 'CPU', 20, clock, log, 'mp'),
        candidate('tfjs', null, 50, clock, log, 'tf'),
      ],
      supply(1, []),
      3,
      () => clock.t,
    );
    expect(result.winner).toMatchObject({
      engine: 'mediapipe',
      delegate: 'CPU',
    });
    expect(result.timings).toEqual([
      { engine: 'mediapipe', delegate: 'CPU', ms: 20, error: null },
      { engine: 'tfjs', delegate: null, ms: 50, error: null },
    ]);
    expect(log).toEqual(['dispose tf']);
  });

  it('times MediaPipe on both delegates where there are two, and keeps the faster delegate', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const result = await pickFastest(
      [
        candidate('mediapipe', 'GPU', 200, clock, log, 'gpu'),
        candidate('mediapipe', 'CPU', 15, clock, log, 'cpu'),
        candidate('tfjs', null, 40, clock, log, 'tf'),
      ],
      supply(1, []),
      2,
      () => clock.t,
    );
    expect(result.winner).toMatchObject({
      engine: 'mediapipe',
      delegate: 'CPU',
    });
    expect(result.timings.map((t) => t.ms)).toEqual([200, 15, 40]);
    expect(log.sort()).toEqual(['dispose gpu', 'dispose tf']);
  });

  it('falls back to the engine that runs, and fails only when none does', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    const broken = async (): Promise<Detector> => {
      throw new Error('wasm refused');
    };
    const result = await pickFastest(
      [
        { engine: 'mediapipe', delegate: 'CPU', load: broken },
        candidate('tfjs', null, 50, clock, log, 'tf'),
      ],
      supply(1, []),
      1,
      () => clock.t,
    );
    expect(result.winner.engine).toBe('tfjs');
    expect(result.timings[0]).toEqual({
      engine: 'mediapipe',
      delegate: 'CPU',
      ms: null,
      error: 'wasm refused',
    });
    await expect(
      pickFastest(
        [{ engine: 'mediapipe', delegate: 'CPU', load: broken }],
        supply(1, []),
        1,
      ),
    ).rejects.toThrow(
      'No detection engine could run here (mediapipe: wasm refused).',
    );
  });
});
