// Styles of <ls-history-charts>, kept apart so the element stays readable. Imports lit only.

import { css } from 'lit';

export const historyChartsStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    color: #e6edf3;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  h2 {
    font-size: 1.05rem;
    margin: 0;
  }
  .ranges {
    display: inline-flex;
    border: 2px solid #3b4654;
    border-radius: 10px;
    overflow: hidden;
  }
  .ranges button {
    min-height: 44px;
    min-width: 44px;
    padding: 0 0.9rem;
    border: 0;
    background: #1f2630;
    color: #e6edf3;
    font: inherit;
    cursor: pointer;
  }
  .ranges button + button {
    border-left: 2px solid #3b4654;
  }
  .ranges button[aria-pressed='true'] {
    background: #2d2a1f;
    box-shadow: inset 0 -3px 0 #ffb000;
    font-weight: 600;
  }
  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid #ffb000;
    outline-offset: -3px;
  }
  p {
    color: #9da7b3;
    font-size: 0.9rem;
    margin: 0.5rem 0;
  }
  .totals strong {
    color: #e6edf3;
    font-variant-numeric: tabular-nums;
  }
  .empty {
    font-size: 1rem;
    padding: 1.5rem 0;
    text-align: center;
  }
  /* One line under the visit charts, or under "No visits", not a second big gap. */
  .site-empty {
    padding: 0.75rem 0;
  }
  /* A zones, lines or alerts chart with nothing to draw. */
  .none {
    margin: 0;
    padding: 0.5rem 0;
  }
  .grid {
    display: grid;
    grid-template-columns: 1fr;
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  /* The zones, lines and alerts charts continue the grid above. */
  .grid.site {
    margin-top: 0.75rem;
  }
  @container (min-width: 56rem) {
    .grid {
      grid-template-columns: 1fr 1fr;
    }
    #chart-visits,
    #chart-occupancy,
    #chart-crossings {
      grid-column: 1 / -1;
    }
  }
  section {
    background: #161b22;
    border-radius: 12px;
    padding: 0.75rem 1rem;
    min-width: 0;
  }
  h3 {
    font-size: 0.95rem;
    margin: 0 0 0.5rem;
  }
  .plot {
    position: relative;
    height: 240px;
  }
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    color: #9da7b3;
    cursor: pointer;
  }
  .table-wrap {
    max-height: 18rem;
    overflow: auto;
  }
  table {
    border-collapse: collapse;
    font-size: 0.85rem;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    padding: 0.2rem 0.75rem 0.2rem 0;
    text-align: right;
    border-bottom: 1px solid #2a323d;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
    font-weight: normal;
    color: #9da7b3;
  }
  tfoot th,
  tfoot td {
    font-weight: 600;
  }
  /* Why a chart's hatched bars are hidden counts, right under it. */
  .why,
  .table-note {
    font-size: 0.8rem;
    margin: 0.35rem 0 0;
  }
  /* A hidden figure in a table: "<5" or a range; its title says why. */
  td.hidden-figure {
    color: #9da7b3;
    text-decoration: underline dotted;
    text-underline-offset: 3px;
  }
`;
