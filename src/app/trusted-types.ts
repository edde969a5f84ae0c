// Trusted Types (the CSP's `require-trusted-types-for 'script'`): HTML reaches the DOM only
// through Lit's own 'lit-html' policy, and script URLs (the detector worker, the service
// worker) through this default policy, which allows only the app's own origin. A string of
// HTML or script handed to any other sink is refused by the browser. Imported first by main.ts.

interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL?: (url: string) => string },
  ): unknown;
}

/** `url` resolved against the page, if it is on the app's origin; throws otherwise. */
export function sameOriginScriptUrl(url: string, base: string): string {
  const resolved = new URL(url, base);
  if (resolved.origin !== new URL(base).origin)
    throw new TypeError(
      `Refused a script from another origin: ${resolved.href}`,
    );
  return resolved.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory })
  .trustedTypes;
factory?.createPolicy('default', {
  createScriptURL: (url) => sameOriginScriptUrl(url, location.href),
});
