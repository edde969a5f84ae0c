// Worker entry: exposes the detector API through comlink. Inference never runs on the page.
// A CSP or Trusted Types refusal in here is logged as an error: the page's own violation
// listener cannot see this realm, and the e2e guard reads worker consoles.

import { expose } from 'comlink';
import { createDetectorApi } from './detector-api';

self.addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  console.error(
    `Content Security Policy violation in the detector worker: ${v.effectiveDirective} blocked ${v.blockedURI || 'inline'}`,
  );
});

expose(createDetectorApi());
