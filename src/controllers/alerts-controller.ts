// Owns the zones, lines and alerts for its host (issue 17): the setup (saved as settings), the
// monitor that runs it over each analysed frame's people, this session's alert log and live
// counts, and the side effects of an alert: a short tone and a system notification (only once
// the user has allowed it; no push server). Counts go to the storage controller; nothing
// about a person does. Main thread only.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AlertLog, describeAlert, RULE_LABELS } from '../alerts/alert-log';
import type { NPoint } from '../alerts/geometry';
import {
  SiteMonitor,
  type SiteMonitorOptions,
  type SiteUpdate,
} from '../alerts/site-monitor';
import {
  ALERTS_KEY,
  DEFAULT_SETUP,
  parseAlertSetup,
  type AlertSetup,
} from '../alerts/site-setup';
import {
  addSite,
  emptySiteCounts,
  isEmptySite,
  type SiteCounts,
} from '../shared/aggregates';
import {
  ruleOf,
  type AlertKey,
  type LineId,
  type ZoneId,
} from '../shared/alert-keys';
import type { SourceKind } from '../shared/kiosk-params';
import type { DetectResult, FrameTime } from '../shared/types';

export interface AlertsOptions {
  onNotice(kind: 'warning' | 'error' | 'info', message: string): void;
  /** Hands what a frame adds to the stored counts to the storage controller. */
  noteSite(source: SourceKind, site: SiteCounts): void;
  /** localStorage access (the shell's, which tolerates a blocked storage). */
  read(key: string): string | null;
  write(key: string, value: string): boolean;
  now?: () => number;
  monitor?: SiteMonitorOptions;
  /** The setup changed (and once at start): e.g. the object-class demo switched. */
  onSetup?(setup: AlertSetup): void;
}

/** What the drawing tools are doing on the stage. */
export type DrawMode = 'zone' | 'line' | null;

