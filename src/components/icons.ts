// Small inline SVG icons (no icon font, no network). Decorative: hidden from screen readers.

import { svg, html, type SVGTemplateResult } from 'lit';

const icon = (body: SVGTemplateResult) =>
  html`<svg
    viewBox="0 0 24 24"
    width="22"
    height="22"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${body}
  </svg>`;

export const ICONS = {
  play: icon(
    svg`<polygon points="6 4 20 12 6 20 6 4" fill="currentColor"></polygon>`,
  ),
  camera: icon(
    svg`<path d="M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2z"></path><circle cx="12" cy="13" r="4"></circle>`,
  ),
  film: icon(
    svg`<rect x="2" y="2" width="20" height="20" rx="2.2"></rect><line x1="7" y1="2" x2="7" y2="22"></line><line x1="17" y1="2" x2="17" y2="22"></line><line x1="2" y1="12" x2="22" y2="12"></line>`,
  ),
  image: icon(
    svg`<rect x="3" y="3" width="18" height="18" rx="2"></rect><circle cx="8.5" cy="8.5" r="1.5"></circle><polyline points="21 15 16 10 5 21"></polyline>`,
  ),
  stop: icon(
    svg`<rect x="5" y="5" width="14" height="14" rx="1" fill="currentColor"></rect>`,
  ),
  expand: icon(
    svg`<polyline points="15 3 21 3 21 9"></polyline><polyline points="9 21 3 21 3 15"></polyline><line x1="21" y1="3" x2="14" y2="10"></line><line x1="3" y1="21" x2="10" y2="14"></line>`,
  ),
  reset: icon(
    svg`<polyline points="1 4 1 10 7 10"></polyline><path d="M3.51 15a9 9 0 1 0 2.13-9.36L1 10"></path>`,
  ),
  flip: icon(
    svg`<polyline points="17 1 21 5 17 9"></polyline><path d="M3 11V9a4 4 0 0 1 4-4h14"></path><polyline points="7 23 3 19 7 15"></polyline><path d="M21 13v2a4 4 0 0 1-4 4H3"></path>`,
  ),
};
