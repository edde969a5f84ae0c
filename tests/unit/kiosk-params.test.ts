import { describe, expect, it } from 'vitest';
import { parseKioskParams } from '../../src/shared/kiosk-params';

describe('parseKioskParams', () => {
  it('defaults to no autostart, auto backend, full-range model, front camera', () => {
    expect(parseKioskParams('')).toEqual({
      source: null,
      backend: 'auto',
      modelType: 'full',
      facing: 'user',
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
});
