// The Live view's side panel (source buttons, status line, session figures, what is
// estimated) and the History page, rendered from the shell's controllers. Templates only:
// the shell owns the controllers and the state.

import { html } from 'lit';
import '../components/ls-attribute-panel';
import '../components/ls-engine-picker';
import '../components/ls-history-charts';
import type { HistoryRange, SitePlaces } from '../components/ls-history-charts';
import '../components/ls-notice';
import '../components/ls-session-panel';
import '../components/ls-source-picker';
import '../components/ls-status-bar';
import type { AnalysisController } from '../controllers/analysis-controller';
import type { DetectorController } from '../controllers/detector-controller';
import type { HistoryController } from '../controllers/history-controller';
import type { SourceController } from '../controllers/source-controller';
import type { StorageController } from '../controllers/storage-controller';
import type { SourceRequest } from '../shared/events';
import { NO_PLACES } from '../shared/history-site-series';
import type { AnalysisSettings } from '../shared/settings';
import type { EnginePreference } from '../shared/types';
import type { EngineSwitch } from './engine-switch';
import type { EngineFallback } from './engine-support';

export interface LivePanelDeps {
  analysis: AnalysisController;
  detector: DetectorController;
  sources: SourceController;
  storage: StorageController;
  settings: AnalysisSettings;
  applySettings(settings: AnalysisSettings): void;
  engine: EngineSwitch;
  /** The browser features missing here and the paths taken instead (engine-support.ts). */
  fallbacks: readonly EngineFallback[];
}

/** Everything below the demo tools in the Live view's side panel. */
export function renderLivePanel(deps: LivePanelDeps) {
  const { analysis: a, detector: d, sources, storage, settings } = deps;
  return html`<ls-source-picker
      .active=${a.source?.kind ?? null}
      .cameras=${sources.cameras}
      .cameraId=${sources.cameraId}
      .facing=${sources.facing}
      ?disabled=${sources.opening}
      @ls-source-select=${(e: CustomEvent<SourceRequest>) =>
        void sources.open(e.detail)}
    ></ls-source-picker>
    <ls-status-bar
      .info=${d.info}
      .progress=${d.progress}
      .status=${d.status}
      .fps=${a.stats.fps}
      .latencyMs=${a.stats.latencyMs}
      .inferenceMs=${a.stats.inferenceMs}
      .tensors=${a.stats.tensors}
      .faces=${a.tracks.length}
      .people=${a.people.length}
      .sourceLabel=${a.source?.label ?? ''}
      .fallbacks=${deps.fallbacks}
    ></ls-status-bar>
    <ls-session-panel
      .tally=${a.tally}
      .today=${storage.today}
      .tracks=${a.tracks}
      .inView=${a.inView}
      .threshold=${settings.suppressionThreshold}
    ></ls-session-panel>
    <ls-attribute-panel
      .settings=${settings}
      @ls-settings-change=${(e: CustomEvent<AnalysisSettings>) =>
        deps.applySettings(e.detail)}
    ></ls-attribute-panel>
    <ls-engine-picker
      .setting=${settings.engine}
      .info=${d.info}
      ?loading=${d.status === 'loading'}
      .reason=${deps.engine.reason}
      .measured=${deps.engine.remembered}
      .urlEngine=${deps.engine.urlEngine}
      @ls-engine-change=${(e: CustomEvent<EnginePreference>) => {
        deps.applySettings({ ...settings, engine: e.detail });
        void deps.engine.load(e.detail);
      }}
      @ls-engine-measure=${() => {
        deps.applySettings({ ...settings, engine: 'auto' });
        void deps.engine.load('auto', true);
      }}
    ></ls-engine-picker>`;
}

/**
 * The History view: the charts over the stored buckets, or why they could not be read.
 * `places`: the names of the zones and lines drawn (settings), for the legends;
 * `profileNames`: enrolled people's labels while the profiles are unlocked (issue 18).
 */
export function renderHistoryPage(
  h: HistoryController,
  threshold: number,
  places: SitePlaces = NO_PLACES,
  profileNames: Readonly<Record<string, string>> | null = null,
) {
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
      .site=${h.site}
      .places=${places}
      .profileNames=${profileNames}
      .range=${h.range}
      .threshold=${threshold}
      @ls-range-change=${(e: CustomEvent<HistoryRange>) =>
        h.setRange(e.detail, threshold)}
    ></ls-history-charts>
  </section>`;
}
