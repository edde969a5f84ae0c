import { describe, expect, it } from 'vitest';
import { parseKioskParams, shownValue } from '../../src/shared/kiosk-params';

describe('parseKioskParams', () => {
  it('defaults to no autostart, auto backend, full-range model, front camera', () => {
    expect(parseKioskParams('')).toEqual({
      source: null,
      engine: null,
      backend: 'auto',
      modelType: 'full',
      facing: 'user',
      presentIdleMs: 3000,
      warnings: [],
    });
  });

  it('reads every documented parameter, case-insensitively', () => {
    const p = parseKioskParams(
      '?source=Camera&backend=WASM&model=short&camera=environment',
    );
    expect(p).toMatchObject({
      source: 'camera',
      backend: 'wasm',
      modelType: 'short',
      facing: 'environment',
    });
    expect(p.warnings).toEqual([]);
  });

  it('reads engine=, leaving it to the settings when absent or unknown', () => {
    expect(parseKioskParams('?engine=MediaPipe').engine).toBe('mediapipe');
    expect(parseKioskParams('?engine=tfjs').engine).toBe('tfjs');
    expect(parseKioskParams('?engine=auto').engine).toBe('auto');
    const bad = parseKioskParams('?engine=onnx');
    expect(bad.engine).toBeNull();
    expect(bad.warnings[0]).toContain('engine=onnx');
    expect(bad.warnings[0]).toContain('auto, tfjs, mediapipe');
  });

  it('treats source=none as no autostart', () => {
    expect(parseKioskParams('?source=none').source).toBeNull();
  });

  it('ignores unknown values with a warning that names the parameter and the choices', () => {
    const p = parseKioskParams('?source=webcam&backend=gpu');
    expect(p.source).toBeNull();
    expect(p.backend).toBe('auto');
    expect(p.warnings).toHaveLength(2);
    expect(p.warnings[0]).toContain('source=webcam');
    expect(p.warnings[0]).toContain('camera, sample');
    expect(p.warnings[1]).toContain('backend=gpu');
  });

  it('reads presentIdleMs in range and ignores anything else with a warning', () => {
    expect(parseKioskParams('?presentIdleMs=500').presentIdleMs).toBe(500);
    for (const bad of ['50', '1.5', 'soon', '120000']) {
      const p = parseKioskParams(`?presentIdleMs=${bad}`);
      expect(p.presentIdleMs).toBe(3000);
      expect(p.warnings[0]).toContain(`presentIdleMs=${bad}`);
    }
  });

  it('ignores hostile values, quoting them short and without control characters', () => {
    const xss = '<img src=x onerror=alert(1)>';
    const p = parseKioskParams(
      '?' +
        new URLSearchParams({
          source: xss,
          backend: 'x'.repeat(10_000),
          model: 'full\u202e\u0000',
          camera: '-1',
          presentIdleMs: 'Infinity',
          engine: '__proto__',
        }).toString(),
    );
    expect(p).toEqual({
      ...parseKioskParams(''),
      warnings: p.warnings,
    });
    expect(p.warnings).toHaveLength(6);
    // Shown as the visitor typed it, as text (notices never render markup), but short.
    expect(p.warnings[0]).toBe(
      `Ignored source=${xss}: expected one of camera, sample, none.`,
    );
    expect(p.warnings.every((w) => w.length < 160)).toBe(true);
    expect(p.warnings.join()).not.toContain('\u0000');
    expect(p.warnings.join()).not.toContain('\u202e');
    expect(p.warnings).toContain(
      'Ignored model=full??: expected one of full, short.',
    );
    expect(shownValue('x'.repeat(100))).toBe(`${'x'.repeat(39)}…`);
  });

  it('takes presentIdleMs as plain digits only', () => {
    for (const bad of [
      '0x1f4',
      '5e2',
      'Infinity',
      '1e308',
      '-500',
      ' ',
      '500ms',
    ]) {
      const p = parseKioskParams(`?presentIdleMs=${encodeURIComponent(bad)}`);
      expect(p.presentIdleMs).toBe(3000);
      if (bad.trim()) expect(p.warnings).toHaveLength(1);
    }
    expect(parseKioskParams('?presentIdleMs=%20500%20').presentIdleMs).toBe(
      500,
    );
  });
});
