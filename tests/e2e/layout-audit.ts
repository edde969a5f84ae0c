// Measures the running app's layout in the page, through every (open) shadow root: sideways
// overflow of the document, of scroll containers and of any visible element; touch targets
// under 44×44 CSS px; and where the stage and the side panels sit. Plus view switching.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export type View = 'live' | 'history' | 'privacy';

/** Lets layout, ResizeObservers and chart resizes settle after a resize or a view switch. */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(resolve)),
      ),
  );
  await page.waitForTimeout(ms);
}

/** Switches the app to `view` as a user would, and waits for its layout. */
export async function showView(page: Page, view: View): Promise<void> {
  await page.locator(`ls-app #view-${view}`).click();
  await expect
    .poll(() => page.locator('ls-app').getAttribute('data-view'))
    .toBe(view);
  await settle(page, view === 'live' ? 400 : 900);
}

/** No sideways scrolling or overflow anywhere, and every control a 44 px target. */
export function expectFits(audit: LayoutAudit, where: string): void {
  expect(audit.documentWidth, `${where}: page scrolls sideways`).toBe(
    audit.viewport.width,
  );
  expect(audit.overflowing, `${where}: overflow`).toEqual([]);
  expect(audit.smallTargets, `${where}: touch targets under 44 px`).toEqual([]);
  expect(audit.targets, `${where}: controls measured`).toBeGreaterThan(3);
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export interface LayoutAudit {
  viewport: { width: number; height: number };
  /** document.documentElement.scrollWidth: more than the viewport means sideways scrolling. */
  documentWidth: number;
  /** Scroll containers wider inside than outside, and elements sticking out of the viewport. */
  overflowing: string[];
  /** Visible interactive controls whose touch target is under 44×44 px. */
  smallTargets: string[];
  /** How many controls were measured. */
  targets: number;
  stage: Box | null;
  aside: Box | null;
}

/** Opens every <details> (so their contents are audited too); returns how many it opened. */
export function openAllDetails(page: Page): Promise<number> {
  return page.evaluate(() => {
    let opened = 0;
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof HTMLDetailsElement && !el.open) {
          el.open = true;
          el.dataset.auditOpened = '';
          opened++;
        }
      }
    };
    walk(document);
    return opened;
  });
}

/** Closes the <details> that openAllDetails() opened. */
export function closeOpenedDetails(page: Page): Promise<void> {
  return page.evaluate(() => {
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof HTMLDetailsElement && 'auditOpened' in el.dataset) {
          el.open = false;
          delete el.dataset.auditOpened;
        }
      }
    };
    walk(document);
  });
}

export function auditLayout(page: Page, minTarget = 44): Promise<LayoutAudit> {
  return page.evaluate((min) => {
    const vw = document.documentElement.clientWidth;
    const overflowing: string[] = [];
    const smallTargets: string[] = [];
    let targets = 0;
    const name = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const host = (el.getRootNode() as ShadowRoot).host?.localName ?? '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
      return `${host ? `${host} ` : ''}${el.localName}${id}${cls}${text ? ` "${text.slice(0, 30)}"` : ''}`;
    };
    const box = (el: Element | null) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      const { left, top, right, bottom, width, height } = r;
      return { left, top, right, bottom, width, height };
    };
    const visible = (el: Element): boolean =>
      el.checkVisibility({
        visibilityProperty: true,
        contentVisibilityAuto: true,
      }) && el.getBoundingClientRect().width > 0;
    const INTERACTIVE =
      'button, select, textarea, summary, a[href], [role="button"], input:not([type="hidden"])';
    const FORM = new Set(['input', 'select', 'textarea']);
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // A scroll container whose content is wider than itself scrolls sideways.
        if (
          !FORM.has(el.localName) &&
          ['auto', 'scroll'].includes(style.overflowX) &&
          el.scrollWidth > el.clientWidth + 1
        )
          overflowing.push(
            `${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`,
          );
        // Anything (wider than a visually hidden 1 px helper) outside the viewport.
        if (r.width > 2 && (r.right > vw + 1 || r.left < -1))
          overflowing.push(
            `${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} of ${vw}`,
          );
        if (!el.matches(INTERACTIVE)) continue;
        // A control inside a <label> is tapped through the whole label: that is its target.
        const label = FORM.has(el.localName) ? el.closest('label') : null;
        const target = label ?? el;
        if (!label && style.opacity === '0') continue;
        const t = target.getBoundingClientRect();
        targets++;
        if (t.width < min - 0.5 || t.height < min - 0.5)
          smallTargets.push(
            `${name(el)}${label ? ' (its label)' : ''} ${Math.round(t.width)}×${Math.round(t.height)}`,
          );
      }
    };
    walk(document);
    const app = document.querySelector('ls-app')?.shadowRoot ?? null;
    return {
      viewport: { width: vw, height: document.documentElement.clientHeight },
      documentWidth: document.documentElement.scrollWidth,
      overflowing,
      smallTargets,
      targets,
      stage: box(app?.querySelector('ls-stage') ?? null),
      aside: box(app?.querySelector('main > aside:not([hidden])') ?? null),
    };
  }, minTarget);
}

