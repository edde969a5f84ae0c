// The face-matching panel's forms: full-width fields and 44 px controls for touch.

import { css } from 'lit';

export const matchingFormStyles = css`
  .tag {
    font-size: 0.75rem;
    font-weight: 600;
    background: #785ef0;
    color: #fff;
    border-radius: 999px;
    padding: 0.1rem 0.5rem;
    vertical-align: middle;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0.75rem 0 0.25rem;
  }
  .note {
    color: #9da7b3;
    font-size: 0.9rem;
  }
  form {
    display: grid;
    gap: 0.5rem;
  }
  .field {
    display: grid;
    gap: 0.2rem;
    font-size: 0.9rem;
  }
  .field input,
  select {
    min-height: 44px;
    box-sizing: border-box;
    width: 100%;
    border-radius: 8px;
    border: 1px solid #30363d;
    background: #0d1117;
    color: #e6edf3;
    font: inherit;
    padding: 0 0.6rem;
  }
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.75rem;
    align-items: start;
    min-height: 44px;
    font-size: 0.9rem;
    cursor: pointer;
  }
  .check input {
    width: 28px;
    height: 28px;
    margin: 0;
    accent-color: #785ef0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.4rem 0;
  }
  /* A file input's label drawn as a button (its look: buttonStyles). */
  .button {
    display: inline-flex;
    align-items: center;
    position: relative;
  }
  .button input {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .button:focus-within,
  select:focus-visible {
    outline: 3px solid #79c0ff;
    outline-offset: 2px;
  }
  button.primary {
    background: #785ef0;
    border-color: #785ef0;
    color: #fff;
  }
  button.danger {
    border-color: #f85149;
    color: #ffb4ae;
  }
  .profiles {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .profiles li {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    padding: 0.3rem 0;
    border-bottom: 1px solid #30363d;
  }
  .profiles li > span {
    display: grid;
  }
  .confirm {
    border: 1px solid #f85149;
    border-radius: 8px;
    padding: 0.5rem 0.75rem;
    margin: 0.4rem 0;
  }
  .problems {
    color: #ffb4ae;
    margin: 0.5rem 0 0;
    padding-left: 1.2rem;
  }
`;
