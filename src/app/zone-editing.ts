// The Live view's zones and alerts (issue 17), rendered from the alerts controller: the layer
// of zones and lines over the video, the alert banner, and the side panel, with the events
// that draw, move, rename and switch them. Templates and event wiring only.

import { html } from 'lit';
import type { DrawnShape, ShapeEdit } from '../components/ls-zone-layer';
import type { AlertsController } from '../controllers/alerts-controller';
import type { AnalysisController } from '../controllers/analysis-controller';
import {
  DEFAULT_ZONE_RULES,
  freeLineId,
  freeZoneId,
  type AlertSetup,
} from '../alerts/site-setup';

export class ZoneEditing {
  constructor(private readonly _alerts: AlertsController) {}

  /** Zones and lines over the picture (slotted into ls-stage's frame). */
  renderLayer(a: AnalysisController) {
    const c = this._alerts;
    return html`<ls-zone-layer
      slot="overlay"
      .setup=${c.setup}
      .zoneCounts=${c.zoneCounts}
      .crossings=${c.session.crossings}
      .active=${c.active}
      ?editing=${c.editing}
      .drawing=${c.drawing}
      .frameWidth=${a.frameWidth || (a.source?.size().width ?? 0)}
      .frameHeight=${a.frameHeight || (a.source?.size().height ?? 0)}
      @ls-shape-drawn=${(e: CustomEvent<DrawnShape>) => this._drawn(e.detail)}
      @ls-shape-edit=${(e: CustomEvent<ShapeEdit>) => this._edited(e.detail)}
      @ls-draw-cancel=${() => this._setDrawing(null)}
    ></ls-zone-layer>`;
  }

  renderBanner() {
    const c = this._alerts;
    const limits = Object.fromEntries(
      c.setup.zones.map((z) => [z.id, z.rules.occupancy.limit]),
    );
    return html`<ls-alert-banner
      class="alert-banner"
      .alerts=${c.log.unacknowledged}
      .limits=${limits}
      @ls-alert-ack=${(e: CustomEvent<number | 'all'>) =>
        c.acknowledge(e.detail)}
    ></ls-alert-banner>`;
  }

  renderPanel(hasSource: boolean) {
    const c = this._alerts;
    return html`<ls-zones-panel
      .setup=${c.setup}
      .zoneCounts=${c.zoneCounts}
      .session=${c.session}
      .log=${c.log.entries}
      ?editing=${c.editing}
      .drawing=${c.drawing}
      .permission=${c.permission}
      ?hasSource=${hasSource}
      @ls-setup-change=${(e: CustomEvent<AlertSetup>) => c.setSetup(e.detail)}
      @ls-draw=${(e: CustomEvent<'zone' | 'line'>) =>
        this._setDrawing(c.drawing === e.detail ? null : e.detail)}
      @ls-edit-toggle=${(e: CustomEvent<boolean>) => c.setEditing(e.detail)}
      @ls-notify-toggle=${(e: CustomEvent<boolean>) =>
        void c.enableNotifications(e.detail)}
      @ls-test-sound=${() => c.playTone()}
      @ls-alert-ack=${(e: CustomEvent<number>) => c.acknowledge(e.detail)}
    ></ls-zones-panel>`;
  }

  private _setDrawing(mode: 'zone' | 'line' | null): void {
    this._alerts.setDrawing(mode);
  }

  private _drawn(shape: DrawnShape): void {
    const c = this._alerts;
    const s = c.setup;
    c.setEditing(true); // handles show, so the new shape can be adjusted at once
    if (shape.kind === 'zone') {
      const id = freeZoneId(s);
      if (!id) return;
      c.setSetup({
        ...s,
        zones: [
          ...s.zones,
          {
            id,
            name: `Zone ${id.slice(1)}`,
            points: shape.points,
            rules: structuredClone(DEFAULT_ZONE_RULES),
          },
        ],
      });
    } else {
      const id = freeLineId(s);
      if (!id) return;
      c.setSetup({
        ...s,
        lines: [
          ...s.lines,
          { id, name: `Line ${id.slice(1)}`, a: shape.a, b: shape.b },
        ],
      });
    }
  }

  private _edited(edit: ShapeEdit): void {
    const c = this._alerts;
    const s = c.setup;
    c.setSetup(
      edit.kind === 'zone'
        ? {
            ...s,
            zones: s.zones.map((z) =>
              z.id === edit.id ? { ...z, points: edit.points } : z,
            ),
          }
        : {
            ...s,
            lines: s.lines.map((l) =>
              l.id === edit.id ? { ...l, a: edit.a, b: edit.b } : l,
            ),
          },
    );
  }
}
