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
import '../components/ls-data-controls';
import '../components/ls-camera-notice';
import '../components/ls-reviewer-docs';
import '../components/ls-history-charts';
import '../components/ls-privacy-inspector';
import type { HistoryRange } from '../components/ls-history-charts';
import type { ExportFormat, WipeRequest } from '../components/ls-data-controls';
import '../components/ls-stage';
import '../components/ls-status-bar';
import { AnalysisController } from '../controllers/analysis-controller';
import { DetectorController } from '../controllers/detector-controller';
import { StorageController } from '../controllers/storage-controller';
import { HistoryController } from '../controllers/history-controller';
import { InspectorController } from '../controllers/inspector-controller';
import type { SourceRequest } from '../shared/events';
import { MODEL_CARDS } from '../shared/model-cards';
import { reviewerConfig, type ReviewerConfig } from '../shared/reviewer-docs';
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

type View = 'live' | 'history' | 'privacy';
const VIEWS: { id: View; label: string }[] = [
  { id: 'live', label: 'Live' },
  { id: 'history', label: 'History' },
  { id: 'privacy', label: 'Privacy' },
];

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
    _view: { state: true },
    _storedBytes: { state: true },
    _busy: { state: true },
  };

  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto auto 1fr;
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
      align-items: center;
      gap: 0.5rem 1rem;
      flex-wrap: wrap;
    }
    h1 {
      margin: 0;
      font-size: 1.5rem;
    }
    header p {
      margin: 0;
      color: #8b949e;
      flex: 1 1 12rem;
    }
    nav {
      display: flex;
      gap: 0.25rem;
      background: #161b22;
      border-radius: 10px;
      padding: 0.25rem;
    }
    nav button {
      min-height: 44px;
      min-width: 5.5rem;
      border: 0;
      border-radius: 8px;
      background: transparent;
      color: #c9d1d9;
      font: inherit;
      font-weight: 600;
    }
    nav button[aria-current='page'] {
      background: #ffb000;
      color: #0d1117;
    }
    nav button:focus-visible {
      outline: 3px solid #56b4e9;
      outline-offset: 2px;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
      gap: 0.75rem;
      min-height: 0;
    }
    .stage {
      position: relative;
      display: grid;
      min-height: 16rem;
    }
    ls-camera-notice {
      position: absolute;
      left: 0.5rem;
      right: 0.5rem;
      bottom: 0.5rem;
      z-index: 2;
    }
    /* Off the live view, the video keeps playing in a corner so analysis goes on. */
    .stage.mini {
      position: fixed;
      right: 0.75rem;
      bottom: 0.75rem;
      width: min(16rem, 40vw);
      height: 10rem;
      min-height: 0;
      z-index: 5;
      box-shadow: 0 4px 24px rgba(0, 0, 0, 0.6);
      border-radius: 12px;
    }
    .stage.mini.idle {
      display: none;
    }
    aside,
    .page {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      overflow: auto;
      min-height: 0;
    }
    .page {
      grid-column: 1 / -1;
      padding-bottom: 11rem; /* room for the corner video */
    }
    [hidden] {
      display: none !important;
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .notices:empty {
      display: none;
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
      main.live {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(55dvh, 1fr) auto;
        overflow: auto;
      }
      main.live aside {
        overflow: visible;
      }
    }
  `;

  declare _notices: Notice[];
  declare _cameras: CameraOption[];
  declare _dragging: boolean;
  declare _opening: boolean;
  declare _settings: AnalysisSettings;
  declare _view: View;
  declare _storedBytes: number;
  declare _busy: boolean;
  private readonly _params: KioskParams = parseKioskParams(location.search);
  private readonly _base = new URL(import.meta.env.BASE_URL, location.href)
    .href;
  private readonly _detector = new DetectorController(this);
  private readonly _storage: StorageController;
  private readonly _history: HistoryController;
  // Created with the shell, so its network record covers the whole session.
  private readonly _inspector = new InspectorController(this, {
    workerLog: () => this._detector.resourceLog(),
  });
  private readonly _analysis = new AnalysisController(this, {
    analyse: (frame, time) => this._detector.detect(frame, time),
    endSession: () => this._detector.endSession(),
    onVisits: (source, visits) => this._storage.add(source, visits),
    onInView: (source, inView) => this._storage.notePeak(source, inView),
    onError: (err) =>
      this._notify(
        'error',
        `Analysis stopped: ${err instanceof Error ? err.message : String(err)}`,
      ),
  });
  private _facing: Facing = this._params.facing;
  private _noticeId = 0;
  private _config: {
    settings: AnalysisSettings;
    config: ReviewerConfig;
  } | null = null;
  private _openToken = 0;

  constructor() {
    super();
    this._notices = [];
    this._cameras = [];
    this._dragging = false;
    this._opening = false;
    this._settings = parseSettings(readStorage(SETTINGS_KEY));
    this._view = 'live';
    this._storedBytes = 0;
    this._busy = false;
    this._detector.setAttributes(effectiveSwitches(this._settings));
    this._storage = new StorageController(this, {
      retentionDays: this._settings.retentionDays,
      onNotice: (kind, message) => this._notify(kind, message),
    });
    this._history = new HistoryController(this, this._storage);
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
    const live = this._view === 'live';
    // For tests and the curious: where counts go, and how many this page has written.
    this.dataset.storage = this._storage.status;
    this.dataset.flushedVisits = String(this._storage.flushedVisits);
    const camera =
      a.source?.kind === 'camera'
        ? (a.source as FrameSource & { deviceId?: string })
        : null;
    return html`<header>
        <h1>LocalSight</h1>
        <p>Face analytics that never leave this device.</p>
        <nav aria-label="Views">
          ${VIEWS.map(
            (v) =>
              html`<button
                id=${`view-${v.id}`}
                aria-current=${v.id === this._view ? 'page' : 'false'}
                @click=${() => this._show(v.id)}
              >
                ${v.label}
              </button>`,
          )}
        </nav>
      </header>
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
      <main class=${this._view} data-view=${this._view}>
        <div class=${`stage ${live ? '' : a.source ? 'mini' : 'mini idle'}`}>
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
          <ls-camera-notice
            .config=${this._reviewerConfig()}
            ?open=${a.source?.kind === 'camera'}
            @ls-show-privacy=${() => this._show('privacy')}
          ></ls-camera-notice>
        </div>
        <aside ?hidden=${!live}>
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
            .today=${this._storage.today}
            .tracks=${a.tracks}
            .threshold=${this._settings.suppressionThreshold}
          ></ls-session-panel>
          <ls-attribute-panel
            .settings=${this._settings}
            @ls-settings-change=${(e: CustomEvent<AnalysisSettings>) => this._applySettings(e.detail)}
          ></ls-attribute-panel>
        </aside>
        ${this._view === 'history' ? this._renderHistory() : ''}
        ${this._view === 'privacy' ? this._renderPrivacy() : ''}
      </main>
      ${this._dragging ? html`<div class="drop">Drop a video or images to analyse them</div>` : ''}`;
  }

  private _renderHistory() {
    const h = this._history;
    const threshold = this._settings.suppressionThreshold;
    h.update(threshold);
    return html`<section class="page" aria-label="History">
      ${
        h.error
          ? html`<ls-notice
              kind="error"
              .message=${`The history could not be read: ${h.error}`}
            ></ls-notice>`
          : ''
      }
      <ls-history-charts
        .history=${h.data}
        .range=${h.range}
        .threshold=${threshold}
        @ls-range-change=${(e: CustomEvent<HistoryRange>) =>
          h.setRange(e.detail, threshold)}
      ></ls-history-charts>
    </section>`;
  }

  private _renderPrivacy() {
    const st = this._storage;
    return html`<section class="page" aria-label="Privacy">
      <ls-data-controls
        .settings=${this._settings}
        storage=${st.status}
        .bytes=${this._storedBytes}
        .persisted=${st.persisted}
        .lastFlushAt=${st.lastFlushAt}
        ?busy=${this._busy}
        @ls-settings-change=${(e: CustomEvent<AnalysisSettings>) => this._applySettings(e.detail)}
        @ls-export=${(e: CustomEvent<ExportFormat>) => void this._export(e.detail)}
        @ls-wipe=${(e: CustomEvent<WipeRequest>) => void this._wipe(e.detail)}
      ></ls-data-controls>
      <ls-privacy-inspector
        .inventory=${this._inspector.inventory}
        .scan=${this._inspector.scan}
        .network=${this._inspector.network}
        status=${this._inspector.status}
        .error=${this._inspector.error}
        @ls-inspector-refresh=${() => void this._inspector.refresh()}
      ></ls-privacy-inspector>
      <ls-reviewer-docs .config=${this._reviewerConfig()}></ls-reviewer-docs>
    </section>`;
  }

  // Rebuilt only when the settings change: the app renders on every analysed frame.
  private _reviewerConfig(): ReviewerConfig {
    if (this._config?.settings !== this._settings) {
      this._config = {
        settings: this._settings,
        config: reviewerConfig(
          this._settings,
          this._storage.schemaVersion,
          MODEL_CARDS,
        ),
      };
    }
    return this._config.config;
  }

  private _show(view: View): void {
    this._view = view;
    if (view === 'privacy') void this._refreshPrivacy();
  }

  private async _refreshPrivacy(): Promise<void> {
    await this._storage.flush();
    await Promise.all([this._refreshBytes(), this._inspector.refresh()]);
  }

  private async _refreshBytes(): Promise<void> {
    try {
      this._storedBytes = await this._storage.estimateBytes();
    } catch {
      // The figure stays as it was; the store reports its own failures.
    }
  }

  private async _export(format: ExportFormat): Promise<void> {
    this._busy = true;
    try {
      const text = await this._storage.exportText(
        format,
        this._settings.suppressionThreshold,
      );
      const day = new Date().toISOString().slice(0, 10);
      download(
        text,
        `localsight-counts-${day}.${format}`,
        format === 'json' ? 'application/json' : 'text/csv',
      );
    } catch (err) {
      this._notify('error', `Export failed: ${describeError(err)}`);
    } finally {
      this._busy = false;
    }
  }

  private async _wipe(request: WipeRequest): Promise<void> {
    this._busy = true;
    try {
      await this._storage.wipe();
      this._analysis.resetTally();
      if (request.settings) {
        removeStorage(SETTINGS_KEY);
        this._settings = parseSettings(null);
        this._detector.setAttributes(effectiveSwitches(this._settings));
      }
      this._notify(
        'info',
        request.settings
          ? 'Every stored count and setting was deleted.'
          : 'Every stored count was deleted.',
      );
      await this._refreshBytes();
    } catch (err) {
      this._notify(
        'error',
        `Could not delete the counts: ${describeError(err)}`,
      );
    } finally {
      this._busy = false;
    }
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
    if (settings.retentionDays !== this._settings.retentionDays) {
      this._storage
        .setRetention(settings.retentionDays)
        .then(() => this._refreshBytes())
        .catch((err: unknown) =>
          this._notify(
            'error',
            `Could not purge old counts: ${describeError(err)}`,
          ),
        );
    }
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

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Saves `text` as a file through a temporary object URL. */
function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later: Chromium reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** localStorage, tolerating browsers where it is unavailable (private modes, blocked storage). */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function removeStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was stored, then.
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
