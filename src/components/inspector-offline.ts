// The offline-copy section of <ls-privacy-inspector>: the service worker's own list of the
// files it keeps, with their sha256, beside every Cache Storage entry. Text bindings only.
// Imports lit and src/shared only.

import { html, nothing, type TemplateResult } from 'lit';
import type { OfflineCopyEvidence } from '../shared/inspector-types';
import { fmtBytes } from '../shared/value-inspect';

export function offlineSection(o: OfflineCopyEvidence): TemplateResult {
  const { copy, unlisted } = o;
  const bytes = copy.files.reduce((n, f) => n + f.size, 0);
  const checked = copy.files.filter((f) => f.integrity).length;
  return html`<section id="offline" aria-labelledby="offline-h">
    <h3 id="offline-h">Offline copy (service worker)</h3>
    <p>
      Build <code>${copy.build}</code> keeps ${copy.files.length} files
      (${fmtBytes(bytes)}) in Cache Storage <code>${copy.cacheName}</code>: the
      app, its worker, models, WebAssembly, sample photos and icons — nothing
      recorded. ${checked} model, wasm and sample files carry the sha256
      recorded when they were copied from npm: the browser would have refused to
      cache one whose bytes differed.
    </p>
    <p
      class=${unlisted.length ? 'alarm' : 'ok'}
      role=${unlisted.length ? 'alert' : 'status'}
    >
      ${
        unlisted.length
          ? `${unlisted.length} cache entries are not files of this build: ${unlisted.slice(0, 5).join(', ')}`
          : 'Every Cache Storage entry is one of these files.'
      }
    </p>
    <details>
      <summary>The ${copy.files.length} files</summary>
      <ul class="files">
        ${copy.files.map(
          (f) =>
            html`<li>
              <code>${f.url}</code> ${fmtBytes(f.size)}${
                f.integrity
                  ? html` <span class="muted">${f.integrity}</span>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
    </details>
  </section>`;
}
