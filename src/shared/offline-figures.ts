// The words the app uses for its offline copy and for a waiting update. Pure: the state in,
// text out, so the wording is unit-tested and the component stays presentational.

import type { OfflineState } from './pwa-types';
import { fmtBytes } from './value-inspect';

export interface OfflineText {
  /** One short line for the header pill; empty when there is nothing worth saying. */
  label: string;
  /** A longer sentence for screen readers and the title tooltip. */
  detail: string;
  /** 0–1 while installing, else null. */
  progress: number | null;
  tone: 'muted' | 'busy' | 'ok' | 'warning';
}

export function describeOffline(state: OfflineState): OfflineText {
  switch (state.kind) {
    case 'unsupported':
      return { label: '', detail: state.reason, progress: null, tone: 'muted' };
    case 'registering':
      return {
        label: '',
        detail: 'Preparing the offline copy…',
        progress: null,
        tone: 'muted',
      };
    case 'installing': {
      const share = state.totalBytes
        ? state.doneBytes / state.totalBytes
        : state.total
          ? state.done / state.total
          : 0;
      const progress = Math.min(1, Math.max(0, share));
      return {
        label: `Saving for offline use… ${Math.round(progress * 100)} %`,
        detail: `Saving the app, its models and WebAssembly for offline use: ${state.done} of ${state.total} files, ${fmtBytes(state.doneBytes)} of ${fmtBytes(state.totalBytes)}. Keep this page open until it says “Ready offline”.`,
        progress,
        tone: 'busy',
      };
    }
    case 'ready':
      return {
        label: 'Ready offline',
        detail:
          'Everything this app needs is saved on this device: it starts and analyses with no network.',
        progress: null,
        tone: 'ok',
      };
    case 'error':
      return {
        label: 'Not saved for offline use',
        detail: `The offline copy could not be saved (${state.message}). The app works while this page can reach its server.`,
        progress: null,
        tone: 'warning',
      };
  }
}

/** What the update banner says: an update never interrupts a running demo. */
export function describeUpdate(running: boolean): {
  message: string;
  canApply: boolean;
} {
  return running
    ? {
        message:
          'A new version of LocalSight is ready. It will be offered when you stop the demo.',
        canApply: false,
      }
    : {
        message:
          'A new version of LocalSight is ready. Restarting takes a second; stored counts and settings are kept.',
        canApply: true,
      };
}
