/// <reference lib="webworker" />
// The service worker, built by vite-plugin-pwa (injectManifest): precaches the app shell,
// every model file and wasm binary, serves them offline with the app's security headers,
// reports install progress, and takes over only when the page asks (never mid-session).
// Imports workbox-* and src/shared only.

import { clientsClaim } from 'workbox-core';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { PrecacheManifestEntry } from '../shared/precache-manifest';
import { SECURITY_HEADERS } from '../shared/security-headers';
import {
  SW_CHANNEL,
  type PrecacheProgress,
  type SwDescription,
  type SwRequest,
} from '../shared/sw-messages';

/** A precache entry as src/shared/precache-manifest.ts shapes it at build time. */
type Entry = PrecacheEntry & Partial<PrecacheManifestEntry>;

declare const self: ServiceWorkerGlobalScope;
declare const __LS_BUILD__: string;

// Injected at build time; vite.config.ts writes objects only, never bare strings.
const entries = self.__WB_MANIFEST as Entry[];
const bytesOf = new Map(
  entries.map((e) => [new URL(e.url, self.location.href).href, e.bytes ?? 0]),
);
const totalBytes = [...bytesOf.values()].reduce((a, b) => a + b, 0);
const channel = new BroadcastChannel(SW_CHANNEL);
const served = { seen: 0, fromCache: 0, offOrigin: 0 };
let installed = { done: 0, doneBytes: 0 };

/** The response with the app's COOP/COEP/CSP headers, whatever host served the original. */
function withSecurityHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') {
    return response;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    headers.set(name, value);
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

addPlugins([
  {
    // Runs for every precached file during install, whether fetched or already cached.
    handlerDidRespond: async ({ event, request }) => {
      if (event.type !== 'install') {
        served.fromCache++;
        return;
      }
      installed = {
        done: installed.done + 1,
        doneBytes: installed.doneBytes + (bytesOf.get(request.url) ?? 0),
      };
      const progress: PrecacheProgress = {
        type: 'precache-progress',
        done: installed.done,
        total: entries.length,
        doneBytes: installed.doneBytes,
        totalBytes,
      };
      channel.postMessage(progress);
    },
    handlerWillRespond: async ({ response }) => withSecurityHeaders(response),
  },
]);

// Counts what the worker saw, for the privacy inspector; registered before Workbox's own
// fetch listener, and never answers itself.
self.addEventListener('fetch', (event) => {
  served.seen++;
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) served.offOrigin++;
});

// A CSP refusal here is logged as an error, where the e2e guard and a developer look.
self.addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  console.error(
    `Content Security Policy violation in the service worker: ${v.effectiveDirective} blocked ${v.blockedURI || 'inline'}`,
  );
});

self.addEventListener('install', () => {
  installed = { done: 0, doneBytes: 0 };
});

precacheAndRoute(entries);
cleanupOutdatedCaches();
// Every navigation (including kiosk URLs such as /?source=sample) gets the cached shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The first install controls the open page at once; an update waits for SKIP_WAITING.
clientsClaim();

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const message = event.data as SwRequest | undefined;
  if (message?.type === 'SKIP_WAITING') {
    void self.skipWaiting();
  } else if (message?.type === 'describe') {
    event.waitUntil(describe().then((d) => event.ports[0]?.postMessage(d)));
  }
});

async function describe(): Promise<SwDescription> {
  const names = await caches.keys();
  const cacheName = names.find((n) => n.includes('precache')) ?? '';
  const scope = self.registration.scope;
  return {
    type: 'description',
    build: __LS_BUILD__,
    cacheName,
    files: entries.map((e) => ({
      url: new URL(e.url, scope).href.slice(scope.length),
      size: e.bytes ?? 0,
      ...(e.integrity ? { integrity: e.integrity } : {}),
    })),
    served: {
      fromCache: served.fromCache,
      fromNetwork: Math.max(0, served.seen - served.fromCache),
      offOrigin: served.offOrigin,
    },
  };
}

// An alert's system notification (issue 17), shown through this worker's registration: a tap
// brings the app's window forward, or opens it. Nothing is sent anywhere.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({
        type: 'window',
        includeUncontrolled: true,
      });
      const open = windows.find((w) => 'focus' in w);
      if (open) await open.focus();
      else await self.clients.openWindow(self.registration.scope);
    })(),
  );
});
