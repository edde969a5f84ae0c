// Presentation mode for sales reps: a wrapper of the host's shadow DOM goes full screen (or
// covers the viewport where full screen is missing or refused), a screen wake lock is held
// while presenting, and the controls hide when nobody touches the screen. Never throws.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  IDLE_OFF,
  idleActivity,
  idleDelay,
  idleHold,
  idleTick,
  presentationNotice,
  type IdleState,
  type PresentMode,
  type WakeLockState,
} from '../shared/presentation';

export interface PresentationOptions {
  /** The element to show full screen: a wrapper of the stage in the host's shadow DOM. */
  target(): HTMLElement | null;
  /** How long the controls stay up after the last touch, click or mouse move. */
  idleMs: number;
}

/**
 * Reflects on the host, for styles and tests: `data-presenting` ("fullscreen" | "css", absent
 * when not presenting), `data-wake-lock` ("held" | "unavailable" | "released") and, while
 * presenting, `data-present-controls` ("shown" | "hidden").
 */
export class PresentationController implements ReactiveController {
  /** How the screen is covered; null when not presenting. */
  mode: PresentMode | null = null;
  wakeLock: WakeLockState = 'released';
  /** What presenting lacks here (full screen, wake lock), or null. */
  notice: string | null = null;
  private _idle: IdleState = IDLE_OFF;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _sentinel: WakeLockSentinel | null = null;
  private _acquiring = false;
  /** Bumped by every enter and exit, so a late answer of an old request is ignored. */
  private _token = 0;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _options: PresentationOptions,
  ) {
    _host.addController(this);
  }

  get presenting(): boolean {
    return this.mode !== null;
  }

  get controlsVisible(): boolean {
    return this._idle.visible;
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this._onFullscreenChange);
    document.addEventListener('visibilitychange', this._onVisibility);
    document.addEventListener('keydown', this._onKey);
    for (const type of ['pointerdown', 'pointermove', 'keydown'])
      this._host.addEventListener(type, this._onActivity);
    this._reflect();
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this._onFullscreenChange);
    document.removeEventListener('visibilitychange', this._onVisibility);
    document.removeEventListener('keydown', this._onKey);
    for (const type of ['pointerdown', 'pointermove', 'keydown'])
      this._host.removeEventListener(type, this._onActivity);
    void this.exit();
  }

  /** Starts presenting. Call it from the user's tap: full screen needs a user gesture. */
  async enter(): Promise<void> {
    if (this.mode) return;
    const token = ++this._token;
    const target = this._options.target();
    // Full-viewport layout at once; full screen on top when the browser grants it.
    this.mode = 'css';
    this.notice = null;
    this.activity();
    this._changed();
    let mode: PresentMode = 'css';
    if (target && document.fullscreenEnabled && target.requestFullscreen) {
      try {
        await target.requestFullscreen({ navigationUI: 'hide' });
        mode = 'fullscreen';
      } catch {
        // Refused (no user gesture, a permissions policy, an iframe): stay full-viewport.
      }
    }
    if (token !== this._token) {
      if (mode === 'fullscreen') await leaveFullscreen();
      return;
    }
    this.mode = mode;
    await this._acquire();
    if (token !== this._token) return;
    this.notice = presentationNotice(mode, this.wakeLock);
    this._changed();
  }

  /** Stops presenting: leaves full screen and releases the wake lock. */
  async exit(): Promise<void> {
    if (!this.mode) return;
    this._token++;
    this.mode = null;
    this.notice = null;
    this._idle = IDLE_OFF;
    clearTimeout(this._timer);
    const sentinel = this._sentinel;
    this._sentinel = null;
    if (this.wakeLock === 'held') this.wakeLock = 'released';
    this._changed();
    await sentinel?.release().catch(() => undefined);
    await leaveFullscreen();
  }

  /** The screen was touched or the mouse moved: show the controls for a while. */
  activity(): void {
    if (!this.mode) return;
    this._setIdle(idleActivity(this._idle, performance.now(), this._idleMs));
  }

  /** Keeps the controls up while focus is inside them (keyboard users must reach Exit). */
  hold(held: boolean): void {
    if (!this.mode) return;
    this._setIdle(idleHold(this._idle, held, performance.now(), this._idleMs));
  }

  private get _idleMs(): number {
    return this._options.idleMs;
  }

  private _setIdle(next: IdleState): void {
    const shown = this._idle.visible;
    this._idle = next;
    clearTimeout(this._timer);
    const delay = idleDelay(next, performance.now());
    if (delay !== null) this._timer = setTimeout(this._onTimer, delay);
    if (shown !== next.visible) this._changed();
  }

  private _onTimer = (): void => {
    this._setIdle(idleTick(this._idle, performance.now()));
  };

  private async _acquire(): Promise<void> {
    if (!('wakeLock' in navigator)) {
      this.wakeLock = 'unavailable';
      return;
    }
    if (this._acquiring || this._sentinel) return;
    this._acquiring = true;
    const token = this._token;
    try {
      const sentinel = await navigator.wakeLock.request('screen');
      if (token !== this._token || !this.mode) {
        await sentinel.release();
        return;
      }
      this._sentinel = sentinel;
      this.wakeLock = 'held';
      // The system releases the lock when the page is hidden; _onVisibility asks again.
      sentinel.addEventListener('release', () => {
        if (this._sentinel !== sentinel) return;
        this._sentinel = null;
        this.wakeLock = 'released';
        this._changed();
      });
    } catch {
      // Refused: hidden page, battery saver, a permissions policy.
      if (token === this._token) this.wakeLock = 'unavailable';
    } finally {
      this._acquiring = false;
    }
  }

  private _onVisibility = (): void => {
    if (document.visibilityState !== 'visible' || !this.mode) return;
    if (this._sentinel || !('wakeLock' in navigator)) return;
    void this._acquire().then(() => {
      if (!this.mode) return;
      this.notice = presentationNotice(this.mode, this.wakeLock);
      this._changed();
    });
  };

  private _onFullscreenChange = (): void => {
    // Esc, the browser's own UI or a system gesture left full screen: stop presenting.
    if (this.mode === 'fullscreen' && !document.fullscreenElement)
      void this.exit();
  };

  private _onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.mode) void this.exit();
  };

  private _onActivity = (e: Event): void => {
    if (!(e instanceof KeyboardEvent && e.key === 'Escape')) this.activity();
  };

  private _changed(): void {
    this._reflect();
    this._host.requestUpdate();
  }

  private _reflect(): void {
    const data = this._host.dataset;
    if (this.mode) {
      data.presenting = this.mode;
      data.presentControls = this._idle.visible ? 'shown' : 'hidden';
    } else {
      delete data.presenting;
      delete data.presentControls;
    }
    data.wakeLock = this.wakeLock;
  }
}

async function leaveFullscreen(): Promise<void> {
  if (document.fullscreenElement)
    await document.exitFullscreen().catch(() => undefined);
}
