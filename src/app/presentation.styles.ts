// The shell's presentation-mode styles: <main> covers the screen (full screen, or fixed to the
// viewport where full screen is missing) with the video and the session's counters beside it
// in landscape, below it in portrait; the controls fade out while nobody touches the screen.

import { css } from 'lit';

export const presentationStyles = css`
  :host([data-presenting]) main {
    position: fixed;
    inset: 0;
    z-index: 20;
    box-sizing: border-box;
    width: 100%;
    height: 100%;
    padding: env(safe-area-inset-top) env(safe-area-inset-right)
      env(safe-area-inset-bottom) env(safe-area-inset-left);
    gap: 0;
    grid-template-columns: minmax(0, 1fr) clamp(13rem, 22vw, 20rem);
    grid-template-rows: minmax(0, 1fr);
    background: #000;
    overflow: hidden;
    overscroll-behavior: contain;
  }
  :host([data-presenting]) main > aside {
    display: none;
  }
  :host([data-presenting]) main .stage {
    min-height: 0;
    grid-row: 1;
    grid-column: 1;
  }
  :host([data-presenting]) main ls-stage {
    aspect-ratio: auto;
    max-height: none;
    border-radius: 0;
    background: #000;
  }
  .present-counters {
    grid-row: 1;
    grid-column: 2;
    min-height: 0;
  }
  /* Top left, over the video: the counters' column stays clear. */
  .present-bar {
    position: absolute;
    top: calc(0.75rem + env(safe-area-inset-top));
    left: calc(0.75rem + env(safe-area-inset-left));
    z-index: 3;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    max-width: min(36rem, calc(100% - 1.5rem));
  }
  .present-bar p {
    margin: 0;
    flex: 1 1 16rem;
    padding: 0.5rem 0.75rem;
    border-left: 4px solid #ffb000;
    border-radius: 8px;
    background: rgb(22 27 34 / 0.9);
    font-size: 0.95rem;
  }
  .present-bar button {
    min-height: 48px;
    min-width: 44px;
    padding: 0 1rem;
    border: 2px solid #3b4654;
    border-radius: 10px;
    background: rgb(31 38 48 / 0.92);
    color: #e6edf3;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .present-bar button:focus-visible {
    outline: 3px solid #79c0ff;
    outline-offset: 2px;
  }
  /* A tap shows the controls at once; they fade out when idle. */
  :host([data-present-controls='hidden']) .present-bar {
    opacity: 0;
    visibility: hidden;
    transition:
      opacity 0.3s,
      visibility 0.3s;
  }
  :host([data-present-controls='hidden']) main {
    cursor: none;
  }
  @media (orientation: portrait) {
    :host([data-presenting]) main {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
    }
    .present-counters {
      grid-row: 2;
      grid-column: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host([data-present-controls='hidden']) .present-bar {
      transition: none;
    }
  }
`;
