// The shell's styles: header and view switch, the live grid (video beside the panels in
// landscape, panels below it in portrait), the video's own place off the live view (a column
// beside the page, or docked under it when narrow), presentation mode, notices and the drop
// overlay. Only the live view in landscape, and narrow History and Privacy, fit the viewport.

import { css } from 'lit';
import { presentationStyles } from './presentation.styles';

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
  /* History and Privacy scroll the page itself; the video stays in view in its column. */
  :host(:not([data-view='live'])) {
    height: auto;
    min-height: 100dvh;
  }
  main {
    display: grid;
    /* The panels get a quarter of a tablet's width, so the video gets the rest. */
    grid-template-columns: minmax(0, 1fr) clamp(18rem, 26vw, 24rem);
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
  /* Alerts (issue 17) over the top of the picture, above the camera notice. */
  .stage ls-alert-banner {
    position: absolute;
    left: 0.5rem;
    right: 0.5rem;
    top: 0.5rem;
    z-index: 3;
  }
  /* Off the live view the video keeps playing, so analysis goes on, in a column of its own
     beside the page that stays in view while the page scrolls: it never covers a chart or text
     (issue 19). With no source the column is gone and the page takes the width. */
  main:not(.live) {
    grid-template-columns: minmax(0, 1fr) auto;
    column-gap: 0;
    align-items: start;
  }
  main:not(.live) > .page {
    grid-row: 1;
    grid-column: 1;
  }
  .stage.mini {
    grid-row: 1;
    grid-column: 2;
    position: sticky;
    top: 0.75rem;
    width: clamp(11rem, 22vw, 18rem);
    margin-left: 0.75rem;
    min-height: 0;
    align-content: start;
    gap: 0.5rem;
  }
  .stage.mini ls-stage {
    aspect-ratio: var(--ratio, 1.3333);
  }
  /* The camera's notice goes under the small video, not over it. */
  .stage.mini ls-camera-notice {
    position: static;
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
    /* Stacked: the video takes the full width (at most 70 % of the height) and the panels
       follow below it; the page scrolls. */
    :host {
      height: auto;
      min-height: 100dvh;
    }
    main.live {
      grid-template-columns: minmax(0, 1fr);
    }
    main.live .stage {
      min-height: 0;
    }
    main.live ls-stage {
      aspect-ratio: var(--ratio, 1.3333);
      max-height: 70dvh;
      min-height: 12rem;
    }
    main.live aside {
      overflow: visible;
    }
  }
  @media (max-width: 900px) {
    /* Too narrow for a column beside History and Privacy (their tables need 36rem): the page
       scrolls in its own box and the video docks under it, on the right, with the camera's
       notice (when a camera is live) on its left. */
    :host(:not([data-view='live'])) {
      height: 100dvh;
      min-height: 0;
    }
    main:not(.live) {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr) auto;
      row-gap: 0.75rem;
    }
    main:not(.live) > .page {
      align-self: stretch;
    }
    .stage.mini {
      grid-row: 2;
      grid-column: 1;
      position: relative;
      top: auto;
      width: auto;
      margin-left: 0;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: end;
    }
    .stage.mini ls-stage {
      grid-row: 1;
      grid-column: 2;
      height: 11rem;
    }
    .stage.mini ls-camera-notice {
      grid-row: 1;
      grid-column: 1;
    }
  }
  @media (orientation: portrait) and (min-width: 700px) {
    /* Portrait tablets: two columns of panels under the video, the live figures on the right. */
    main.live aside {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      grid-template-rows: auto auto auto 1fr;
      align-items: start;
    }
    main.live aside > * {
      grid-column: 1;
    }
    main.live aside > ls-session-panel {
      grid-column: 2;
      grid-row: 1 / -1;
    }
  }
  ${presentationStyles}
`;
