// The shell: the header and view switch, notices, drag and drop, and the wiring of the
// detector, analysis, storage, history and inspector controllers to the views.

import { LitElement, html } from 'lit';
import { appStyles } from './ls-app.styles';
import { PrivacyPage } from './privacy-page';
import { DemoTools } from './demo-tools';
import { EngineSwitch } from './engine-switch';
import { FileDrop } from './file-drop';
import { Notices } from './notices';
import { videoFramesReadable } from '../shared/rgba-copy';
import { engineFallbacks, readEngineFeatures } from './engine-support';
import { UncaughtErrors } from './uncaught-errors';
import { renderHistoryPage, renderLivePanel } from './live-view';
import {
  describeError,
  readStorage,
  removeStorage,
  writeStorage,
} from './browser-storage';
import '../components/ls-offline-status';
import type { NoticeKind } from '../components/ls-notice';
import '../components/ls-camera-notice';
import '../components/ls-stage';
import '../components/ls-alert-banner';
import '../components/ls-zone-layer';
import '../components/ls-zones-panel';
import { AlertsController } from '../controllers/alerts-controller';
import { ZoneEditing } from './zone-editing';
import { MatchingView } from './matching-view';
import { MatchingController } from '../controllers/matching-controller';
import { MATCH_THRESHOLD } from '../matching/constants';
import type { Authorisation } from '../matching/authorisation';
import { emptySiteCounts } from '../shared/aggregates';
import type { SourceKind } from '../shared/kiosk-params';
import { AnalysisController } from '../controllers/analysis-controller';
import { CspController } from '../controllers/csp-controller';
import { DetectorController } from '../controllers/detector-controller';
import { StorageController } from '../controllers/storage-controller';
import { HistoryController } from '../controllers/history-controller';
import { InspectorController } from '../controllers/inspector-controller';
import { SourceController } from '../controllers/source-controller';
import type { PwaHandle } from '../shared/pwa-types';
import { BUILD_ID } from '../shared/build-info';
import { MAX_FRAME_FAILURES } from '../shared/constants';
import { MODEL_CARDS } from '../shared/model-cards';
import { reviewerConfig, type ReviewerConfig } from '../shared/reviewer-docs';
import {
  effectiveSwitches,
  parseSettings,
  SETTINGS_KEY,
  settingsWarning,
  type AnalysisSettings,
} from '../shared/settings';
import { parseKioskParams, type KioskParams } from '../shared/kiosk-params';
import {
  ALERTS_KEY,
  parseAlertSetup,
  type AlertSetup,
} from '../alerts/site-setup';

type View = 'live' | 'history' | 'privacy';
const VIEWS: { id: View; label: string }[] = [
  { id: 'live', label: 'Live' },
  { id: 'history', label: 'History' },
  { id: 'privacy', label: 'Privacy' },
];

/** The LocalSight application shell. */
export class LsApp extends LitElement {
  static override properties = {
    _settings: { state: true },
    _view: { state: true },
    pwa: { attribute: false },
  };

  static override styles = appStyles;

  /** The service worker's handle, set by main.ts (src/pwa/register.ts); null in unit-free pages. */
  declare pwa: PwaHandle | null;

