// Runs the current frame source through the worker and keeps the live figures: tracked people
// and faces on the latest frame, analysed frames per second, latency, and this session's visit tally.
// Each ended visit is folded into the tally and announced as an `ls-visit` event, then dropped.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FramePump } from '../capture/frame-pump';
import type { FrameSource } from '../capture/frame-source';
import type { SourceKind } from '../shared/kiosk-params';
import { RateMeter } from '../shared/rate-meter';
import {
  MAX_IN_VIEW_STEP_MS,
  emptyCounts,
  foldInView,
  foldVisit,
  type Counts,
} from '../shared/aggregates';
import type {
  DetectResult,
  FrameImage,
  FrameTime,
  PersonView,
  TrackView,
  VisitSummary,
} from '../shared/types';

/** A performance mark at the page's first analysed frame (issue 19). */
export const FIRST_RESULT_MARK = 'localsight:first-result';
let firstResultMarked = false;
export interface AnalysisStats {
  fps: number;
  latencyMs: number;
  inferenceMs: number;
  attributeMs: number;
  framesAnalysed: number;
  /** Live tfjs tensors in the worker after the latest frame. */
  tensors: number;
}

export interface AnalysisBackend {
  analyse(frame: FrameImage, time: FrameTime): Promise<DetectResult>;
  endSession(): Promise<VisitSummary[]>;
  onError(error: unknown): void;
  /** A source's session ended and its last visits were handed over (write them out now). */
  onSessionEnd?(): void;
  /** Ended visits of a source, once each, as soon as they are known. */
  onVisits?(source: SourceKind, visits: readonly VisitSummary[]): void;
  /**
   * People in view on an analysed frame of a source (confirmed people and faces with no body).
   * dtMs: frame time since the source's previous analysed frame (0 for its first, at most
   * MAX_IN_VIEW_STEP_MS), so inView × dtMs is person-time in view.
   */
  onInView?(source: SourceKind, inView: number, dtMs: number): void;
  /** Every analysed (not dropped) frame of a source, with its frame time (zones and alerts). */
  onFrame?(source: SourceKind, result: DetectResult, time: FrameTime): void;
}

const NO_STATS: AnalysisStats = {
  fps: 0,
  latencyMs: 0,
  inferenceMs: 0,
  attributeMs: 0,
  framesAnalysed: 0,
  tensors: 0,
};

export class AnalysisController implements ReactiveController {
  source: FrameSource | null = null;
  tracks: TrackView[] = [];
  /** Confirmed people on the latest frame (issue 15). */
  people: PersonView[] = [];
  /** People in view on the latest frame: confirmed people and faces with no body. */
  inView = 0;
  frameWidth = 0;
  frameHeight = 0;
  stats: AnalysisStats = NO_STATS;
  /** This session's counts (peakInView: most people in view at once). */
  tally: Counts = emptyCounts();
  private _pump: FramePump | null = null;
  /** The kind of the latest source: visits ended after it stopped still belong to it. */
  private _kind: SourceKind = 'sample';
  private readonly _meter = new RateMeter(2000);
  /** The frame in flight (settled, never rejecting), and the visits the last stop() ended. */
  private _inflight: Promise<unknown> = Promise.resolve();
  private _ending: Promise<void> = Promise.resolve();
  /** Frame time of the frame in flight, and of the last analysed one of this source. */
  private _frameT = 0;
  private _lastT: number | null = null;

