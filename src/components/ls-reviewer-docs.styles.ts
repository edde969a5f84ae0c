// Styles of <ls-reviewer-docs>, kept apart so the element stays readable. Imports lit only.

import { css } from 'lit';

export const reviewerDocsStyles = css`
  :host {
    display: block;
    color: #e6edf3;
  }
  details {
    background: #161b22;
    border-radius: 12px;
    padding: 0 1rem;
    margin: 0 0 0.75rem;
  }
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    font-weight: 600;
    cursor: pointer;
  }
  summary:focus-visible,
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid #79c0ff;
    outline-offset: 2px;
  }
  .body {
    padding: 0 0 1rem;
  }
  h3 {
    font-size: 1rem;
    margin: 1rem 0 0.4rem;
  }
  p,
  li {
    line-height: 1.45;
  }
  .muted {
    color: #9da7b3;
  }
  .scroll {
    container-type: inline-size;
    overflow-x: auto;
    background: #1f2630;
    border-radius: 8px;
  }
  table {
    border-collapse: collapse;
    font-size: 0.85rem;
    min-width: 48rem;
  }
  /* From a tablet's width on, the inventory fits without sideways scrolling. */
  @container (min-width: 36rem) {
    table {
      min-width: 0;
      width: 100%;
    }
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid #161b22;
  }
  code {
    word-break: break-all;
  }
  /* Citations are tapped on tablets: each link is a 44 px target of its own. */
  a {
    color: #79c0ff;
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    min-width: 44px;
    vertical-align: middle;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.75rem 0 0;
  }
  button {
    min-height: 44px;
    padding: 0 1rem;
    border: 0;
    border-radius: 8px;
    background: #1f2630;
    color: #e6edf3;
    font: inherit;
    cursor: pointer;
  }
  dialog {
    max-width: min(44rem, calc(100vw - 2rem));
    border: 0;
    border-radius: 12px;
    background: #fff;
    color: #000;
    padding: 2rem;
    font-family: system-ui, sans-serif;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.7);
  }
  .sign h1 {
    font-size: 2.4rem;
    line-height: 1.1;
    margin: 0 0 1.5rem;
  }
  .sign p {
    font-size: 1.2rem;
    margin: 0 0 0.8rem;
  }
  /* A long sign (authorised face matching on, with everything else): smaller, still one page. */
  .sign.dense h1 {
    font-size: 2rem;
  }
  .sign.dense p {
    font-size: 1rem;
  }
  .sign .footer {
    margin-top: 1.5rem;
    border-top: 2px solid #000;
    padding-top: 1rem;
  }
  dialog button {
    background: #e6edf3;
    color: #000;
  }
  @media print {
    dialog[open] {
      visibility: visible;
      position: fixed;
      inset: 0;
      margin: 0;
      padding: 0;
      width: auto;
      max-width: none;
      max-height: none;
      border-radius: 0;
    }
    dialog::backdrop {
      background: none;
    }
    .sign h1 {
      font-size: 40pt;
    }
    .sign p {
      font-size: 17pt;
    }
    .sign.dense h1 {
      font-size: 34pt;
    }
    .sign.dense p {
      font-size: 14pt;
    }
    .no-print {
      display: none;
    }
  }
`;