  private readonly _notices = new Notices(this);
  private readonly _drop = new FileDrop(this, (files) => {
    void this._sources.open({ kind: 'files', files });
  });
  declare _settings: AnalysisSettings;
  /** The settings as stored when the page opened (raw), for the warning about ignored values. */
  private readonly _storedSettings: string | null;
  declare _view: View;
  private readonly _params: KioskParams = parseKioskParams(location.search);
  private readonly _base = new URL(import.meta.env.BASE_URL, location.href)
    .href;
  private readonly _detector = new DetectorController(this);
  private readonly _csp = new CspController(this, (v) =>
    this._notify(
      'warning',
      `The browser's security policy blocked ${v.blocked === 'inline' ? 'an inline script or style' : v.blocked} (${v.directive}). Nothing left this device; please report it.`,
    ),
  );
  /** The features read once at start; videoFrameRgba is corrected when its check ends. */
  private readonly _features = readEngineFeatures();
  /** What the app does instead of the features this browser lacks. */
  private _fallbacks = engineFallbacks(this._features);
  private readonly _storage: StorageController;
  private readonly _alerts: AlertsController;
  private readonly _zones: ZoneEditing;
  private readonly _matching: MatchingController;
  private readonly _matchingView: MatchingView;
  private readonly _history: HistoryController;
  private readonly _privacy: PrivacyPage;
  private readonly _demo: DemoTools;
  // Created with the shell, so its network record covers the whole session.
  private readonly _inspector = new InspectorController(this, {
    workerLog: () => this._detector.resourceLog(),
    offlineCopy: async () => (await this.pwa?.describe()) ?? null,
  });
  private readonly _analysis = new AnalysisController(this, {
    analyse: (frame, time) => this._detector.detect(frame, time),
    endSession: () => this._detector.endSession(),
    onVisits: (source, visits) => this._storage.add(source, visits),
    onInView: (source, inView, dtMs) =>
      this._storage.noteInView(source, inView, dtMs),
    onFrame: (source, result, time) => {
      this._alerts.onFrame(source, result, time);
      this._noteProfiles(source, result.profilesSeen);
    },
    // Its last visits and person-time are written now, not at the next 3 s flush.
    onSessionEnd: () => {
      this._alerts.endSession();
      void this._storage.flush();
    },
    onError: (err) =>
      this._notify(
        'error',
        `Analysis stopped after ${MAX_FRAME_FAILURES} failed frames in a row: ` +
          `${err instanceof Error ? err.message : String(err)}. Pick the source again to retry.`,
      ),
  });
  private readonly _engine: EngineSwitch = new EngineSwitch(this, {
    detector: this._detector,
    analysis: this._analysis,
    options: {
      backend: this._params.backend,
      modelType: this._params.modelType,
      assetBase: this._base,
    },
    urlEngine: this._params.engine,
    notify: (kind, message) => this._notify(kind, message),
  });
  private readonly _sources: SourceController = new SourceController(
    this,
    {
      analysis: this._analysis,
      detector: this._detector,
      base: this._base,
      notify: (kind, message) => this._notify(kind, message),
    },
    this._params.facing,
  );
  private _config: {
    settings: AnalysisSettings;
    alerts: AlertSetup;
    matching: Authorisation | null;
    config: ReviewerConfig;
  } | null = null;