/**
 * Waits for the start of a scene of the sample footage, then for boxes on it: the footage
 * has 1.2 s of black between its 5 s scenes, so a screenshot taken now shows a picture with
 * its boxes, even on a slow machine. For screenshots.
 */
export async function waitForPicture(page: Page): Promise<void> {
  const scene = (wanted: string): boolean => {
    const stage = document
      .querySelector('ls-app')
      ?.shadowRoot?.querySelector<HTMLElement>('ls-stage');
    const media = stage?.shadowRoot?.querySelector<
      HTMLVideoElement | HTMLCanvasElement
    >('.frame > :not(.overlay)');
    const ctx = document
      .createElement('canvas')
      .getContext('2d', { willReadFrequently: true });
    if (!stage || !media || !ctx) return false;
    ctx.drawImage(media, 0, 0, 8, 8);
    const px = ctx.getImageData(0, 0, 8, 8).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += px[i] + px[i + 1] + px[i + 2];
    const mean = sum / (64 * 3); // 0 (the black between scenes) … 255
    return wanted === 'dark'
      ? mean < 8
      : mean > 25 && Number(stage.dataset.faces) >= 1;
  };
  const poll = { timeout: 20_000, polling: 50 };
  await page.waitForFunction(scene, 'dark' as string, poll);
  await page.waitForFunction(scene, 'picture' as string, poll);
}

/**
 * For the live screenshots: waits for a crowded frame of the sample footage (photos 4–6) whose
 * faces all have their estimates read, so the picture shows labels placed apart (issue 19);
 * falls back to any picture with boxes after a minute.
 */
export async function waitForCrowdedPicture(page: Page): Promise<void> {
  const crowded = (): boolean => {
    const stage = document
      .querySelector('ls-app')
      ?.shadowRoot?.querySelector('ls-stage') as
      | (HTMLElement & { labelBoxes: { kind: string; lines: string[] }[] })
      | null;
    const faces = stage?.labelBoxes.filter((l) => l.kind === 'face') ?? [];
    return (
      Number(stage?.dataset.faces) >= 4 &&
      faces.length >= 4 &&
      faces.every((l) => l.lines.length >= 2)
    );
  };
  try {
    await page.waitForFunction(crowded, undefined, {
      timeout: 60_000,
      polling: 50,
    });
  } catch {
    await waitForPicture(page);
  }
}

export interface CoverAudit {
  /** The video's box off the live view (`main > .stage.mini`), null while it is not shown. */
  video: Box | null;
  /** The page's box (`main > .page`). */
  content: Box | null;
  /** Text, charts, pictures and controls under the video, with the page at its top, middle and end. */
  covered: string[];
  /** How many such elements were on screen, over the three scroll positions. */
  measured: number;
}

/**
 * Off the live view: whether the video's box overlaps any text, chart, picture or control of
 * the page that is on screen (what a scroll container clips away is not), with the page (the
 * document, or the page's own box where it scrolls) at its top, its middle and its end.
 * Restores the scroll positions.
 */
