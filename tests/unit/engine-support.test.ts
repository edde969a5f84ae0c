import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  engineFallbacks,
  readEngineFeatures,
  type EngineFeatures,
} from '../../src/app/engine-support';

const ALL: EngineFeatures = {
  videoFrame: true,
  videoFrameRgba: true,
  imageDecoder: true,
  trustedTypes: true,
  videoFrameCallback: true,
  wakeLock: true,
  fullscreen: true,
  storagePersist: true,
  serviceWorker: true,
  camera: true,
  idbDatabases: true,
};

const ID: Record<keyof EngineFeatures, string> = {
  videoFrame: 'no-videoframe',
  videoFrameRgba: 'no-videoframe-rgba',
  imageDecoder: 'no-imagedecoder',
  trustedTypes: 'no-trusted-types',
  videoFrameCallback: 'no-video-frame-callback',
  wakeLock: 'no-wake-lock',
  fullscreen: 'no-fullscreen',
  storagePersist: 'no-persist',
  serviceWorker: 'no-service-worker',
  camera: 'no-camera',
  idbDatabases: 'no-idb-databases',
};

const features = Object.keys(ALL) as (keyof EngineFeatures)[];

describe('engineFallbacks', () => {
  it('lists none where every feature is present', () => {
    expect(engineFallbacks(ALL)).toEqual([]);
  });

  it('says only "no VideoFrame" where there is none, not that it cannot convert', () => {
    const list = engineFallbacks({
      ...ALL,
      videoFrame: false,
      videoFrameRgba: false,
    });
    expect(list.map((x) => x.id)).toEqual(['no-videoframe']);
  });

  it.each(features)('names the fallback for a missing %s, alone', (f) => {
    const list = engineFallbacks({ ...ALL, [f]: false });
    expect(list.map((x) => x.id)).toEqual([ID[f]]);
    const [entry] = list;
    // A chip's few words, and one plain sentence that starts with what this browser lacks.
    expect(entry.short.length).toBeLessThanOrEqual(30);
    expect(entry.short).not.toMatch(/\.$/);
    expect(entry.detail).toMatch(/^This browser .+: .+\.$/);
    expect(entry.detail.split(/\.\s/)).toHaveLength(1);
  });

  it('lists every fallback, each id once, when nothing is present', () => {
    const none = Object.fromEntries(
      features.map((f) => [f, false]),
    ) as unknown as EngineFeatures;
    const ids = engineFallbacks(none).map((x) => x.id);
    // All but the VideoFrame conversion, moot without VideoFrame.
    const expected = Object.values(ID).filter((id) => id !== ID.videoFrameRgba);
    expect([...ids].sort()).toEqual(expected.sort());
  });

  it('lists WebKitGTK 2.50 as measured: no RGBA copyTo, no ImageDecoder, no storage.persist', () => {
    const webkit = {
      ...ALL,
      videoFrameRgba: false,
      imageDecoder: false,
      storagePersist: false,
    };
    expect(engineFallbacks(webkit).map((x) => x.id)).toEqual([
      'no-videoframe-rgba',
      'no-imagedecoder',
      'no-persist',
    ]);
  });
});

describe('readEngineFeatures', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('finds no browser feature in node, and does not throw', () => {
    const found = readEngineFeatures();
    expect(Object.keys(found).sort()).toEqual([...features].sort());
    expect(found.videoFrame).toBe(false);
    expect(found.imageDecoder).toBe(false);
    expect(found.videoFrameCallback).toBe(false);
    expect(found.fullscreen).toBe(false);
    expect(found.idbDatabases).toBe(false);
  });

  it('finds each feature where a browser defines it', () => {
    class Video {
      requestVideoFrameCallback(): number {
        return 0;
      }
    }
    class Element {
      requestFullscreen(): Promise<void> {
        return Promise.resolve();
      }
    }
    vi.stubGlobal('VideoFrame', class {});
    vi.stubGlobal('ImageDecoder', class {});
    vi.stubGlobal('trustedTypes', { createPolicy: () => ({}) });
    vi.stubGlobal('HTMLVideoElement', Video);
    vi.stubGlobal('HTMLElement', Element);
    vi.stubGlobal('document', { fullscreenEnabled: true });
    vi.stubGlobal('indexedDB', { databases: () => Promise.resolve([]) });
    vi.stubGlobal('navigator', {
      wakeLock: {},
      storage: { persist: () => Promise.resolve(true) },
      serviceWorker: {},
      mediaDevices: { getUserMedia: () => Promise.resolve({}) },
    });
    expect(readEngineFeatures()).toEqual(ALL);
  });

  it('counts full screen as missing where the page may not use it', () => {
    vi.stubGlobal(
      'HTMLElement',
      class {
        requestFullscreen(): Promise<void> {
          return Promise.resolve();
        }
      },
    );
    // An iframe without allow="fullscreen", or a permissions policy that denies it.
    vi.stubGlobal('document', { fullscreenEnabled: false });
    expect(readEngineFeatures().fullscreen).toBe(false);
  });

  it('counts a feature whose test throws as missing', () => {
    vi.stubGlobal('indexedDB', {
      get databases(): never {
        throw new DOMException('sandboxed', 'SecurityError');
      },
    });
    expect(readEngineFeatures().idbDatabases).toBe(false);
  });
});