  constructor(
    private readonly _host: ReactiveControllerHost & EventTarget,
    private readonly _backend: AnalysisBackend,
  ) {
    _host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Replaces the running source (the old one is stopped, its open visits ended) and starts analysing. */
  start(source: FrameSource): void {
    this.stop();
    this.source = source;
    this._kind = source.kind;
    this._lastT = null;
    const kind = source.kind;
    this._pump = new FramePump(source, {
      // Visits are folded in as soon as a result arrives, even one the pump then discards
      // because the source stopped meanwhile: a track that ended on that frame exists nowhere else.
      analyse: (frame, time) => {
        this._frameT = time.t;
        const run = this._backend.analyse(frame, time).then((result) => {
          this._addVisits(kind, result.visits);
          return result;
        });
        this._inflight = run.catch(() => undefined);
        return run;
      },
      onResult: (result, roundTripMs) => this._onResult(result, roundTripMs),
      onError: (err) => this._backend.onError(err),
    });
    this._pump.start();
    this._host.requestUpdate();
  }

  /** Stops the source, ends its open visits and forgets the on-screen boxes. */
  stop(): void {
    const hadSource = this.source !== null;
    this._pump?.stop();
    this._pump = null;
    this.source?.stop();
    this.source = null;
    this.tracks = [];
    this.people = [];
    this.inView = 0;
    this._meter.reset();
    this.stats = NO_STATS;
    if (hadSource) this._ending = this.endVisits();
    this._host.requestUpdate();
  }

  /**
   * Stops, then waits until every visit of the stopped source is folded in: those the stop
   * ended, and any a frame still in flight ends or begins (its tracks are ended too).
   */
  async stopAndSettle(): Promise<void> {
    this.stop();
    await Promise.all([this._ending, this._inflight]);
    await this.endVisits();
  }

  /** Ends the worker's open tracks now and folds their visits in. */
  async endVisits(): Promise<void> {
    const kind = this._kind;
    const visits = await this._backend.endSession().catch(() => []);
    this._addVisits(kind, visits);
    this._backend.onSessionEnd?.();
  }

  /** Pauses analysis without releasing the source (e.g. while the detector loads). */
  pause(): void {
    this._pump?.stop();
  }

  resume(): void {
    this._pump?.start();
  }

  resetTally(): void {
    this.tally = emptyCounts();
    this._host.requestUpdate();
  }

  private _onResult(result: DetectResult, roundTripMs: number): void {
    const now = performance.now();
    this._meter.add(now, roundTripMs);
    this.tracks = result.tracks;
    this.people = result.people;
    this.inView = result.inView;
    if (!result.dropped) {
      // For the startup figures (bench:startup, engines.spec): the page's first result.
      if (!firstResultMarked) {
        firstResultMarked = true;
        performance.mark?.(FIRST_RESULT_MARK);
      }
      this._backend.onFrame?.(this._kind, result, {
        t: this._frameT,
        wall: Date.now(),
      });
      const stepMs = this._stepMs();
      this._backend.onInView?.(this._kind, this.inView, stepMs);
      if (this.inView > 0)
        this.tally = foldInView(this.tally, {
          peak: this.inView,
          occupancyMs: this.inView * stepMs,
        });
    }
    this.frameWidth = result.frameWidth;
    this.frameHeight = result.frameHeight;
    this.stats = {
      fps: this._meter.fps(now),
      latencyMs: this._meter.medianLatency(),
      inferenceMs: result.inferenceMs,
      attributeMs: result.attributeMs,
      framesAnalysed: this.stats.framesAnalysed + 1,
      tensors: result.tensors,
    };
    this._host.requestUpdate();
  }

  // Frame time since the previous analysed frame of this source, capped: a stall, a pause or
  // a seek must not add person-time nobody was seen for. Media time for a video file, as dwell.
  private _stepMs(): number {
    const last = this._lastT;
    this._lastT = this._frameT;
    if (last === null) return 0;
    return Math.min(Math.max(this._frameT - last, 0), MAX_IN_VIEW_STEP_MS);
  }

  private _addVisits(kind: SourceKind, visits: readonly VisitSummary[]): void {
    if (visits.length === 0) return;
    this._backend.onVisits?.(kind, visits);
    for (const visit of visits) {
      this.tally = foldVisit(this.tally, visit);
      this._host.dispatchEvent(
        new CustomEvent('ls-visit', {
          detail: visit,
          bubbles: true,
          composed: true,
        }),
      );
    }
    this._host.requestUpdate();
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ls-visit': CustomEvent<VisitSummary>;
  }
}
