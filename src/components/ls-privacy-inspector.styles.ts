// Styles of <ls-privacy-inspector>, kept apart so the element stays readable. Imports lit only.

import { css } from 'lit';

export const inspectorStyles = css`
  :host {
    display: block;
    background: #161b22;
    color: #e6edf3;
    border-radius: 12px;
    padding: 0.75rem 1rem;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }
  h2 {
    font-size: 1.05rem;
    margin: 0;
  }
  h3 {
    font-size: 0.95rem;
    margin: 1rem 0 0.5rem;
  }
  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 1rem;
    border-radius: 8px;
    border: 1px solid #30363d;
    background: #1f2630;
    color: #e6edf3;
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  summary:focus-visible {
    outline: 2px solid #58a6ff;
    outline-offset: 2px;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  section {
    background: #1f2630;
    border-radius: 8px;
    padding: 0.25rem 0.75rem 0.75rem;
    margin-top: 0.75rem;
  }
  p {
    margin: 0.4rem 0;
  }
  .muted {
    color: #9da7b3;
    font-size: 0.85rem;
  }
  .ok {
    color: #3fb950;
  }
  .alarm {
    color: #fff;
    background: #8e1519;
    border-radius: 6px;
    padding: 0.4rem 0.6rem;
  }
  .left {
    font-size: 1.1rem;
  }
  .left strong {
    font-size: 1.6rem;
    font-variant-numeric: tabular-nums;
  }
  summary {
    min-height: 44px;
    display: list-item;
    padding: 0.6rem 0;
    cursor: pointer;
    box-sizing: border-box;
  }
  details details {
    margin-left: 1rem;
  }
  pre {
    background: #0d1117;
    border-radius: 6px;
    padding: 0.5rem;
    max-height: 20rem;
    overflow: auto;
    white-space: pre-wrap;
    word-break: break-all;
    font-size: 0.8rem;
  }
  code {
    word-break: break-all;
  }
  .scroll {
    max-height: 24rem;
    overflow: auto;
  }
  ul.files {
    max-height: 20rem;
    overflow: auto;
    font-size: 0.8rem;
    padding-left: 1.25rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.8rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.4rem;
    border-bottom: 1px solid #30363d;
    vertical-align: top;
  }
  tr.off-origin td {
    background: #8e1519;
    color: #fff;
  }
  ul.clauses {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  li.clause {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: 0.75rem;
    background: #161b22;
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid #9da7b3;
  }
  li.clause.holds {
    border-left-color: #3fb950;
  }
  li.clause.breached {
    border-left-color: #f85149;
  }
  li.clause p {
    color: #9da7b3;
    font-size: 0.85rem;
  }
  li.clause ul {
    margin: 0.25rem 0 0;
    padding-left: 1.1rem;
    font-size: 0.85rem;
  }
  .verdict {
    font-weight: 600;
  }
  .breached .verdict {
    color: #f85149;
  }
  .holds .verdict {
    color: #3fb950;
  }
  dl.declaration {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0.5rem 0;
    font-size: 0.85rem;
  }
  dl.declaration dt {
    color: #9da7b3;
  }
  dl.declaration dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  caption {
    text-align: left;
    color: #9da7b3;
    padding: 0.25rem 0;
  }
  .rules,
  .errors {
    font-size: 0.85rem;
    color: #9da7b3;
  }
`;
