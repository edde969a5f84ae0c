// The "Face matching (authorised use only)" section of <ls-privacy-inspector> (issue 18): the
// state, the operator's declaration, the encrypted store's size and protection, the audit log
// and whether the face-recognition model was requested. Text bindings only (the declaration
// is the operator's typed text). Imports lit and src/shared only.

import { html, nothing, type TemplateResult } from 'lit';
import type {
  MatchingDeclaration,
  MatchingInspect,
  NetworkRecord,
} from '../shared/inspector-types';
import {
  auditActionWords,
  matchingStateWords,
  recognitionEvidence,
  type EvidenceLine,
} from '../shared/matching-evidence';
import { fmtBytes } from '../shared/value-inspect';

export interface MatchingSectionInput {
  matching: MatchingInspect | null;
  /** Why the matching evidence could not be read; shown instead of it. */
  error: string | null;
  network: NetworkRecord | null;
  base: string;
  sessionStart: number;
}

const line = (l: EvidenceLine, attrs?: string) =>
  html`<p
    class=${l.alarm ? 'alarm' : 'ok'}
    role=${l.alarm ? 'alert' : 'status'}
    data-recognition-fetched=${attrs ?? nothing}
  >
    ${l.text}
  </p>`;

const day = (ms: number) => new Date(ms).toLocaleString();

function declaration(d: MatchingDeclaration): TemplateResult {
  const rows: [string, string][] = [
    ['Purpose', d.purpose],
    ['Legal basis (GDPR Art. 6)', d.basis],
    ['Condition for biometric data (Art. 9(2))', d.condition],
    ['Profiles kept at most', `${d.retentionDays} days`],
    ['Who is affected', d.affected],
    ['Authorised by', d.authorisedBy],
    ['Declared', day(d.at)],
  ];
  return html`<dl class="declaration">
    ${rows.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
}

function audit(entries: MatchingInspect['audit']): TemplateResult {
  if (entries.length === 0) {
    return html`<p class="muted">
      The audit log is empty: matching was never turned on here.
    </p>`;
  }
  return html`<div class="scroll">
    <table class="audit">
      <caption>
        Audit log (time, action and a count only; no label, no descriptor)
      </caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">Profiles</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map(
          (e) =>
            html`<tr data-action=${e.action}>
              <td>
                <time datetime=${new Date(e.at).toISOString()}
                  >${day(e.at)}</time
                >
              </td>
              <td>${auditActionWords(e.action)}</td>
              <td>${e.count}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The section; nothing until the evidence (or its error) is in. An error wins over evidence. */
export function matchingSection(
  input: MatchingSectionInput,
): TemplateResult | typeof nothing {
  const { matching: m, error } = input;
  if (!m && !error) return nothing;
  const head = html`<h3 id="matching-h">
    Face matching (authorised use only)
  </h3>`;
  if (error || !m) {
    return html`<section
      id="matching"
      aria-labelledby="matching-h"
      data-matching-state="error"
    >
      ${head}
      <p class="alarm" role="alert">
        Could not read the face matching evidence: ${error}
      </p>
    </section>`;
  }
  const model = recognitionEvidence(
    m,
    input.network,
    input.base,
    input.sessionStart,
  );
  const on = m.state === 'locked' || m.state === 'unlocked';
  return html`<section
    id="matching"
    aria-labelledby="matching-h"
    data-matching-state=${m.state}
  >
    ${head} ${line(matchingStateWords(m))}
    ${on && m.declaration ? declaration(m.declaration) : nothing}
    <p>
      Profiles stored: <strong>${m.profiles}</strong>, each encrypted; the
      profiles database takes
      ${fmtBytes(m.bytes)}${m.databaseExists ? '' : ' (it does not exist)'}.
    </p>
    <p>Encryption: ${m.encryption}.</p>
    <p class="muted">
      The offline copy holds the model’s files like every model’s, so matching
      works offline once turned on; holding them is not loading them.
    </p>
    ${line(
      model,
      model.fetched === null ? undefined : model.fetched ? 'yes' : 'no',
    )}
    ${audit(m.audit)}
  </section>`;
}
