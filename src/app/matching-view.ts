// Authorised face matching (issue 18) in the shell: the always-visible banner while it is on,
// and the operator's panel with the events behind it: turning on with the recorded
// declaration, unlocking, captures from the running source or from photos, enrolment,
// deletion, locking and turning off. Templates and event wiring; MatchingController does it.

import { html, nothing } from 'lit';
import '../components/ls-matching-banner';
import '../components/ls-matching-panel';
import type {
  EnrolRequest,
  TurnOnRequest,
} from '../components/ls-matching-panel';
import type { NoticeKind } from '../components/ls-notice';
import {
  MIN_CAPTURES,
  type MatchingController,
} from '../controllers/matching-controller';
import { decodeSlide } from '../capture/decode-image';
import type { FrameSource } from '../capture/frame-source';
import { bannerText, readAuthorisation } from '../matching/authorisation';
import { MAX_ANALYSIS_SIDE } from '../shared/constants';

export interface MatchingViewDeps {
  matching: MatchingController;
  /** The running source, to capture its current frame. */
  source(): FrameSource | null;
  notify(kind: NoticeKind, message: string): void;
}

export class MatchingView {
  constructor(private readonly _deps: MatchingViewDeps) {}

  /**
   * Shown on every view while matching is on, locked or not; `overlay` puts it over the
   * picture, for presentation mode, which covers the page's notices.
   */
  renderBanner(overlay = false) {
    const m = this._deps.matching;
    if (m.state !== 'locked' && m.state !== 'unlocked') return nothing;
    return html`<ls-matching-banner
      ?overlay=${overlay}
      .text=${
        m.authorisation
          ? bannerText(m.authorisation)
          : 'Face matching ON — its declaration is missing or damaged: turn it off, or set it up again.'
      }
      .state=${m.state}
      .profiles=${m.profiles.length}
    ></ls-matching-banner>`;
  }

  renderPanel(hasSource: boolean) {
    const m = this._deps.matching;
    return html`<ls-matching-panel
      .state=${m.state}
      ?busy=${m.busy}
      .purpose=${m.declaration()?.purpose ?? ''}
      .retentionDays=${m.authorisation?.retentionDays ?? 30}
      .profiles=${m.profiles}
      .captures=${m.captured}
      .minCaptures=${MIN_CAPTURES}
      ?hasSource=${hasSource}
      @ls-matching-on=${(e: CustomEvent<TurnOnRequest>) =>
        void this._turnOn(e.detail)}
      @ls-matching-unlock=${(e: CustomEvent<string>) => void m.unlock(e.detail)}
      @ls-matching-lock=${() => void m.lock()}
      @ls-matching-capture=${() => void this._capture()}
      @ls-matching-images=${(e: CustomEvent<File[]>) =>
        void this._images(e.detail)}
      @ls-matching-discard=${() => m.discardCaptures()}
      @ls-matching-enrol=${(e: CustomEvent<EnrolRequest>) =>
        void m.enrolCaptured(e.detail.label, e.detail.expiresAt)}
      @ls-matching-delete=${(e: CustomEvent<string>) => void m.remove(e.detail)}
      @ls-matching-off=${() => void m.turnOff()}
    ></ls-matching-panel>`;
  }

  private async _turnOn(request: TurnOnRequest): Promise<void> {
    const { passphrase, ...fields } = request;
    const read = readAuthorisation({ ...fields, at: Date.now() });
    if (!read.ok) {
      this._deps.notify('warning', read.problems.join(' '));
      return;
    }
    await this._deps.matching.turnOn(read.value, passphrase);
  }

  /** The running source's current frame, described at once; no pixel is kept. */
  private async _capture(): Promise<void> {
    const source = this._deps.source();
    const frame = source ? await source.grab(MAX_ANALYSIS_SIDE) : null;
    if (!frame) {
      this._deps.notify(
        'warning',
        'No picture to capture yet: start the camera (or a video) with the person in view.',
      );
      return;
    }
    // Kept or refused: the panel's count says the one, an error notice the other.
    await this._deps.matching.capture(frame);
  }

  /** Each photo decoded and described at once; a photo that cannot be read is skipped, said why. */
  private async _images(files: File[]): Promise<void> {
    for (const file of files) {
      let bitmap: ImageBitmap;
      try {
        bitmap = await decodeSlide(file, file.name);
      } catch (err) {
        this._deps.notify(
          'warning',
          err instanceof Error ? err.message : String(err),
        );
        continue;
      }
      await this._deps.matching.capture(bitmap);
    }
  }
}
