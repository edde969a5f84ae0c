// Runs in every e2e spec file: after each test, no CSP or Trusted Types violation and no
// request off the machine may have happened in any browser the harness launched (guard.ts).

import { afterAll, afterEach, expect } from 'vitest';
import { takeGuardFindings } from './guard';

afterEach(() => {
  expect(takeGuardFindings(), 'tests/e2e/guard.ts findings').toEqual([]);
});

// What arrived after the last test (during teardown, or late from a service worker).
afterAll(() => {
  expect(takeGuardFindings(), 'tests/e2e/guard.ts findings').toEqual([]);
});
