// Detail types of the app's custom events (ls-*), shared by components and the shell.

import type { Facing } from './kiosk-params';

export type SourceRequest =
  | { kind: 'sample' }
  | { kind: 'camera'; deviceId?: string; facing?: Facing }
  | { kind: 'files'; files: File[] }
  | { kind: 'stop' };
