// Worker entry of the people lane (issue 15), started by the detector worker: exposes the
// person detector through comlink. A CSP or Trusted Types refusal in here is logged as an
// error, where the e2e guard reads worker consoles.

import { expose } from 'comlink';
import { createPeopleApi } from './people-api';

self.addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  console.error(
    `Content Security Policy violation in the people worker: ${v.effectiveDirective} blocked ${v.blockedURI || 'inline'}`,
  );
});

expose(createPeopleApi());
