// The response headers LocalSight needs from whatever serves it: cross-origin isolation
// (COOP + COEP, so SharedArrayBuffer and WASM threads can exist) and a strict CSP.
// Used by vite.config.ts (preview and dev servers), the service worker and the e2e server.
// Pure constants: no DOM, no worker globals.

/**
 * Everything loads from the app's own origin. WebAssembly needs 'wasm-unsafe-eval' (not
 * 'unsafe-eval'); the uploaded video and exports are blob: URLs, a canvas snapshot can be
 * data:. No inline script or style: Lit adopts constructable stylesheets, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // HTML only through Lit's policy; script URLs only through src/app/trusted-types.ts.
  "require-trusted-types-for 'script'",
  'trusted-types lit-html default',
].join('; ');

/** Cross-origin isolation: the app is never framed or opened by another origin, and embeds nothing foreign. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Every header a server (or the service worker) adds to each response of the app. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy':
    'camera=(self), microphone=(), geolocation=(), screen-wake-lock=(self), fullscreen=(self)',
};

/**
 * The development server's headers: Vite's dev client injects each imported CSS file as a
 * <style> element, so only there style-src also allows inline style. Never served in a build.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'",
    "style-src 'self' 'unsafe-inline'",
  ),
};
