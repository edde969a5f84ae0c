// Watches for Content-Security-Policy violations in this page (the CSP is in
// src/shared/security-headers.ts) and reports each blocked thing once: evidence for a
// reviewer that the policy is enforced, and a loud sign for us if the app trips it.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

export class CspController implements ReactiveController {
  readonly violations: CspViolation[] = [];
  private readonly _seen = new Set<string>();

  constructor(
    private readonly _host: ReactiveControllerHost,
    private readonly _onViolation: (v: CspViolation) => void,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('securitypolicyviolation', this._listener);
  }

  hostDisconnected(): void {
    document.removeEventListener('securitypolicyviolation', this._listener);
  }

  private readonly _listener = (e: SecurityPolicyViolationEvent): void => {
    const v: CspViolation = {
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI || 'inline',
      source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
    };
    const key = `${v.directive} ${v.blocked} ${v.source}`;
    if (this._seen.has(key)) return;
    this._seen.add(key);
    this.violations.push(v);
    this._onViolation(v);
    this._host.requestUpdate();
  };
}
