// The Privacy view: the stored data's controls (retention, threshold, export, wipe), the
// inspector's evidence and the reviewer documents, and the actions behind the buttons.

import { html, type ReactiveControllerHost } from 'lit';
import '../components/ls-data-controls';
import type { ExportFormat, WipeRequest } from '../components/ls-data-controls';
import '../components/ls-privacy-inspector';
import '../components/ls-reviewer-docs';
import type { NoticeKind } from '../components/ls-notice';
import type { InspectorController } from '../controllers/inspector-controller';
import type { StorageController } from '../controllers/storage-controller';
import type { MatchingInspect } from '../shared/inspector-types';
import type { ReviewerConfig } from '../shared/reviewer-docs';
import { shownValue } from '../shared/kiosk-params';
import type { AnalysisSettings } from '../shared/settings';
import {
  readSettingsFile,
  settingsFile,
  SETTINGS_FILE_MAX_BYTES,
} from '../shared/settings-file';
import { describeError, download } from './browser-storage';
import { parseAlertSetup, type AlertSetup } from '../alerts/site-setup';

export interface PrivacyPageDeps {
  storage: StorageController;
  inspector: InspectorController;
  notify(kind: NoticeKind, message: string): void;
  applySettings(settings: AnalysisSettings): void;
  /** The zones, lines and rules to export with the settings (issue 17). */
  alertSetup(): AlertSetup;
  /** Applies the zones, lines and rules of an imported settings file. */
  applyAlertSetup(setup: AlertSetup): void;
  /** After a wipe: reset what the shell holds (the session tally; settings if asked). */
  wiped(request: WipeRequest): void;
  /**
   * Authorised face matching's evidence for the inspector (issue 18:
   * MatchingController.inspect); without it the inspector has no matching section.
   */
  matching?(): Promise<MatchingInspect>;
}

