// The shell's notices: at most four at once, a message never shown twice at the same time,
// each dismissible; rendered as <ls-notice> in the shell's live region.

import { html, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import '../components/ls-notice';
import type { NoticeKind } from '../components/ls-notice';

interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
}

export class Notices {
  private _list: Notice[] = [];
  private _nextId = 0;

  constructor(private readonly _host: ReactiveControllerHost) {}

  notify(kind: NoticeKind, message: string): void {
    if (this._list.some((n) => n.message === message)) return;
    this._list = [
      ...this._list.slice(-3),
      { id: ++this._nextId, kind, message },
    ];
    this._host.requestUpdate();
  }

  dismiss(id: number): void {
    this._list = this._list.filter((n) => n.id !== id);
    this._host.requestUpdate();
  }

  render() {
    return repeat(
      this._list,
      (n) => n.id,
      (n) =>
        html`<ls-notice
          kind=${n.kind}
          .message=${n.message}
          @ls-notice-dismiss=${() => this.dismiss(n.id)}
        ></ls-notice>`,
    );
  }
}
