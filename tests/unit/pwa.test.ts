// The pure parts of the offline app: the precache list's sizes and integrity hashes, the
// security headers and the Trusted Types policy, and the words for the offline copy and a waiting update.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameOriginScriptUrl } from '../../src/app/trusted-types';
import {
  describeOffline,
  describeUpdate,
} from '../../src/shared/offline-figures';
import {
  shapePrecacheManifest,
  sriFromHex,
} from '../../src/shared/precache-manifest';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SECURITY_HEADERS,
  SECURITY_HEADERS,
} from '../../src/shared/security-headers';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe('precache manifest', () => {
  it('turns a recorded hex sha256 into the SRI form fetch() checks', () => {
    const bytes = Buffer.from('a model file');
    const hex = createHash('sha256').update(bytes).digest('hex');
    const b64 = createHash('sha256').update(bytes).digest('base64');
    expect(sriFromHex(hex)).toBe(`sha256-${b64}`);
    expect(() => sriFromHex('abc')).toThrow(/hex sha256/);
  });

  it('gives every entry its size and only recorded files an integrity hash', () => {
    const hex = 'ab'.repeat(32);
    const out = shapePrecacheManifest(
      [
        { url: 'index.html', revision: 'r1', size: 800 },
        { url: 'models/emotion.bin', revision: 'r2', size: 820_516 },
        { url: 'assets/index-abc.js', revision: null, size: 339_000 },
      ],
      new Map([['models/emotion.bin', hex]]),
    );
    expect(out.map((e) => e.bytes)).toEqual([800, 820_516, 339_000]);
    expect(out.map((e) => e.integrity)).toEqual([
      undefined,
      sriFromHex(hex),
      undefined,
    ]);
    expect(out[0]).not.toHaveProperty('integrity');
    expect(out[2].revision).toBeNull();
  });
});

describe('security headers', () => {
  it('isolate the app cross-origin', () => {
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']).toBe(
      'require-corp',
    );
  });

  it('allow no inline script or style, no eval, and no connection off the origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(directives.get('script-src')).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // No directive names another host (trusted-types lists policy names).
    for (const [name, values] of directives) {
      if (name === 'trusted-types') continue;
      for (const v of values) expect(v).toMatch(/^('[\w-]+'|data:|blob:)$/);
    }
  });

  it('require Trusted Types: HTML through Lit’s policy, script URLs through ours', () => {
    expect(directives.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(directives.get('trusted-types')).toEqual(['lit-html', 'default']);
  });
});

describe('the default Trusted Types policy', () => {
  const page = 'https://localsight.example/app/?source=sample';

  it('allows script URLs on the app’s origin, resolved', () => {
    expect(sameOriginScriptUrl('assets/detector.worker-x.js', page)).toBe(
      'https://localsight.example/app/assets/detector.worker-x.js',
    );
    expect(sameOriginScriptUrl('/sw.js', page)).toBe(
      'https://localsight.example/sw.js',
    );
  });

  it('refuses any other origin or scheme', () => {
    for (const url of [
      'https://cdn.example/x.js',
      '//cdn.example/x.js',
      'data:text/javascript,alert(1)',
      'javascript:alert(1)',
      'http://localsight.example/app/x.js',
    ])
      expect(() => sameOriginScriptUrl(url, page), url).toThrow(TypeError);
  });
});

describe('development headers', () => {
  it('differ from the served ones only by inline style, for Vite’s injected CSS', () => {
    const dev = DEV_SECURITY_HEADERS['Content-Security-Policy'];
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev.replace(" 'unsafe-inline'", '')).toBe(CONTENT_SECURITY_POLICY);
    expect({ ...DEV_SECURITY_HEADERS, 'Content-Security-Policy': '' }).toEqual({
      ...SECURITY_HEADERS,
      'Content-Security-Policy': '',
    });
  });
});

describe('offline figures', () => {
  it('shows install progress by bytes, clamped to 0–100 %', () => {
    const t = describeOffline({
      kind: 'installing',
      done: 3,
      total: 31,
      doneBytes: 1_048_576,
      totalBytes: 4_194_304,
    });
    expect(t.progress).toBe(0.25);
    expect(t.label).toBe('Saving for offline use… 25 %');
    expect(t.detail).toContain('3 of 31 files, 1.0 MB of 4.0 MB');
    const over = describeOffline({
      kind: 'installing',
      done: 2,
      total: 1,
      doneBytes: 10,
      totalBytes: 5,
    });
    expect(over.progress).toBe(1);
  });

  it('falls back to file counts when sizes are unknown', () => {
    const t = describeOffline({
      kind: 'installing',
      done: 1,
      total: 4,
      doneBytes: 0,
      totalBytes: 0,
    });
    expect(t.progress).toBe(0.25);
  });

  it('says ready, unsupported and failed plainly', () => {
    expect(describeOffline({ kind: 'ready' })).toMatchObject({
      label: 'Ready offline',
      tone: 'ok',
    });
    expect(
      describeOffline({ kind: 'unsupported', reason: 'dev server' }).label,
    ).toBe('');
    const failed = describeOffline({ kind: 'error', message: 'quota' });
    expect(failed.tone).toBe('warning');
    expect(failed.detail).toContain('quota');
  });

  it('never offers to apply an update while a demo runs', () => {
    expect(describeUpdate(true)).toMatchObject({ canApply: false });
    expect(describeUpdate(true).message).toMatch(/when you stop/);
    expect(describeUpdate(false)).toMatchObject({ canApply: true });
  });
});
