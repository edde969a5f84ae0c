// The worker's API object: init, detect, analyseAll and modelFloor (benchmarks), endSession,
// setAttributes, setObjectClasses, setMatching and enrolDescriptor (issue 18), resourceLog,
// liveTensors, dispose. Exposed through comlink by detector.worker.ts and called directly by
// node tests. No DOM, lit or idb here. Pixels and per-track state live only here, in memory,
// and go when a track ends. People are detected on the people lane (a nested worker, issue 15)
// and joined to faces here. The face-recognition model is loaded only by setMatching.

import { transfer } from 'comlink';
import {
  createEngine,
  validateOptions,
  type AnalysisEngine,
} from '../model/create-engine';
import { AssetFetcher, type FetchLike } from '../model/asset-fetcher';
import {
  checkMatchingConfig,
  enrolFace,
  FaceMatching,
} from '../model/face-matching';
import { FaceRecognizer } from '../model/tfjs/face-recognizer';
import {
  frameSize,
  type DetectorInput,
  type PreparedFrame,
} from '../model/detector';
import { PeopleSession } from '../people/people-session';
import { PeopleLane } from './people-lane';
import type { ResourceEntry } from '../shared/inspector-types';
import { toResourceEntries } from '../shared/network-classify';
import type {
  AttributeSwitches,
  DetectorOptions,
  DetectResult,
  EngineInfo,
  FrameAnalysis,
  FrameTime,
  LoadProgress,
  MatchingConfig,
  ModelFloor,
  TrackView,
  VisitSummary,
} from '../shared/types';

export interface DetectorApiDeps {
  fetch: FetchLike;
  /**
   * Whether people are detected (on a nested worker). Off where workers cannot start workers
   * (node tests): faces alone are then the people, as before issue 15.
   */
  people?: boolean;
}

const ALL_ATTRIBUTES: AttributeSwitches = {
  age: true,
  gender: true,
  expression: true,
};

/** How long after a people-lane failure it is started again (once per session). */
const LANE_RETRY_MS = 1000;
/**
 * What waits for the first boxes (issue 19: the people lane, and on first start under Auto
 * measuring MediaPipe) starts after the first analysed frame, or after this long when no
 * source runs (the start screen), whichever comes first.
 */
export const AFTER_FIRST_FRAME_IDLE_MS = 1500;

function closeFrame(frame: DetectorInput): void {
  if ('close' in frame) frame.close();
}

