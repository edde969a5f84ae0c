// The shell: picks and opens sources, wires the detector and analysis controllers to the
// stage, status bar and notices, and reads the kiosk URL parameters.

import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { listCameras } from '../capture/camera-source';
import { CaptureError, type FrameSource } from '../capture/frame-source';
import { openCamera, openFiles, openSample } from '../capture/open-source';
import '../components/ls-notice';
import type { NoticeKind } from '../components/ls-notice';
import '../components/ls-source-picker';
import type { CameraOption } from '../components/ls-source-picker';
import '../components/ls-attribute-panel';
import '../components/ls-session-panel';
import '../components/ls-stage';
import '../components/ls-status-bar';
import { AnalysisController } from '../controllers/analysis-controller';
import { DetectorController } from '../controllers/detector-controller';
import type { SourceRequest } from '../shared/events';
import {
  effectiveSwitches,
  parseSettings,
  SETTINGS_KEY,
  type AnalysisSettings,
} from '../shared/settings';
import {
  parseKioskParams,
  type Facing,
  type KioskParams,
} from '../shared/kiosk-params';

interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

/** The LocalSight application shell. */
export class LsApp extends LitElement {
  static override properties = {
    _notices: { state: true },
    _cameras: { state: true },
    _dragging: { state: true },
    _opening: { state: true },
    _settings: { state: true },
  };

  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr;
      height: 100dvh;
      box-sizing: border-box;
      padding: 0.75rem;
      gap: 0.75rem;
      background: #0d1117;
      color: #e6edf3;
      font-family:
        system-ui,
        -apple-system,
        'Segoe UI',
        Roboto,
        sans-serif;
    }
    header {
      display: flex;
      align-items: baseline;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    h1 {
      margin: 0;
      font-size: 1.5rem;
    }
    header p {
      margin: 0;
      color: #8b949e;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
      gap: 0.75rem;
      min-height: 0;
    }
    ls-stage {
      min-height: 16rem;
    }
    aside {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      overflow: auto;
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .drop {
      position: fixed;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgba(13, 17, 23, 0.85);
      border: 4px dashed #ffb000;
      font-size: 1.6rem;
      pointer-events: none;
      z-index: 10;
    }
    @media (orientation: portrait), (max-width: 900px) {
      /* Stacked: the video keeps over half the height; the panels scroll beneath it. */
      main {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(55dvh, 1fr) auto;
        overflow: auto;
      }
      aside {
        overflow: visible;
      }
    }
  `;

  declare _notices: Notice[];
  declare _cameras: CameraOption[];
  declare _dragging: boolean;
  declare _opening: boolean;
  declare _settings: AnalysisSettings;
  private readonly _params: KioskParams = parseKioskParams(location.search);
  private readonly _base = new URL(import.meta.env.BASE_URL, location.href)
    .href;
  private readonly _detector = new DetectorController(this);
  private readonly _analysis = new AnalysisController(this, {
    analyse: (frame, time) => this._detector.detect(frame, time),
    endSession: () => this._detector.endSession(),
    onError: (err) =>
      this._notify(
        'error',
        `Analysis stopped: ${err instanceof Error ? err.message : String(err)}`,
      ),
  });
  private _facing: Facing = this._params.facing;
  private _noticeId = 0;
  private _openToken = 0;

  constructor() {
    super();
    this._notices = [];
    this._cameras = [];
    this._dragging = false;
    this._opening = false;
    this._settings = parseSettings(readStorage(SETTINGS_KEY));
    this._detector.setAttributes(effectiveSwitches(this._settings));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const warning of this._params.warnings)
      this._notify('warning', warning);
    // Warm the models up while the user picks a source.
    this._detector
      .load({
        backend: this._params.backend,
        modelType: this._params.modelType,
        assetBase: this._base,
      })
      .catch((err: unknown) =>
        this._notify(
          'error',
          `The face detector could not load: ${err instanceof Error ? err.message : String(err)}`,
        ),
      );
    if (this._params.source === 'sample') void this._open({ kind: 'sample' });
    if (this._params.source === 'camera')
      void this._open({ kind: 'camera', facing: this._facing });
    this.addEventListener('dragover', this._onDragOver);
    this.addEventListener('dragleave', this._onDragLeave);
    this.addEventListener('drop', this._onDrop);
  }

  override render() {
    const a = this._analysis;
    const d = this._detector;
    const camera =
      a.source?.kind === 'camera'
        ? (a.source as FrameSource & { deviceId?: string })
        : null;
    return html`<header>
        <h1>LocalSight</h1>
        <p>Face analytics that never leave this device.</p>
      </header>
      <main>
        <ls-stage
          .media=${a.source?.element ?? null}
          .tracks=${a.tracks}
          .frameWidth=${a.frameWidth || (a.source?.size().width ?? 0)}
          .frameHeight=${a.frameHeight || (a.source?.size().height ?? 0)}
          .framesAnalysed=${a.stats.framesAnalysed}
        >
          <span slot="empty"
            >${this._opening ? 'Opening…' : 'Pick a source to start: sample footage needs no camera.'}</span
          >
        </ls-stage>
        <aside>
          <div class="notices" aria-live="polite">
            ${repeat(
              this._notices,
              (n) => n.id,
              (n) =>
                html`<ls-notice
                  kind=${n.kind}
                  .message=${n.message}
                  @ls-notice-dismiss=${() => this._dismiss(n.id)}
                ></ls-notice>`,
            )}
          </div>
          <ls-source-picker
            .active=${a.source?.kind ?? null}
            .cameras=${this._cameras}
            .cameraId=${camera?.deviceId ?? ''}
            .facing=${this._facing}
            ?disabled=${this._opening}
            @ls-source-select=${(e: CustomEvent<SourceRequest>) => void this._open(e.detail)}
          ></ls-source-picker>
          <ls-status-bar
            .info=${d.info}
            .progress=${d.progress}
            .status=${d.status}
            .fps=${a.stats.fps}
            .latencyMs=${a.stats.latencyMs}
            .inferenceMs=${a.stats.inferenceMs}
            .faces=${a.tracks.length}
            .sourceLabel=${a.source?.label ?? ''}
          ></ls-status-bar>
          <ls-session-panel
            .tally=${a.tally}
            .inView=${a.tracks.length}
          ></ls-session-panel>
          <ls-attribute-panel
            .settings=${this._settings}
            @ls-settings-change=${(e: CustomEvent<AnalysisSettings>) => this._applySettings(e.detail)}
          ></ls-attribute-panel>
        </aside>
      </main>
      ${this._dragging ? html`<div class="drop">Drop a video or images to analyse them</div>` : ''}`;
  }

  private async _open(request: SourceRequest): Promise<void> {
    const token = ++this._openToken;
    if (request.kind === 'stop') {
      this._analysis.stop();
      return;
    }
    this._opening = true;
    try {
      let source: FrameSource;
      if (request.kind === 'sample') {
        source = await openSample(this._base);
      } else if (request.kind === 'camera') {
        if (request.facing) this._facing = request.facing;
        this._analysis.stop(); // release the current camera before opening another
        source = await openCamera({
          deviceId: request.deviceId,
          facing: request.facing,
        });
        void listCameras().then((cams) => (this._cameras = cams));
      } else {
        const opened = await openFiles(request.files);
        for (const w of opened.warnings) this._notify('warning', w);
        source = opened.source;
      }
      if (token !== this._openToken) {
        source.stop();
        return;
      }
      source.onEnd = (err) => this._onSourceEnd(source, err);
      this._analysis.stop();
      this._analysis.start(source);
      this._analysis.pause();
      await this._detector.ready();
      if (this._analysis.source === source) this._analysis.resume();
    } catch (err) {
      if (token !== this._openToken) return;
      const message =
        err instanceof CaptureError
          ? err.message
          : `Could not start: ${err instanceof Error ? err.message : String(err)}`;
      this._notify('error', message);
    } finally {
      if (token === this._openToken) this._opening = false;
    }
  }

  private _onSourceEnd(source: FrameSource, err: CaptureError | null): void {
    if (this._analysis.source !== source) return;
    if (err) {
      this._notify('error', `${err.message} Pick another source to continue.`);
      this._analysis.stop();
    } else {
      this._analysis.pause();
      void this._analysis.endVisits();
      this._notify(
        'info',
        `“${source.label}” finished. Press play to watch it again, or pick another source.`,
      );
      source.element.addEventListener('play', () => this._analysis.resume(), {
        once: true,
      });
    }
  }

  private _applySettings(settings: AnalysisSettings): void {
    this._settings = settings;
    this._detector.setAttributes(effectiveSwitches(settings));
    writeStorage(SETTINGS_KEY, JSON.stringify(settings));
  }

  private _notify(kind: NoticeKind, message: string): void {
    if (this._notices.some((n) => n.message === message)) return;
    this._notices = [
      ...this._notices.slice(-3),
      { id: ++this._noticeId, kind, message },
    ];
  }

  private _dismiss(id: number): void {
    this._notices = this._notices.filter((n) => n.id !== id);
  }

  private _onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this._dragging = true;
  };

  private _onDragLeave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this._dragging = false;
  };

  private _onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this._dragging = false;
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) void this._open({ kind: 'files', files });
  };
}

/** localStorage, tolerating browsers where it is unavailable (private modes, blocked storage). */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Settings then last for this page only; nothing else depends on them.
  }
}

customElements.define('ls-app', LsApp);

declare global {
  interface HTMLElementTagNameMap {
    'ls-app': LsApp;
  }
}