export class PrivacyPage {
  private _busy = false;
  private _bytes = 0;
  private _usage: { usage: number; quota: number } | null = null;
  private _threshold = 5;
  private _matching: MatchingInspect | null = null;
  private _matchingError: string | null = null;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _deps: PrivacyPageDeps,
  ) {}

  /** True while an export or a wipe runs. */
  get busy(): boolean {
    return this._busy;
  }

  /** Saves what is pending, then re-measures the store and re-runs the inspector. */
  async refresh(): Promise<void> {
    const { storage, inspector } = this._deps;
    await storage.flush();
    try {
      this._bytes = await storage.estimateBytes();
      const estimate = await navigator.storage?.estimate?.();
      if (estimate?.usage !== undefined) {
        this._usage = { usage: estimate.usage, quota: estimate.quota ?? 0 };
      }
    } catch {
      // The figure stays as it was; the store reports its own failures.
    }
    await Promise.all([inspector.refresh(), this._refreshMatching()]);
    this._host.requestUpdate();
  }

  /** Matching's evidence; a failure is shown in its section, never left blank. */
  private async _refreshMatching(): Promise<void> {
    const read = this._deps.matching;
    if (!read) return;
    try {
      this._matching = await read();
      this._matchingError = null;
    } catch (err) {
      this._matching = null;
      this._matchingError = describeError(err) || 'unknown error';
    }
  }

  render(settings: AnalysisSettings, config: ReviewerConfig) {
    const { storage: st, inspector: ins } = this._deps;
    this._threshold = settings.suppressionThreshold;
    return html`<section class="page" aria-label="Privacy">
      <ls-data-controls
        .settings=${settings}
        storage=${st.status}
        .bytes=${this._bytes}
        .usage=${this._usage}
        .persisted=${st.persisted}
        .lastFlushAt=${st.lastFlushAt}
        ?busy=${this._busy}
        @ls-settings-change=${(e: CustomEvent<AnalysisSettings>) =>
          this._deps.applySettings(e.detail)}
        @ls-export=${(e: CustomEvent<ExportFormat>) =>
          void this._export(e.detail)}
        @ls-wipe=${(e: CustomEvent<WipeRequest>) => void this.wipe(e.detail)}
        @ls-settings-export=${() => this._exportSettings(settings)}
        @ls-settings-import=${(e: CustomEvent<File>) =>
          void this._importSettings(e.detail, settings)}
      ></ls-data-controls>
      <ls-privacy-inspector
        .inventory=${ins.inventory}
        .scan=${ins.scan}
        .network=${ins.network}
        .offline=${ins.offline}
        .matching=${this._matching}
        .matchingError=${this._matchingError}
        status=${ins.status}
        .error=${ins.error}
        @ls-inspector-refresh=${() => void this.refresh()}
      ></ls-privacy-inspector>
      <ls-reviewer-docs .config=${config}></ls-reviewer-docs>
    </section>`;
  }

  private async _export(format: ExportFormat): Promise<void> {
    await this._while(async () => {
      const text = await this._deps.storage.exportText(format, this._threshold);
      const day = new Date().toISOString().slice(0, 10);
      download(
        text,
        `localsight-counts-${day}.${format}`,
        format === 'json' ? 'application/json' : 'text/csv',
      );
    }, 'Export failed');
  }

  private _exportSettings(settings: AnalysisSettings): void {
    download(
      settingsFile(settings, this._deps.alertSetup()),
      'localsight-settings.json',
      'application/json',
    );
  }

  /** Applies the usable fields of a settings file; says what was taken and what ignored. */
  private async _importSettings(
    file: File,
    current: AnalysisSettings,
  ): Promise<void> {
    const { notify, applySettings } = this._deps;
    const name = `“${shownValue(file.name)}”`; // shown as text, but untrusted
    if (file.size > SETTINGS_FILE_MAX_BYTES) {
      notify(
        'error',
        `${name} is too large to be a settings file; nothing was changed.`,
      );
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      notify('error', `${name} could not be read: ${describeError(err)}`);
      return;
    }
    const read = readSettingsFile(text, current);
    if (!read.ok) {
      notify('error', `${name} ${read.reason}; nothing was changed.`);
      return;
    }
    // A shorter retention deletes stored counts: a file may not do that unasked.
    const shorter = read.settings.retentionDays < current.retentionDays;
    const taken = shorter
      ? read.taken.filter((k) => k !== 'retentionDays')
      : read.taken;
    applySettings(
      shorter
        ? { ...read.settings, retentionDays: current.retentionDays }
        : read.settings,
    );
    // Zones and lines come whole: a file that has them replaces the ones drawn here.
    let alertsNote = '';
    if (read.alerts !== undefined) {
      const { setup, dropped } = parseAlertSetup(read.alerts);
      this._deps.applyAlertSetup(setup);
      alertsNote =
        ` Zones and lines: ${setup.zones.length} zone(s), ${setup.lines.length} line(s)` +
        (dropped > 0 ? `, ${dropped} unusable one(s) left out.` : '.');
    }
    notify(
      read.ignored.length || shorter || alertsNote.includes('unusable')
        ? 'warning'
        : 'info',
      `Settings imported from ${name}` +
        (taken.length ? ` (${taken.join(', ')})` : ' (none usable)') +
        (read.ignored.length
          ? `; ignored, kept as they were: ${read.ignored.join(', ')}.`
          : '.') +
        (shorter
          ? ` Its retention (${read.settings.retentionDays} days) is shorter than this ` +
            `tablet’s (${current.retentionDays} days) and would delete older counts, so it ` +
            'was not applied: choose it under “Keep counts for” if that is meant.'
          : '') +
        alertsNote,
    );
  }

  /**
   * Deletes every stored count (and the settings if asked), resets what the shell holds and
   * says so with `message`, or the default. Also the path of the live view's "Reset demo".
   */
  async wipe(request: WipeRequest, message?: string): Promise<void> {
    await this._while(async () => {
      await this._deps.storage.wipe();
      this._deps.wiped(request);
      this._deps.notify(
        'info',
        message ??
          (request.settings
            ? 'Every stored count and setting was deleted.'
            : 'Every stored count was deleted.'),
      );
      await this.refresh();
    }, 'Could not delete the counts');
  }

  private async _while(
    work: () => Promise<void>,
    failure: string,
  ): Promise<void> {
    this._busy = true;
    this._host.requestUpdate();
    try {
      await work();
    } catch (err) {
      this._deps.notify('error', `${failure}: ${describeError(err)}`);
    } finally {
      this._busy = false;
      this._host.requestUpdate();
    }
  }
}
