// Drag and drop of video or image files anywhere on the shell: shows the drop hint while
// files hover and hands dropped files to the caller.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FileDrop implements ReactiveController {
  /** True while files are dragged over the shell. */
  dragging = false;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _onFiles: (files: File[]) => void,
  ) {
    _host.addController(this);
  }

  hostConnected(): void {
    this._host.addEventListener('dragover', this._over);
    this._host.addEventListener('dragleave', this._leave);
    this._host.addEventListener('drop', this._drop);
  }

  hostDisconnected(): void {
    this._host.removeEventListener('dragover', this._over);
    this._host.removeEventListener('dragleave', this._leave);
    this._host.removeEventListener('drop', this._drop);
  }

  private _set(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this._host.requestUpdate();
  }

  private readonly _over = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this._set(true);
  };

  private readonly _leave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this._set(false);
  };

  private readonly _drop = (e: DragEvent): void => {
    e.preventDefault();
    this._set(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) this._onFiles(files);
  };
}
