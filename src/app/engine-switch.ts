// Loads the detection engine the plan names (URL, setting, remembered measurement, or measure
// now), remembers a new measurement, and switches engines live: the analysis pauses while the
// other engine loads and resumes on the same source.

import type { ReactiveControllerHost } from 'lit';
import type { AnalysisController } from '../controllers/analysis-controller';
import type { DetectorController } from '../controllers/detector-controller';
import {
  ENGINE_CHOICE_KEY,
  ENGINE_LABEL,
  parseCalibration,
  planEngine,
  type EnginePlan,
} from '../shared/engine-choice';
import type {
  DetectorOptions,
  EngineCalibration,
  EnginePreference,
} from '../shared/types';
import {
  describeError,
  readStorage,
  removeStorage,
  writeStorage,
} from './browser-storage';

export interface EngineSwitchDeps {
  detector: DetectorController;
  analysis: AnalysisController;
  /** Everything but the engine. */
  options: Omit<
    DetectorOptions,
    'engine' | 'delegate' | 'minScore' | 'maxFaces'
  >;
  /** The page address's engine=, which wins over the setting. */
  urlEngine: EnginePreference | null;
  notify(kind: 'error' | 'warning' | 'info', message: string): void;
}

export class EngineSwitch {
  /** The measurement kept from first start (or "Measure again"); null until measured. */
  remembered: EngineCalibration | null = parseCalibration(
    readStorage(ENGINE_CHOICE_KEY),
  );
  /** Why the running (or loading) engine was chosen, in words. */
  reason = '';
  private _plan: EnginePlan | null = null;
  // Bumped by forget(): a measurement still running then is not saved (the user wiped it).
  private _generation = 0;

  get urlEngine(): EnginePreference | null {
    return this._deps.urlEngine;
  }

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _deps: EngineSwitchDeps,
  ) {}

  /** Loads the engine for `setting`; with `measure`, times both engines first. */
  async load(setting: EnginePreference, measure = false): Promise<void> {
    const { detector, analysis, options, urlEngine } = this._deps;
    const plan: EnginePlan = measure
      ? {
          request: 'auto',
          delegate: null,
          reason: 'measuring both engines on this device',
          origin: 'measure',
        }
      : planEngine(urlEngine, setting, this.remembered);
    if (
      !measure &&
      this._plan?.request === plan.request &&
      this._plan.delegate === plan.delegate &&
      detector.status !== 'error'
    ) {
      // Already running (or loading) that engine: only the reason changes. The load in
      // flight keeps its plan, so it still resumes the analysis when it ends.
      this.reason = plan.reason;
      this._host.requestUpdate();
      return;
    }
    this._plan = plan;
    this.reason = plan.reason;
    this._host.requestUpdate();
    const generation = this._generation;
    const running = analysis.source !== null;
    // Frames would only be dropped while the other engine loads; the source keeps playing.
    if (running) analysis.pause();
    try {
      const info = await detector.load({
        ...options,
        engine: plan.request,
        delegate: plan.delegate,
        // Remembered as the faster here, MediaPipe still starts slower than TensorFlow.js
        // (issue 19: warm first box about 0.9 s against 0.5 s): TensorFlow.js shows the
        // first boxes and MediaPipe takes over once it has loaded.
        handover: plan.origin === 'remembered' && plan.request === 'mediapipe',
      });
      if (this._plan !== plan) return; // a later switch superseded this one
      if (info.measuring) {
        // TensorFlow.js shows boxes now; MediaPipe is measured after the first frame.
        this.reason = `first start, ${ENGINE_LABEL.mediapipe} is being measured against it on this device`;
        void this._remember(plan, generation);
      } else if (info.handingOver) {
        this.reason = `${ENGINE_LABEL.tfjs} shows the first boxes while ${ENGINE_LABEL.mediapipe}, measured faster on this device, loads`;
        void this._handedOver(plan);
      } else if (plan.request !== 'auto' && info.engine !== plan.request) {
        // The engine asked for could not start, and the other one runs instead.
        this.reason = info.engineReason;
        this._deps.notify(
          'warning',
          `${info.engineReason}; ${ENGINE_LABEL[info.engine]} runs instead.`,
        );
      } else if (plan.origin === 'measure') this.reason = info.engineReason;
    } catch (err) {
      this._deps.notify(
        'error',
        `The face detector could not load: ${describeError(err)}`,
      );
    } finally {
      if (running && this._plan === plan) analysis.resume();
      this._host.requestUpdate();
    }
  }

  /**
   * Waits for the measurement of a first start under Auto, then keeps its figures (unless the
   * settings were wiped meanwhile) and notes that the faster engine now runs.
   */
  private async _remember(plan: EnginePlan, generation: number): Promise<void> {
    const info = await this._deps.detector.engineMeasured();
    if (!info || this._plan !== plan) return;
    const calibration = info.calibration;
    if (calibration && generation === this._generation) {
      this.remembered = calibration;
      writeStorage(ENGINE_CHOICE_KEY, JSON.stringify(calibration));
      // What runs now is what the remembered figures choose: a later planEngine agrees.
      this._plan = {
        request: calibration.engine,
        delegate: calibration.delegate,
        reason: 'measured faster on this device (figures below)',
        origin: 'remembered',
      };
      this.reason = this._plan.reason;
      performance.mark?.('localsight:engines-measured');
    } else this.reason = info.engineReason;
    this._host.requestUpdate();
  }

  /**
   * Waits for a warm start's handover to MediaPipe, then gives the plan's reason again, or
   * says why MediaPipe could not run (TensorFlow.js then goes on).
   */
  private async _handedOver(plan: EnginePlan): Promise<void> {
    const info = await this._deps.detector.engineMeasured();
    if (!info || this._plan !== plan) return;
    if (info.engine === plan.request) this.reason = plan.reason;
    else {
      this.reason = info.engineReason;
      this._deps.notify(
        'warning',
        `${info.engineReason}; ${ENGINE_LABEL[info.engine]} runs instead.`,
      );
    }
    performance.mark?.('localsight:engine-handed-over');
    this._host.requestUpdate();
  }

  /** Forgets the measurement (the settings were wiped); the next start measures again. */
  forget(): void {
    this._generation += 1;
    removeStorage(ENGINE_CHOICE_KEY);
    this.remembered = null;
    this._host.requestUpdate();
  }
}