export class AlertsController implements ReactiveController {
  setup: AlertSetup;
  readonly log = new AlertLog();
  /** People in each zone on the latest frame. */
  zoneCounts: Partial<Record<ZoneId, number>> = {};
  /** This session's crossings, alerts and zone peaks (since the page opened or was reset). */
  session: SiteCounts = emptySiteCounts();
  /** Alerts holding now: their zones flash. */
  active = new Set<AlertKey>();
  /** Shapes show handles to move their points. */
  editing = false;
  drawing: DrawMode = null;
  /** What the browser answered about notifications ('unsupported' where there is no API). */
  permission: NotificationPermission | 'unsupported';
  private _monitor: SiteMonitor;
  private _places: {
    setup: AlertSetup;
    places: ReturnType<AlertsController['places']>;
  } | null = null;
  private _audio: AudioContext | null = null;
  private readonly _now: () => number;

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _options: AlertsOptions,
  ) {
    this._now = _options.now ?? (() => Date.now());
    const stored = _options.read(ALERTS_KEY);
    let raw: unknown = null;
    try {
      raw = stored ? JSON.parse(stored) : null;
    } catch {
      raw = null;
    }
    const { setup, dropped } = parseAlertSetup(raw ?? DEFAULT_SETUP);
    this.setup = setup;
    if (stored !== null && (raw === null || dropped > 0))
      _options.onNotice(
        'warning',
        raw === null
          ? 'The saved zones and lines could not be read; they start empty.'
          : `${dropped} saved zone(s) or line(s) could not be used and were left out.`,
      );
    this._monitor = new SiteMonitor(setup, _options.monitor);
    _options.onSetup?.(setup);
    this.permission =
      typeof Notification === 'undefined'
        ? 'unsupported'
        : Notification.permission;
    _host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.endSession();
    void this._audio?.close();
    this._audio = null;
  }

  /** Replaces the setup: saved, and watched from the next frame (holding alerts end). */
  setSetup(setup: AlertSetup, save = true): void {
    this._finish(this._monitor.endAll());
    this.setup = setup;
    this._monitor = new SiteMonitor(setup, this._options.monitor);
    this.zoneCounts = {};
    this._options.onSetup?.(setup);
    if (save && !this._options.write(ALERTS_KEY, JSON.stringify(setup)))
      this._options.onNotice(
        'warning',
        'The browser refused to save the zones and lines (storage full or blocked): they apply until this page closes.',
      );
    this._host.requestUpdate();
  }

  /** The names of the zones and lines drawn now, by slot (History's legends). */
  places(): {
    zones: Partial<Record<ZoneId, string>>;
    lines: Partial<Record<LineId, string>>;
  } {
    if (this._places?.setup !== this.setup)
      this._places = {
        setup: this.setup,
        places: {
          zones: Object.fromEntries(
            this.setup.zones.map((z) => [z.id, z.name]),
          ),
          lines: Object.fromEntries(
            this.setup.lines.map((l) => [l.id, l.name]),
          ),
        },
      };
    return this._places.places;
  }

  /** Shows or hides the shapes' handles. */
  setEditing(on: boolean): void {
    this.editing = on;
    this.drawing = null;
    this._host.requestUpdate();
  }

  /** Starts drawing a zone or a line on the stage (null: stops). */
  setDrawing(mode: DrawMode): void {
    this.drawing = mode;
    if (mode) this.editing = false;
    this._host.requestUpdate();
  }

  /** One analysed frame of `source`: zones, lines and rules run over its people. */
  onFrame(source: SourceKind, result: DetectResult, time: FrameTime): void {
    if (
      this.setup.zones.length + this.setup.lines.length === 0 &&
      !this.setup.objects
    )
      return;
    const update = this._monitor.update({
      points: referencePoints(result),
      objects: result.objects?.length ?? 0,
      t: time.t,
      wall: time.wall,
    });
    this.zoneCounts = update.zoneCounts;
    this._apply(source, update, time.wall);
  }

  /** The source stopped: holding alerts end, nobody carries over to the next source. */
  endSession(): void {
    this._finish(this._monitor.endAll());
    this.zoneCounts = {};
    this.drawing = null; // the picture it was drawn on is gone
    this._host.requestUpdate();
  }

  acknowledge(id: number | 'all'): void {
    if (id === 'all') this.log.acknowledgeAll(this._now());
    else this.log.acknowledge(id, this._now());
    this._host.requestUpdate();
  }

  /** Forgets the session's log and live counts (a wipe). */
  resetSession(): void {
    this.log.clear();
    this.session = emptySiteCounts();
    this._host.requestUpdate();
  }

  /** Asks the browser for notifications; the switch stays off unless it says yes. */
  async enableNotifications(on: boolean): Promise<void> {
    if (!on) {
      this.setSetup({ ...this.setup, notify: false });
      return;
    }
    if (this.permission === 'unsupported') {
      this._options.onNotice(
        'warning',
        'This browser has no system notifications; alerts show on the page and sound only.',
      );
      return;
    }
    try {
      this.permission = await Notification.requestPermission();
    } catch {
      this.permission = Notification.permission;
    }
    if (this.permission !== 'granted') {
      this._options.onNotice(
        'warning',
        'Notifications are not allowed for this app, so alerts show on the page and sound only. Allow them in the browser’s site settings to get system notifications.',
      );
    }
    this.setSetup({ ...this.setup, notify: this.permission === 'granted' });
  }

  /** Plays the alert tone once (also from the panel's "Test sound"). */
  playTone(): void {
    try {
      this._audio ??= new AudioContext();
      const ctx = this._audio;
      if (ctx.state === 'suspended') void ctx.resume();
      const t0 = ctx.currentTime;
      for (const [i, hz] of [880, 660].entries()) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, t0 + i * 0.18);
        gain.gain.exponentialRampToValueAtTime(0.2, t0 + i * 0.18 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.18 + 0.16);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t0 + i * 0.18);
        osc.stop(t0 + i * 0.18 + 0.17);
      }
    } catch {
      // No audio here (no device, or blocked until a tap): the banner still shows.
    }
  }

  private _apply(source: SourceKind, u: SiteUpdate, wall: number): void {
    addSite(this.session, u.site);
    if (!isEmptySite(u.site)) this._options.noteSite(source, u.site);
    for (const s of u.started) {
      this.active.add(s.key);
      const place =
        s.target === 'frame'
          ? 'Whole frame'
          : (this.setup.zones.find((z) => z.id === s.target)?.name ?? s.target);
      const entry = this.log.start(s, place, wall);
      this._announce(describeAlert(entry, this._limitOf(s.key)), s.key);
    }
    // An open alert's peak, live: the most people in its zone while it holds (a loitering
    // alert's is the most people staying too long, which the latch reports when it ends).
    for (const key of this.active) {
      const rule = ruleOf(key);
      if (rule === 'object' || rule === 'loitering') continue;
      const n = u.zoneCounts[key.slice(0, key.indexOf('.')) as ZoneId];
      if (n !== undefined) this.log.peak(key, n);
    }
    this._finish(u.ended, wall);
  }

  private _finish(ended: SiteUpdate['ended'], wall = this._now()): void {
    for (const e of ended) {
      this.active.delete(e.key);
      this.log.end(e, wall);
    }
  }

  private _limitOf(key: AlertKey): number | undefined {
    const zone = this.setup.zones.find((z) => key.startsWith(`${z.id}.`));
    return zone?.rules.occupancy.limit;
  }

  private _announce(text: string, key: AlertKey): void {
    if (this.setup.sound) this.playTone();
    if (!this.setup.notify || this.permission !== 'granted') return;
    const title = `LocalSight: ${RULE_LABELS[ruleOf(key)]}`;
    const options: NotificationOptions = { body: text, tag: key };
    // Android Chrome refuses `new Notification` in a page: the service worker shows it there.
    const viaWorker = navigator.serviceWorker?.ready.then((r) =>
      r.showNotification(title, options),
    );
    (viaWorker ?? Promise.reject(new Error('no service worker'))).catch(() => {
      try {
        new Notification(title, options);
      } catch {
        // Shown on the page only.
      }
    });
  }
}

/**
 * Where each person is, normalised to the frame: the middle of their feet (the bottom of the
 * body box), the point that touches the floor a zone or line is drawn on. A face with no body
 * (a close-up) counts at its centre.
 */
export function referencePoints(result: DetectResult): Map<string, NPoint> {
  const { frameWidth: w, frameHeight: h } = result;
  const points = new Map<string, NPoint>();
  if (!(w > 0 && h > 0)) return points;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  for (const p of result.people) {
    points.set(p.id, {
      x: clamp((p.box.x + p.box.width / 2) / w),
      y: clamp((p.box.y + p.box.height) / h),
    });
  }
  for (const f of result.tracks) {
    if (f.personId !== null) continue;
    points.set(f.id, {
      x: clamp((f.box.x + f.box.width / 2) / w),
      y: clamp((f.box.y + f.box.height / 2) / h),
    });
  }
  return points;
}
