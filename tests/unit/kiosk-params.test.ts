import { describe, expect, it } from 'vitest';
import { parseKioskParams } from '../../src/shared/kiosk-params';

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
});