  constructor() {
    super();
    this._detector.notify = (kind, message) => this._notify(kind, message);
    // Registers itself with this host; it reflects data-uncaught-errors on its own.
    new UncaughtErrors(this, (message) => this._notify('error', message));
    this.pwa = null;
    this._storedSettings = readStorage(SETTINGS_KEY);
    this._settings = parseSettings(this._storedSettings);
    this._view = 'live';
    this._detector.setAttributes(effectiveSwitches(this._settings));
    this._storage = new StorageController(this, {
      retentionDays: this._settings.retentionDays,
      onNotice: (kind, message) => this._notify(kind, message),
    });
    this._alerts = new AlertsController(this, {
      onNotice: (kind, message) => this._notify(kind, message),
      noteSite: (source, site) => this._storage.noteSite(source, site),
      read: readStorage,
      write: writeStorage,
      onSetup: (setup) => this._detector.setObjectClasses(setup.objects),
    });
    this._zones = new ZoneEditing(this._alerts);
    this._matching = new MatchingController(this, {
      backend: this._detector,
      threshold: MATCH_THRESHOLD,
      onNotice: (kind, message) => this._notify(kind, message),
      forgetCounts: (id) => this._storage.forgetProfile(id),
      // The inspector's matching section follows every act while it is open.
      onChanged: () => {
        if (this._view === 'privacy') void this._privacy.refresh();
      },
    });
    this._detector.onRestarted = () => void this._matching.workerRestarted();
    this._matchingView = new MatchingView({
      matching: this._matching,
      source: () => this._analysis.source,
      notify: (kind, message) => this._notify(kind, message),
    });
    this._history = new HistoryController(this, this._storage);
    this._privacy = new PrivacyPage(this, {
      storage: this._storage,
      inspector: this._inspector,
      notify: (kind, message) => this._notify(kind, message),
      applySettings: (settings) => this._applySettings(settings),
      alertSetup: () => this._alerts.setup,
      matching: () => this._matching.inspect(),
      applyAlertSetup: (setup) => this._alerts.setSetup(setup),
      wiped: (request) => {
        this._analysis.resetTally();
        this._alerts.resetSession();
        if (request.settings) {
          removeStorage(SETTINGS_KEY);
          removeStorage(ALERTS_KEY);
          this._alerts.setSetup(parseAlertSetup(null).setup, false);
          this._engine.forget();
          this._applySettings(parseSettings(null), false);
        }
      },
    });
    this._demo = new DemoTools(this, {
      analysis: this._analysis,
      sources: this._sources,
      privacy: this._privacy,
      idleMs: this._params.presentIdleMs,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void videoFramesReadable().then((readable) => {
      if (readable) return; // as readEngineFeatures assumed
      this._fallbacks = engineFallbacks({
        ...this._features,
        videoFrameRgba: readable,
      });
      this.requestUpdate();
    });
    for (const warning of this._params.warnings)
      this._notify('warning', warning);
    const ignored = settingsWarning(this._storedSettings);
    if (ignored) this._notify('warning', ignored);
    // Warm the models up while the user picks a source.
    void this._engine.load(this._settings.engine);
    if (this._params.source === 'sample')
      void this._sources.open({ kind: 'sample' });
    if (this._params.source === 'camera')
      void this._sources.open({ kind: 'camera', facing: this._sources.facing });
  }

  override render() {
    const a = this._analysis;
    const live = this._view === 'live';
    // For tests and the curious: where counts go, and how many this page has written.
    this.dataset.storage = this._storage.status;
    this.dataset.flushedVisits = String(this._storage.flushedVisits);
    this.dataset.build = BUILD_ID;
    this.dataset.cspViolations = String(this._csp.violations.length);
    this.dataset.view = this._view; // the shell's layout differs per view (ls-app.styles.ts)
    return html`<header>
        <h1>LocalSight</h1>
        <p>People and face analytics that never leave this device.</p>
        <ls-offline-status
          show="pill"
          build=${BUILD_ID}
          .offline=${this.pwa?.offline ?? { kind: 'registering' }}
        ></ls-offline-status>
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
        ${this._matchingView.renderBanner()}
        <ls-offline-status
          show="update"
          .offline=${this.pwa?.offline ?? { kind: 'registering' }}
          ?updateReady=${this.pwa?.updateReady ?? false}
          ?running=${a.source !== null}
          @ls-apply-update=${this._applyUpdate}
        ></ls-offline-status>
        ${this._notices.render()} ${live ? '' : this._zones.renderBanner()}
      </div>
      <main class=${this._view} data-view=${this._view}>
        <div class=${`stage ${live ? '' : a.source ? 'mini' : 'mini idle'}`}>
          <ls-stage
            .media=${a.source?.element ?? null}
            .tracks=${a.tracks}
            .people=${a.people}
            .frameWidth=${a.frameWidth || (a.source?.size().width ?? 0)}
            .frameHeight=${a.frameHeight || (a.source?.size().height ?? 0)}
            .framesAnalysed=${a.stats.framesAnalysed}
          >
            ${live ? this._zones.renderLayer(a) : ''}
            <span slot="empty"
              >${this._sources.opening ? 'Opening…' : 'Pick a source to start: sample footage needs no camera.'}</span
            >
          </ls-stage>
          ${live ? this._zones.renderBanner() : ''}
          ${this._demo.presentation.presenting ? this._matchingView.renderBanner(true) : ''}
          <ls-camera-notice
            .config=${this._reviewerConfig()}
            ?open=${a.source?.kind === 'camera'}
            @ls-show-privacy=${() => this._show('privacy')}
          ></ls-camera-notice>
        </div>
        <aside ?hidden=${!live}>
          ${this._demo.renderTools()}
          ${renderLivePanel({
            analysis: a,
            detector: this._detector,
            sources: this._sources,
            storage: this._storage,
            settings: this._settings,
            applySettings: (settings) => this._applySettings(settings),
            engine: this._engine,
            fallbacks: this._fallbacks,
          })}
          ${this._zones.renderPanel(a.source !== null)}
          ${this._matchingView.renderPanel(a.source !== null)}
        </aside>
        ${this._demo.renderPresentation()}
        ${
          this._view === 'history'
            ? renderHistoryPage(
                this._history,
                this._settings.suppressionThreshold,
                this._alerts.places(),
                this._matching.state === 'unlocked'
                  ? this._matching.labels()
                  : null,
              )
            : ''
        }
        ${
          this._view === 'privacy'
            ? this._privacy.render(this._settings, this._reviewerConfig())
            : ''
        }
      </main>
      ${this._drop.dragging ? html`<div class="drop">Drop a video or images to analyse them</div>` : ''}`;
  }

  // Rebuilt only when the settings change: the app renders on every analysed frame.
  private _reviewerConfig(): ReviewerConfig {
    if (
      this._config?.settings !== this._settings ||
      this._config.alerts !== this._alerts.setup ||
      this._config.matching !== this._matching.authorisation
    ) {
      this._config = {
        settings: this._settings,
        alerts: this._alerts.setup,
        matching: this._matching.authorisation,
        config: reviewerConfig(
          this._settings,
          this._storage.schemaVersion,
          MODEL_CARDS,
          this._alerts.setup,
          this._matching.declaration(),
        ),
      };
    }
    return this._config.config;
  }

  /**
   * Enrolled profiles first seen on this frame (authorised matching, issue 18): one visit each,
   * counted by the profile's random id in the aggregates; nothing else of the match is kept.
   */
  private _noteProfiles(source: SourceKind, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const profiles: Record<string, number> = {};
    for (const id of ids) profiles[id] = (profiles[id] ?? 0) + 1;
    this._storage.noteSite(source, { ...emptySiteCounts(), profiles });
  }

  private _show(view: View): void {
    if (view !== 'live') void this._demo.presentation.exit();
    this._view = view;
    if (view === 'privacy') void this._privacy.refresh();
  }

  private _applySettings(settings: AnalysisSettings, save = true): void {
    if (settings.retentionDays !== this._settings.retentionDays) {
      this._storage
        .setRetention(settings.retentionDays)
        .then(() => this._privacy.refresh())
        .catch((err: unknown) =>
          this._notify(
            'error',
            `Could not purge old counts: ${describeError(err)}`,
          ),
        );
    }
    this._settings = settings;
    this._detector.setAttributes(effectiveSwitches(settings));
    if (save && !writeStorage(SETTINGS_KEY, JSON.stringify(settings)))
      this._notify(
        'warning',
        'The browser refused to save the settings (storage full or blocked): they apply until this page closes.',
      );
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('pwa')) {
      const old = changed.get('pwa') as PwaHandle | null | undefined;
      old?.removeEventListener('change', this._onPwaChange);
      this.pwa?.addEventListener('change', this._onPwaChange);
    }
  }

  private _onPwaChange = (): void => this.requestUpdate();

  /** Only offered while no source runs (describeUpdate): save the counts, then restart. */
  private _applyUpdate = async (): Promise<void> => {
    if (this._analysis.source) return;
    await this._storage.flush();
    await this.pwa?.applyUpdate();
  };

  private _notify(kind: NoticeKind, message: string): void {
    this._notices.notify(kind, message);
  }
}

customElements.define('ls-app', LsApp);

declare global {
  interface HTMLElementTagNameMap {
    'ls-app': LsApp;
  }
}