export function createDetectorApi(
  deps: DetectorApiDeps = {
    fetch: (url) => fetch(url),
    people: typeof Worker === 'function',
  },
) {
  let engine: AnalysisEngine | null = null;
  let lane: PeopleLane | null = null;
  let session = new PeopleSession();
  // Visits that ended on a frame that then failed (an attribute model threw, the GPU was
  // lost): handed out with the next result or by endSession, never dropped.
  let carried: VisitSummary[] = [];
  let switches: AttributeSwitches = {
    age: true,
    gender: true,
    expression: true,
  };
  let busy = false;
  // Settles when the frame in flight is done; init waits for it before disposing the engine
  // that frame is using (a live engine switch while a source runs).
  let inFlight: Promise<void> = Promise.resolve();
  // Loads run one after another, so a second init (a quick engine switch) cannot leave the
  // first one's engine loaded and undisposed.
  let loading: Promise<unknown> = Promise.resolve();
  // Settles when the people lane asked for by the last load has started or failed; while it
  // starts, laneLoading (no lane yet, and no reason it is off).
  let laneReady: Promise<void> = Promise.resolve();
  let laneLoading = false;
  // The first boxes come first: `firstFrame` (called after an analysed frame) or the idle
  // timer opens `afterFirstFrame`; then the attribute models and the people lane start
  // loading, and under Auto on first start the other engine is measured against the one
  // running. `measured` resolves with the engine's info after that, or null (none, or
  // superseded); `holding` makes frames wait (not drop) while a timing round is in progress.
  let firstFrame: (() => void) | null = null;
  let measured: Promise<EngineInfo | null> = Promise.resolve(null);
  let holding: Promise<void> | null = null;
  // The people lane: why it is off when it could not start (faces are then the people), the
  // options it was started with, and a generation so that only the latest start is kept.
  let laneError: string | null = null;
  let laneOptions: Partial<DetectorOptions> = {};
  let laneGeneration = 0;
  // The object-class demo (issue 17): off by default; a (re)started lane is told when it is on.
  let objectClasses = false;
  // Authorised matching (issue 18): off (null) by default. The recognizer is loaded by
  // setMatching only, and disposed when matching is turned off; a generation so that only
  // the latest setMatching takes effect.
  let assetBase: string | null = null;
  let matching: FaceMatching | null = null;
  let recognizer: Promise<FaceRecognizer> | null = null;
  let matchGeneration = 0;

  /** The recognizer, loaded and warmed up, from the app's origin (checksummed). */
  const loadRecognizer = (base: string): Promise<FaceRecognizer> =>
    FaceRecognizer.load({ fetcher: new AssetFetcher(base, deps.fetch) });

  /** Frees the recognizer once whatever is using it is done. */
  async function dropRecognizer(): Promise<void> {
    const held = recognizer;
    recognizer = null;
    if (!held) return;
    await inFlight; // a frame or an enrolment describing faces finishes first
    (await held.catch(() => null))?.dispose();
  }

  /** This frame's face tracks with their matches (null while matching is off). */
  function withMatches(views: readonly TrackView[]): TrackView[] {
    const m = matching;
    return views.map((v) => ({ ...v, match: m?.matchOf(v.id) ?? null }));
  }

  /**
   * Matching on this frame: describes the unmatched faces that are due and votes with their
   * descriptors, which are dropped at once. Returns the profiles first matched now.
   */
  async function matchFaces(
    owner: PeopleSession,
    prepared: PreparedFrame,
    t: number,
  ): Promise<{ profilesSeen: string[]; matchMs: number }> {
    const m = matching;
    const none = { profilesSeen: [], matchMs: 0 };
    // Off, or on with no one enrolled: no face is described at all.
    if (!m || m.empty) return none;
    const t0 = performance.now();
    const views = owner.views();
    m.update(views, t);
    const due = m.due(views, t);
    if (due.length === 0) return none;
    const seen = await m.observe(await prepared.tensor(), due, t);
    return {
      // Turned off or given another gallery meanwhile: the next one counts for itself.
      profilesSeen: matching === m ? seen : [],
      matchMs: performance.now() - t0,
    };
  }

  /**
   * (Re)starts the people lane; a failure leaves faces running and says why in laneError.
   * A retry keeps the last reason while it loads, so nobody is told people are back early.
   */
  async function openLane(
    options: Partial<DetectorOptions>,
    retry = false,
  ): Promise<void> {
    const generation = ++laneGeneration;
    const before = peopleError();
    lane?.dispose();
    lane = null;
    laneError = retry ? before : null;
    laneOptions = options;
    laneLoading = true;
    try {
      const next = await PeopleLane.start(
        validateOptions(options).assetBase,
        options.backend ?? 'auto',
      );
      if (generation === laneGeneration) {
        lane = next;
        laneError = null;
        if (objectClasses) await next.setObjectClasses(true);
      } else next.dispose(); // a later start (or dispose) took over meanwhile
    } catch (err) {
      if (generation === laneGeneration)
        laneError = err instanceof Error ? err.message : String(err);
    } finally {
      if (generation === laneGeneration) laneLoading = false;
    }
  }

  /** Why people are not detected now, if they are not. */
  const peopleError = (): string | null => lane?.error ?? laneError;

  // A lane that failed is started again once per session, a second later: WebKitGTK's wasm
  // trapped ("Out of bounds memory access") in about one core-flow run in ten (issue 16),
  // and a fresh worker runs on. Another failure in the same session waits for the next one.
  let laneRetried = false;
  function retryLaneOnce(): void {
    if (laneRetried || !deps.people || peopleError() === null) return;
    laneRetried = true;
    const generation = laneGeneration;
    setTimeout(() => {
      // A new session, source or engine restarted it meanwhile, or it is gone.
      if (generation !== laneGeneration || !engine) return;
      void openLane(laneOptions, true);
    }, LANE_RETRY_MS);
  }

  /** Marks a frame in flight (detect or analyseAll); call the returned function when done. */
  function claim(): () => void {
    busy = true;
    let settle = () => {};
    inFlight = new Promise((resolve) => (settle = resolve));
    return () => {
      busy = false;
      settle();
    };
  }
  // The default buffer holds 250 entries; later requests would be missing from resourceLog.
  performance.setResourceTimingBufferSize?.(10_000);

  async function load(
    options: Partial<DetectorOptions>,
    onProgress?: (p: LoadProgress) => unknown,
  ): Promise<EngineInfo> {
    assetBase = validateOptions(options).assetBase;
    const previous = engine;
    engine = null; // frames arriving from now on are dropped until the new engine is ready
    await inFlight;
    try {
      previous?.dispose();
    } catch (err) {
      // e.g. MediaPipe closing on a lost GPU context: the new engine matters more.
      console.warn('Disposing the previous engine failed:', err);
    }
    const report = (p: LoadProgress): void => {
      // A comlink proxy returns a promise; progress is best effort, never awaited.
      void Promise.resolve(onProgress?.(p)).catch(() => undefined);
    };
    // The person detector (its own worker, the other core) starts after the first boxes
    // (issue 19): loading beside the face engine, it slowed the first box on 2 cores. Faces
    // count as people until it is up (peopleReady says when).
    laneLoading = deps.people === true;
    try {
      engine = await createEngine(options, deps.fetch, report);
    } catch (err) {
      laneGeneration++; // a lane loading meanwhile is disposed when it arrives
      lane?.dispose();
      lane = null;
      laneLoading = false;
      laneReady = Promise.resolve();
      throw err;
    }
    const current = engine;
    const after = afterFirstFrame();
    // The attribute models too: loading beside the first frame made its boxes later.
    void after.then(() => {
      if (engine === current) current.loadAttributes();
    });
    // openLane never throws: without the lane, faces alone are counted.
    laneReady = deps.people
      ? after.then(() => (engine === current ? openLane(options) : undefined))
      : Promise.resolve();
    // A warm start's handover (MediaPipe taking over from TensorFlow.js) goes the same way.
    measured =
      current.info.measuring || current.info.handingOver
        ? after.then(() => measure(current))
        : Promise.resolve(null);
    return infoOf(current);
  }

  /** Resolves at the next analysed frame (firstFrame), or after the idle time without one. */
  function afterFirstFrame(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(go, AFTER_FIRST_FRAME_IDLE_MS);
      function go() {
        clearTimeout(timer);
        if (firstFrame === go) firstFrame = null;
        resolve();
      }
      firstFrame = go;
    });
  }

  function infoOf(current: AnalysisEngine): EngineInfo {
    return {
      ...current.info,
      people: lane?.info ?? null,
      peopleError: peopleError(),
      peopleLoading: laneLoading,
    };
  }

  /**
   * Measures the other engine against `current`; resolves with the info then, or null when
   * `current` was replaced meanwhile.
   */
  async function measure(current: AnalysisEngine): Promise<EngineInfo | null> {
    if (engine !== current) return null;
    // One timing round (or the choice) with no frame in flight and none started: a frame
    // arriving meanwhile waits for it, not for the whole timing, and goes first after it (the
    // next round starts only after a task boundary, when that frame has claimed the worker).
    const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (busy) await inFlight;
      if (engine !== current) throw new Error('The engine was replaced.');
      const done = claim();
      holding = inFlight;
      try {
        return await work();
      } finally {
        holding = null;
        done();
      }
    };
    try {
      await current.measure(exclusive);
    } catch (err) {
      if (engine !== current) return null;
      console.warn('Measuring the engines failed:', err);
    }
    return engine === current ? infoOf(current) : null;
  }

  /**
   * The benchmarks' frames (analyseAll, modelFloor): one at a time, throwing when busy or not
   * loaded; `body` gets the prepared frame and when the call started, and the frame is always
   * released and closed.
   */
  async function withFrame<T>(
    frame: DetectorInput,
    body: (
      current: AnalysisEngine,
      prepared: PreparedFrame,
      started: number,
    ) => Promise<T>,
  ): Promise<T> {
    const current = engine;
    if (busy || !current) {
      closeFrame(frame);
      throw new Error('The detector is not ready or busy.');
    }
    const done = claim();
    const started = performance.now();
    let prepared = null;
    try {
      prepared = await current.prepare(frame);
      const result = await body(current, prepared, started);
      firstFrame?.(); // as analyse does: what waited for the first result may start
      return result;
    } finally {
      if (prepared) current.release(prepared);
      closeFrame(frame);
      done();
    }
  }

  /** One frame through detection, tracking and the attribute models; see detect(). */
  async function analyse(
    frame: DetectorInput,
    time: FrameTime,
  ): Promise<DetectResult> {
    const { width, height } = frameSize(frame);
    const empty: DetectResult = {
      dropped: true,
      tracks: [],
      people: [],
      inView: 0,
      peopleError: peopleError(),
      attributesError: engine?.attributesError() ?? null,
      objects: [],
      visits: [],
      frameWidth: width,
      frameHeight: height,
      inferenceMs: 0,
      attributeMs: 0,
      attributeFaces: 0,
      profilesSeen: [],
      matchMs: 0,
      tensors: 0,
    };
    // An engine being timed (first start under Auto): this frame waits for that round, not dropped.
    while (holding) await holding;
    if (busy || !engine) {
      closeFrame(frame);
      return empty;
    }
    const done = claim();
    const started = performance.now();
    const current = engine;
    // endSession() may run while this frame awaits the models (the source stopped or
    // changed): the frame then belongs to the session that ended, not to the next one.
    const owner = session;
    const sessionEnded = () => owner !== session;
    let prepared = null;
    let ended: VisitSummary[] = [];
    try {
      current.checkGpu();
      // The frame stays open until `finally`: MediaPipe reads the bitmap, and the tfjs
      // tensor is made from it only when a model needs it.
      lane?.offer(frame, time.t);
      retryLaneOnce();
      prepared = await current.prepare(frame);
      const faces = await current.detect(prepared);
      // A context lost mid-frame gives empty or wrong results, or throws: say which it was.
      current.checkGpu();
      if (sessionEnded()) return empty;
      ended = owner.update(faces, time, lane?.take() ?? null).ended;
      // The attribute models load after the first frame: until they are ready, faces wait.
      const need = current.attributesReady()
        ? owner.needsAttributes(switches)
        : [];
      let attributeMs = 0;
      if (need.length > 0) {
        const boxes = owner.boxes();
        const t0 = performance.now();
        const samples = await current.estimate(
          prepared,
          need.map((i) => boxes[i]),
          switches,
        );
        attributeMs = performance.now() - t0;
        // Ended meanwhile: its visits were flushed with these tracks' earlier readings.
        if (sessionEnded()) return { ...empty, visits: ended };
        owner.addSamples(need, samples);
      }
      const { profilesSeen, matchMs } = await matchFaces(
        owner,
        prepared,
        time.t,
      );
      if (sessionEnded()) return { ...empty, visits: ended };
      // The first boxes are out: what waited for them may start.
      firstFrame?.();
      return {
        ...empty,
        dropped: false,
        tracks: withMatches(owner.views()),
        people: owner.people(),
        inView: owner.inView(),
        objects: objectClasses ? (lane?.objects ?? []) : [],
        visits: ended,
        inferenceMs: performance.now() - started,
        attributeMs,
        attributeFaces: need.length,
        profilesSeen,
        matchMs,
      };
    } catch (err) {
      carried.push(...ended);
      await current.explainFailure(); // a lost GPU context: report that instead
      throw err;
    } finally {
      if (prepared) current.release(prepared);
      closeFrame(frame);
      done();
    }
  }

  return {
    /** Loads (or reloads with new options) the models. Throws on failure. */
    init(
      options: Partial<DetectorOptions>,
      onProgress?: (p: LoadProgress) => unknown,
    ): Promise<EngineInfo> {
      const next = loading.then(() => load(options, onProgress));
      loading = next.catch(() => undefined);
      return next;
    },

    /** Which attribute models run from the next frame on; a switched-off model is not executed. */
    setAttributes(next: AttributeSwitches): void {
      switches = { ...next };
    },

    /**
     * Switches issue 17's object-class demo: when on, results carry the knives, scissors and
     * baseball bats the person detector found (DetectResult.objects); when off (the default)
     * they are neither decoded nor returned. Needs the people lane; without it objects stay empty.
     */
    async setObjectClasses(on: boolean): Promise<void> {
      objectClasses = on;
      await lane?.setObjectClasses(on);
    },

    /**
     * Turns authorised matching on with this gallery (issue 18), or off with null. On: loads
     * the face-recognition model the first time (the only place it is ever loaded); faces
     * are then described, compared and their descriptors dropped, and results carry each
     * track's match and the profiles first seen. Another gallery while on replaces the
     * first (a profile already counted for an open track is not counted again). Off: the
     * matcher, gallery and model are dropped; nothing of them stays loaded. Throws before
     * init, on a malformed gallery, or when the model cannot load.
     */
    async setMatching(config: MatchingConfig | null): Promise<void> {
      const generation = ++matchGeneration;
      if (config === null) {
        matching = null;
        await dropRecognizer();
        return;
      }
      checkMatchingConfig(config);
      await loading; // an init under way sets the asset base
      if (generation !== matchGeneration) return;
      if (assetBase === null)
        throw new Error('Start the detector before turning matching on.');
      const pending = (recognizer ??= loadRecognizer(assetBase));
      let loaded: FaceRecognizer;
      try {
        loaded = await pending;
      } catch (err) {
        if (recognizer === pending) recognizer = null;
        throw err;
      }
      if (generation !== matchGeneration) return; // switched again meanwhile
      matching = matching
        ? matching.withGallery(config)
        : new FaceMatching(loaded, config);
    },

    /**
     * The descriptor of the one face in `frame` (issue 18's enrolment; matching must be on),
     * L2-normalised and transferred, never kept here. Waits for the frame in flight. Throws
     * when there is no face, more than one, or it is too small. Always closes the frame.
     */
    async enrolDescriptor(frame: DetectorInput): Promise<Float32Array> {
      try {
        while (busy) await inFlight;
        const current = engine;
        const pending = recognizer;
        if (!current) throw new Error('The detector is not running.');
        if (!matching || !pending)
          throw new Error(
            'Matching is off: turn it on before enrolling a face.',
          );
        const done = claim();
        let prepared = null;
        try {
          const described = await pending;
          prepared = await current.prepare(frame);
          const face = enrolFace(await current.detect(prepared));
          const [d] = await described.describeFaces(await prepared.tensor(), [
            face,
          ]);
          return transfer(d!, [d!.buffer]);
        } finally {
          if (prepared) current.release(prepared);
          done();
        }
      } finally {
        closeFrame(frame);
      }
    },

    /**
     * Analyses one frame taken at `time`. While a frame is in flight, further frames are
     * dropped, not queued. The worker owns the frame from here on and always closes it.
     */
    async detect(frame: DetectorInput, time: FrameTime): Promise<DetectResult> {
      const result = await analyse(frame, time);
      // The page folds in the visits of every result, dropped or not.
      if (carried.length > 0) {
        result.visits = [...carried, ...result.visits];
        carried = [];
      }
      // Counted once the frame's own tensor is freed: flat while analysis runs.
      return { ...result, tensors: engine?.liveTensors() ?? 0 };
    },

    /**
     * Benchmarks' per-frame mode (issue 7): detection, then every attribute model on every
     * face, with no tracking and nothing kept. Throws when no engine is loaded or busy.
     */
    analyseAll(frame: DetectorInput): Promise<FrameAnalysis> {
      return withFrame(frame, async (current, prepared, t0) => {
        const faces = await current.detect(prepared);
        // The models measured are all loaded: the first frames do not run without them.
        await current.attributesSettled();
        // Both engines pay for the RGB tensor before t1 (MediaPipe makes it only for the
        // attribute models), so the split compares like with like.
        if (faces.length > 0) await prepared.tensor();
        const t1 = performance.now();
        if (faces.length > 0)
          await current.estimate(prepared, faces, ALL_ATTRIBUTES);
        return {
          faces: faces.length,
          detectMs: t1 - t0,
          attributeMs: performance.now() - t1,
        };
      });
    },

    /**
     * Benchmarks' model floor (issue 7): the detector on the prepared frame (the RGB tensor made
     * beforehand), then each attribute model alone on crops made beforehand.
     */
    modelFloor(frame: DetectorInput): Promise<ModelFloor> {
      return withFrame(frame, async (current, prepared) => {
        await (await prepared.tensor()).data();
        const t0 = performance.now();
        const faces = await current.detect(prepared);
        const detectorMs = performance.now() - t0;
        const models =
          faces.length > 0
            ? await current.timeModels(prepared, faces)
            : { ageGenderMs: 0, expressionMs: 0 };
        return { faces: faces.length, detectorMs, ...models };
      });
    },

    /** Ends every open track (the source stopped or changed) and returns their visits. */
    endSession(): VisitSummary[] {
      const visits = [...carried, ...session.flush()];
      carried = [];
      session = new PeopleSession();
      matching?.reset();
      lane?.reset();
      laneRetried = false;
      // A lane that failed starts again with the next session (the user picks the source again).
      if (deps.people && engine && peopleError() !== null)
        void openLane(laneOptions);
      return visits;
    },

    /**
     * Every request this worker and its people worker made (their own Resource Timing timelines, which the page cannot
     * see), as plain data for the privacy inspector's network record.
     */
    async resourceLog(): Promise<ResourceEntry[]> {
      const own =
        typeof performance.getEntriesByType === 'function'
          ? toResourceEntries(
              performance.getEntriesByType(
                'resource',
              ) as PerformanceResourceTiming[],
            )
          : [];
      // The people worker it started (issue 15) has a timeline of its own.
      return [...own, ...((await lane?.resourceLog()) ?? [])];
    },

    /**
     * Resolves once the attribute models, which load after the first frame, are loaded or have
     * failed (results then carry attributesError); at once when no engine is loaded.
     */
    async attributesLoaded(): Promise<void> {
      await engine?.attributesSettled();
    },

    /**
     * Resolves once the people lane asked for by the last init has started (people: its
     * backend and load time) or failed (peopleError says why); ready does not wait for it.
     */
    async peopleReady(): Promise<Pick<EngineInfo, 'people' | 'peopleError'>> {
      await laneReady;
      return { people: lane?.info ?? null, peopleError: peopleError() };
    },

    /**
     * First start under Auto: resolves with the engine's info once the other engine was
     * measured against it (info.calibration set; info.engine the faster, swapped in place);
     * a warm start handing over: once MediaPipe took over (or could not). Null when nothing
     * is being measured or handed over, or a later init replaced the engine.
     */
    engineMeasured(): Promise<EngineInfo | null> {
      return measured;
    },

    /** Live tensors, for leak checks in tests and the bench. */
    liveTensors(): number {
      return engine?.liveTensors() ?? 0;
    },

    dispose(): void {
      engine?.dispose();
      engine = null;
      laneGeneration++;
      lane?.dispose();
      lane = null;
      session = new PeopleSession();
      matchGeneration++;
      matching = null;
      void dropRecognizer();
    },
  };
}

export type DetectorApi = ReturnType<typeof createDetectorApi>;