export function auditCover(page: Page): Promise<CoverAudit> {
  return page.evaluate(() => {
    type R = Omit<Box, 'width' | 'height'>;
    const app = document.querySelector('ls-app')?.shadowRoot;
    const stage = app?.querySelector<HTMLElement>('main > .stage') ?? null;
    const pageEl = app?.querySelector<HTMLElement>('main > .page') ?? null;
    const CONTENT = new Set(
      'canvas svg img video input select textarea button progress meter'.split(
        ' ',
      ),
    );
    const isContent = (el: Element) =>
      CONTENT.has(el.localName) ||
      Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim(),
      );
    const name = (el: Element) => {
      const host = (el.getRootNode() as ShadowRoot).host?.localName ?? '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
      return `${host ? `${host} ` : ''}${el.localName}${el.id ? `#${el.id}` : ''}${text ? ` "${text.slice(0, 40)}"` : ''}`;
    };
    const intersect = (a: R, b: R): R | null => {
      const r = {
        left: Math.max(a.left, b.left),
        top: Math.max(a.top, b.top),
        right: Math.min(a.right, b.right),
        bottom: Math.min(a.bottom, b.bottom),
      };
      return r.right - r.left > 0.5 && r.bottom - r.top > 0.5 ? r : null;
    };
    // The part of an element on screen: clipped by every scrolling or clipping box it is in.
    const onScreen = (el: Element): R | null => {
      if (
        !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      )
        return null;
      let r: R | null = el.getBoundingClientRect();
      const vp = document.documentElement;
      r = intersect(r, {
        left: 0,
        top: 0,
        right: vp.clientWidth,
        bottom: vp.clientHeight,
      });
      for (
        let p: Element | null = el.assignedSlot ?? el.parentElement;
        p && r;
        p =
          p.assignedSlot ??
          p.parentElement ??
          ((p.getRootNode() as ShadowRoot).host || null)
      ) {
        if (getComputedStyle(p).overflow !== 'visible')
          r = intersect(r, p.getBoundingClientRect());
      }
      return r;
    };
    const box = (el: Element | null | undefined) => {
      if (!el || !el.checkVisibility()) return null;
      const { left, top, right, bottom, width, height } =
        el.getBoundingClientRect();
      return width > 0 && height > 0
        ? { left, top, right, bottom, width, height }
        : null;
    };
    const scrollers = [document.scrollingElement, pageEl].filter(
      (el): el is Element => !!el && el.scrollHeight > el.clientHeight,
    );
    const saved = scrollers.map((el) => el.scrollTop);
    const covered = new Set<string>();
    let measured = 0;
    for (const at of [0, 0.5, 1]) {
      for (const el of scrollers)
        el.scrollTop = Math.round(at * (el.scrollHeight - el.clientHeight));
      const v = stage && onScreen(stage);
      if (!v) break;
      const walk = (root: Document | ShadowRoot): void => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          if (stage && (el === stage || stage.contains(el))) continue;
          if (el.shadowRoot) walk(el.shadowRoot);
          if (!isContent(el)) continue;
          const r = onScreen(el);
          if (!r) continue;
          measured++;
          if (intersect(r, v))
            covered.add(`${name(el)} (page scrolled to ${at * 100} %)`);
        }
      };
      walk(document);
    }
    scrollers.forEach((el, i) => (el.scrollTop = saved[i]));
    return {
      video: box(stage),
      content: box(pageEl),
      covered: [...covered],
      measured,
    };
  });
}

export interface LabelAudit {
  /** Faces and labels on the stage's latest frame, and labels left out for want of room. */
  faces: number;
  labels: number;
  shortened: number;
  leaders: number;
  dropped: number;
  /** Pairs of labels whose boxes overlap (page coordinates), by their keys. */
  overlapping: string[];
  /** Labels that stick out of the picture's frame. */
  outside: string[];
}

/**
 * The labels the stage drew on its latest frame (ls-stage's `labelBoxes`, canvas-drawn, so
 * exposed as boxes), placed in the page over the frame's own box.
 */
export function auditLabels(page: Page): Promise<LabelAudit> {
  return page.evaluate(() => {
    type Label = {
      key: string;
      variant: number;
      leader: unknown;
      rect: { x: number; y: number; width: number; height: number };
    };
    const stage = document
      .querySelector('ls-app')
      ?.shadowRoot?.querySelector('ls-stage') as
      (HTMLElement & { labelBoxes: Label[] }) | null;
    const frame = stage?.shadowRoot
      ?.querySelector('.frame')
      ?.getBoundingClientRect();
    const labels = stage?.labelBoxes ?? [];
    const boxes = labels.map((l) => ({
      key: l.key,
      left: (frame?.left ?? 0) + l.rect.x,
      top: (frame?.top ?? 0) + l.rect.y,
      right: (frame?.left ?? 0) + l.rect.x + l.rect.width,
      bottom: (frame?.top ?? 0) + l.rect.y + l.rect.height,
    }));
    const overlapping: string[] = [];
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1))
        if (
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0 &&
          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0
        )
          overlapping.push(`${a.key} × ${b.key}`);
    });
    const outside = frame
      ? boxes
          .filter(
            (b) =>
              b.left < frame.left - 0.5 ||
              b.top < frame.top - 0.5 ||
              b.right > frame.right + 0.5 ||
              b.bottom > frame.bottom + 0.5,
          )
          .map((b) => b.key)
      : [];
    return {
      faces: Number(stage?.dataset.faces ?? 0),
      labels: labels.length,
      shortened: labels.filter((l) => l.variant > 0).length,
      leaders: labels.filter((l) => l.leader).length,
      dropped: Number(stage?.dataset.labelsDropped ?? 0),
      overlapping,
      outside,
    };
  });
}
