// Opens the source the user asked for (sample footage, a camera, files), hands it to the
// analysis once the detector is ready, and says what happened when it ends or fails.

import type { ReactiveControllerHost } from 'lit';
import { listCameras, type CameraInfo } from '../capture/camera-source';
import { CaptureError, type FrameSource } from '../capture/frame-source';
import { openCamera, openFiles, openSample } from '../capture/open-source';
import type { SourceRequest } from '../shared/events';
import type { Facing } from '../shared/kiosk-params';
import type { AnalysisController } from './analysis-controller';
import type { DetectorController } from './detector-controller';

export interface SourceDeps {
  analysis: AnalysisController;
  detector: DetectorController;
  /** Absolute URL of the app's base (the sample footage is resolved against it). */
  base: string;
  notify(kind: 'info' | 'warning' | 'error', message: string): void;
}

/** Not a lifecycle controller: the analysis controller owns (and stops) the running source. */
export class SourceController {
  cameras: CameraInfo[] = [];
  opening = false;
  private _token = 0;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _deps: SourceDeps,
    public facing: Facing,
  ) {}

  /** The running camera's device id, or ''. */
  get cameraId(): string {
    const source = this._deps.analysis.source;
    return source?.kind === 'camera'
      ? ((source as FrameSource & { deviceId?: string }).deviceId ?? '')
      : '';
  }

  async open(request: SourceRequest): Promise<void> {
    const token = ++this._token;
    if (request.kind === 'stop') {
      this._deps.analysis.stop();
      return;
    }
    this.opening = true;
    this._host.requestUpdate();
    let started: FrameSource | null = null;
    try {
      let source: FrameSource;
      if (request.kind === 'sample') {
        source = await openSample(this._deps.base);
      } else if (request.kind === 'camera') {
        if (request.facing) this.facing = request.facing;
        this._deps.analysis.stop(); // release the current camera before opening another
        source = await openCamera({
          deviceId: request.deviceId,
          facing: request.facing,
        });
        void listCameras().then((cams) => {
          this.cameras = cams;
          this._host.requestUpdate();
        });
      } else {
        const opened = await openFiles(request.files);
        for (const w of opened.warnings) this._deps.notify('warning', w);
        source = opened.source;
      }
      if (token !== this._token) {
        source.stop();
        return;
      }
      source.onEnd = (err) => this._onSourceEnd(source, err);
      // A slide that fails to decode on its turn is left out; the user is told once.
      source.onWarning = (message) => {
        if (this._deps.analysis.source === source)
          this._deps.notify('warning', message);
      };
      this._deps.analysis.stop();
      this._deps.analysis.start(source);
      started = source;
      this._deps.analysis.pause();
      // A file waits for the detector at its first frame: a short clip would otherwise play
      // to its end unanalysed while the models load (slow on a first, uncached visit).
      const held =
        source.kind === 'video' && source.element instanceof HTMLVideoElement
          ? source.element
          : null;
      let resumePlayback = false;
      if (held && this._deps.detector.status !== 'ready') {
        held.pause();
        resumePlayback = true;
      }
      await this._deps.detector.ready();
      if (this._deps.analysis.source === source) {
        this._deps.analysis.resume();
        if (resumePlayback) await held?.play().catch(() => undefined);
      }
    } catch (err) {
      if (token !== this._token) return;
      // No half-started pipeline: a source whose detector failed to load does not stay on
      // (a camera light with nothing analysed).
      if (started && this._deps.analysis.source === started)
        this._deps.analysis.stop();
      const message =
        err instanceof CaptureError
          ? err.message
          : `Could not start: ${err instanceof Error ? err.message : String(err)}`;
      this._deps.notify('error', message);
    } finally {
      if (token === this._token) {
        this.opening = false;
        this._host.requestUpdate();
      }
    }
  }

  private _onSourceEnd(source: FrameSource, err: CaptureError | null): void {
    if (this._deps.analysis.source !== source) return;
    if (err) {
      this._deps.notify(
        'error',
        `${err.message} Pick another source to continue.`,
      );
      this._deps.analysis.stop();
    } else {
      this._deps.analysis.pause();
      void this._deps.analysis.endVisits();
      this._deps.notify(
        'info',
        `“${source.label}” finished. Press play to watch it again, or pick another source.`,
      );
      source.element.addEventListener(
        'play',
        () => this._deps.analysis.resume(),
        {
          once: true,
        },
      );
    }
  }
}
