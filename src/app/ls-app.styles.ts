// The shell's styles: header and view switch, the live grid (video beside the panels, stacked
// in portrait), the corner video off the live view, notices and the drop overlay.

import { css } from 'lit';

export const appStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto auto 1fr;
    height: 100dvh;
    box-sizing: border-box;
    padding: 0.75rem;
    gap: 0.75rem;
    background: #0d1117;
    color: #e6edf3;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem 1rem;
    flex-wrap: wrap;
  }
  h1 {
    margin: 0;
    font-size: 1.5rem;
  }
  header p {
    margin: 0;
    color: #8b949e;
    flex: 1 1 12rem;
  }
  nav {
    display: flex;
    gap: 0.25rem;
    background: #161b22;
    border-radius: 10px;
    padding: 0.25rem;
  }
  nav button {
    min-height: 44px;
    min-width: 5.5rem;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: #c9d1d9;
    font: inherit;
    font-weight: 600;
  }
  nav button[aria-current='page'] {
    background: #ffb000;
    color: #0d1117;
  }
  nav button:focus-visible {
    outline: 3px solid #56b4e9;
    outline-offset: 2px;
  }
  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem);
    gap: 0.75rem;
    min-height: 0;
  }
  .stage {
    position: relative;
    display: grid;
    min-height: 16rem;
  }
  ls-camera-notice {
    position: absolute;
    left: 0.5rem;
    right: 0.5rem;
    bottom: 0.5rem;
    z-index: 2;
  }
  /* Off the live view, the video keeps playing in a corner so analysis goes on. */
  .stage.mini {
    position: fixed;
    right: 0.75rem;
    bottom: 0.75rem;
    width: min(16rem, 40vw);
    height: 10rem;
    min-height: 0;
    z-index: 5;
    box-shadow: 0 4px 24px rgba(0, 0, 0, 0.6);
    border-radius: 12px;
  }
  .stage.mini.idle {
    display: none;
  }
  aside,
  .page {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    overflow: auto;
    min-height: 0;
  }
  .page {
    grid-column: 1 / -1;
    padding-bottom: 11rem; /* room for the corner video */
  }
  [hidden] {
    display: none !important;
  }
  .notices {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .notices:empty {
    display: none;
  }
  .drop {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgba(13, 17, 23, 0.85);
    border: 4px dashed #ffb000;
    font-size: 1.6rem;
    pointer-events: none;
    z-index: 10;
  }
  @media (orientation: portrait), (max-width: 900px) {
    /* Stacked: the video keeps over half the height; the panels scroll beneath it. */
    main.live {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(55dvh, 1fr) auto;
      overflow: auto;
    }
    main.live aside {
      overflow: visible;
    }
  }
`;
