// Styles shared by the side-panel cards: the card itself, its heading, and the settings rows
// (a 28 px checkbox or radio beside a title and a line of explanation, 44 px tall for touch).

import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
    background: #161b22;
    border-radius: 12px;
    padding: 0.75rem 1rem;
  }
  h2 {
    font-size: 1.05rem;
    margin: 0 0 0.5rem;
  }
`;

export const choiceStyles = css`
  label {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.1rem 0.75rem;
    align-items: start;
    padding: 0.4rem 0;
    min-height: 44px;
    cursor: pointer;
  }
  input {
    width: 28px;
    height: 28px;
    margin: 0.1rem 0 0;
    accent-color: #ffb000;
    grid-row: span 2;
  }
  input:focus-visible {
    outline: 3px solid #79c0ff;
    outline-offset: 2px;
  }
  .title {
    font-weight: 600;
  }
  .text,
  .note {
    color: #9da7b3;
    font-size: 0.9rem;
  }
`;

/**
 * The side panels' buttons, and labels drawn as one (`.button`, e.g. a file input's): 44 px
 * tall for touch, a visible focus ring, dimmed when disabled.
 */
export const buttonStyles = css`
  button,
  .button {
    min-height: 44px;
    padding: 0 0.9rem;
    border-radius: 8px;
    border: 1px solid #30363d;
    background: #21262d;
    color: #e6edf3;
    font: inherit;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid #79c0ff;
    outline-offset: 2px;
  }
`;
