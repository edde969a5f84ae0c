// The live view's tools for sales reps, wired: presentation mode (the stage and the session's
// counters full screen, controls that hide when idle) and the one-tap demo reset, which stops
// the source and goes through the Privacy view's wipe.

import { html, nothing, type LitElement } from 'lit';
import '../components/ls-demo-tools';
import '../components/ls-present-counters';
import type { AnalysisController } from '../controllers/analysis-controller';
import { PresentationController } from '../controllers/presentation-controller';
import type { SourceController } from '../controllers/source-controller';
import type { PrivacyPage } from './privacy-page';

export interface DemoToolsDeps {
  analysis: AnalysisController;
  sources: SourceController;
  privacy: PrivacyPage;
  /** How long presentation keeps its controls up after a touch, ms. */
  idleMs: number;
}

export const RESET_NOTICE =
  'Demo reset: every stored count and this session’s figures were deleted; the settings were kept.';

export class DemoTools {
  readonly presentation: PresentationController;

  constructor(
    host: LitElement,
    private readonly _deps: DemoToolsDeps,
  ) {
    this.presentation = new PresentationController(host, {
      idleMs: _deps.idleMs,
      // The whole <main>: the stage and the counters rendered beside it while presenting.
      target: () => host.renderRoot.querySelector<HTMLElement>('main'),
    });
  }

  /** The Present and Reset demo buttons, for the live view's side panel. */
  renderTools() {
    return html`<ls-demo-tools
      ?busy=${this._deps.privacy.busy}
      @ls-present=${() => void this.presentation.enter()}
      @ls-reset-demo=${() => void this.reset()}
    ></ls-demo-tools>`;
  }

  /** While presenting: the counters beside the stage and the controls that hide when idle. */
  renderPresentation() {
    const p = this.presentation;
    if (!p.presenting) return nothing;
    const a = this._deps.analysis;
    return html`<ls-present-counters
        class="present-counters"
        .tally=${a.tally}
        .inView=${a.inView}
      ></ls-present-counters>
      <div
        class="present-bar"
        ?inert=${!p.controlsVisible}
        @focusin=${() => p.hold(true)}
        @focusout=${() => p.hold(false)}
      >
        <button id="present-exit" @click=${() => void p.exit()}>
          Exit presentation
        </button>
        ${
          p.notice
            ? html`<p id="present-notice" role="status">${p.notice}</p>`
            : nothing
        }
      </div>`;
  }

  /** Stops the source, waits for its last visits, then deletes every stored count. */
  async reset(): Promise<void> {
    await this.presentation.exit();
    void this._deps.sources.open({ kind: 'stop' }); // also cancels a source still opening
    await this._deps.analysis.stopAndSettle();
    await this._deps.privacy.wipe({ settings: false }, RESET_NOTICE);
  }
}
