// The reviewer's documents, generated from the live configuration: data inventory, notice,
// DPIA starter and model cards, each downloadable as Markdown, and a printable A4 sign.
// Presentational: imports lit and src/shared only; text is rendered as text, never as HTML.

import { LitElement, html } from 'lit';
import {
  dataInventory,
  dpiaStarter,
  firstLayerNotice,
  modelCardsDoc,
  noticeSign,
  type Doc,
  type ReviewerConfig,
} from '../shared/reviewer-docs';
import { reviewerDocsStyles } from './ls-reviewer-docs.styles';

/** Set on <html> while the sign dialog is open, so any print (button or Ctrl+P) shows only the sign. */
const PRINTING = 'ls-printing-sign';
// Document styles cannot reach into shadow roots, but `visibility` is inherited through the
// flat tree, so hiding <body> hides the whole app and the sign opts back in from inside its
// shadow root. The sign is a modal <dialog> (top layer, so no ancestor clips it); <body> gets
// no height and clips (overflow on <html> too, else body's overflow moves to the viewport), so
// the hidden app does not print blank pages. A constructed sheet needs no
// inline <style>, so a strict CSP does not block it.
const PRINT_SHEET = `@media print {
  html.${PRINTING} { overflow: hidden; background: #fff; }
  html.${PRINTING} body { visibility: hidden; height: 0; overflow: hidden; margin: 0; }
  @page { size: A4; margin: 18mm; }
}`;
let printSheet: CSSStyleSheet | null = null;

function addPrintSheet(): void {
  if (printSheet) return;
  printSheet = new CSSStyleSheet();
  printSheet.replaceSync(PRINT_SHEET);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, printSheet];
}

/** Saves `text` as a file: Blob → object URL → <a download>; the URL is revoked afterwards. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoking synchronously can cancel the download in some browsers; FileSaver.js waits 40 s.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

/**
 * Section ids: #inventory, #notice, #dpia, #model-cards; the sign dialog is #sign.
 */
export class LsReviewerDocs extends LitElement {
  static override properties = { config: { attribute: false } };

  static override styles = reviewerDocsStyles;

  declare config: ReviewerConfig | null;

  constructor() {
    super();
    this.config = null;
  }

  override render() {
    const c = this.config;
    if (!c) return html`<p class="muted">Loading the configuration…</p>`;
    const inv = dataInventory(c);
    const notice = firstLayerNotice(c);
    const sign = noticeSign(c);
    const dpia = dpiaStarter(c);
    const cards = modelCardsDoc(c);
    return html`
      <details id="inventory">
        <summary>Data inventory: everything stored on this device</summary>
        <div class="body">
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  ${[
                    'Where',
                    'Field',
                    'Type',
                    'Example',
                    'Meaning',
                    'Kept',
                  ].map((h) => html`<th scope="col">${h}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${inv.rows.map(
                  (r) =>
                    html`<tr>
                      <td>${r.where}</td>
                      <td><code>${r.field}</code></td>
                      <td>${r.type}</td>
                      <td><code>${r.example}</code></td>
                      <td>${r.meaning}</td>
                      <td>${r.retention}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          <h3>Never stored</h3>
          <ul>
            ${inv.neverStored.map((s) => html`<li>${s}</li>`)}
          </ul>
          ${this._downloadButton('localsight-data-inventory.md', inv.markdown)}
        </div>
      </details>
      <details id="notice">
        <summary>Notice for people in view</summary>
        <div class="body">
          <h3>${notice.heading}</h3>
          <ul>
            ${notice.lines.map((l) => html`<li>${l}</li>`)}
          </ul>
          <div class="actions">
            ${this._downloadButton('localsight-notice.md', notice.markdown, false)}
            <button id="print-sign" @click=${this._openSign}>Print sign</button>
          </div>
        </div>
      </details>
      ${this._doc('dpia', dpia, 'localsight-dpia-starter.md')}
      ${this._doc('model-cards', cards, 'localsight-model-cards.md', true)}
      <dialog
        id="sign"
        aria-labelledby="sign-heading"
        @close=${this._signClosed}
      >
        <div class=${sign.dense ? 'sign dense' : 'sign'}>
          <h1 id="sign-heading">${sign.heading}</h1>
          ${sign.lines.map((l) => html`<p>${l}</p>`)}
          <div class="footer">${sign.footer.map((l) => html`<p>${l}</p>`)}</div>
        </div>
        <div class="actions no-print">
          <button id="sign-print" @click=${this._print}>Print</button>
          <button @click=${this._closeSign}>Close</button>
        </div>
      </dialog>
    `;
  }

  private _doc(id: string, doc: Doc, file: string, links = false) {
    return html`<details id=${id}>
      <summary>${doc.title}</summary>
      <div class="body">
        ${doc.sections.map(
          (s) =>
            html`<h3>${s.title}</h3>
              <ul>
                ${s.items.map((i) => html`<li>${links ? this._linked(i) : i}</li>`)}
              </ul>`,
        )}
        ${this._downloadButton(file, doc.markdown)}
      </div>
    </details>`;
  }

  /** Turns the Markdown links of model-card citations into anchors; the rest stays text. */
  private _linked(text: string) {
    const parts = text.split(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/);
    return parts.map((p, i) =>
      i % 3 === 1
        ? html`<a href=${parts[i + 1]} target="_blank" rel="noreferrer"
            >${p}</a
          >`
        : i % 3 === 2
          ? ''
          : p,
    );
  }

  private _downloadButton(file: string, text: string, wrap = true) {
    const button = html`<button
      class="download"
      data-file=${file}
      @click=${() => download(file, text)}
    >
      Download .md
    </button>`;
    return wrap ? html`<div class="actions">${button}</div>` : button;
  }

  private get _dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog#sign');
  }

  private _openSign(): void {
    addPrintSheet();
    document.documentElement.classList.add(PRINTING);
    this._dialog?.showModal();
  }

  private _closeSign(): void {
    this._dialog?.close();
  }

  private _print(): void {
    window.print();
  }

  /** Also runs on Escape, which closes a modal dialog without our button. */
  private _signClosed(): void {
    document.documentElement.classList.remove(PRINTING);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.documentElement.classList.remove(PRINTING);
  }
}

customElements.define('ls-reviewer-docs', LsReviewerDocs);

declare global {
  interface HTMLElementTagNameMap {
    'ls-reviewer-docs': LsReviewerDocs;
  }
}
