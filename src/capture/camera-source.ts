// Webcam frames through getUserMedia, with a camera picker and front/back switch.
// Every getUserMedia failure becomes a CaptureError that says what happened.

import type { Facing } from '../shared/kiosk-params';
import { CaptureError } from './frame-source';
import { VideoElementSource } from './video-element-source';

export interface CameraInfo {
  deviceId: string;
  label: string;
}

export interface CameraRequest {
  deviceId?: string;
  facing?: Facing;
}

export function describeCameraError(err: unknown): CaptureError {
  const name =
    err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CaptureError(
        'camera-denied',
        'Camera access was denied. Allow the camera in the browser’s site settings, or use the sample footage.',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CaptureError(
        'camera-missing',
        'No camera was found. Connect one, or use the sample footage.',
      );
    case 'NotReadableError':
    case 'AbortError':
      return new CaptureError(
        'camera-busy',
        'The camera is in use by another app or could not start. Close the other app and try again.',
      );
    default:
      return new CaptureError(
        'camera-failed',
        `The camera could not start (${name || String(err)}).`,
      );
  }
}

export async function listCameras(): Promise<CameraInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({
      deviceId: d.deviceId,
      label: d.label || `Camera ${i + 1}`,
    }));
}

export class CameraSource extends VideoElementSource {
  private constructor(
    label: string,
    private readonly _stream: MediaStream,
    readonly facing: Facing | null,
    readonly deviceId: string,
  ) {
    super('camera', label);
    this.element.srcObject = _stream;
    for (const track of _stream.getVideoTracks()) {
      track.addEventListener('ended', () =>
        this._end(
          new CaptureError(
            'camera-ended',
            'The camera stopped (unplugged or taken by another app).',
          ),
        ),
      );
    }
  }

  static async open(request: CameraRequest = {}): Promise<CameraSource> {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new CaptureError(
        'camera-missing',
        'This browser offers no camera access here (it needs https or localhost).',
      );
    }
    const video: MediaTrackConstraints = {
      width: { ideal: 640 },
      height: { ideal: 480 },
    };
    if (request.deviceId) video.deviceId = { exact: request.deviceId };
    else if (request.facing) video.facingMode = { ideal: request.facing };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video,
        audio: false,
      });
    } catch (err) {
      throw describeCameraError(err);
    }
    const track = stream.getVideoTracks()[0];
    const settings = track?.getSettings() ?? {};
    const source = new CameraSource(
      track?.label || 'Camera',
      stream,
      (settings.facingMode as Facing | undefined) ?? request.facing ?? null,
      settings.deviceId ?? request.deviceId ?? '',
    );
    try {
      await source.element.play();
    } catch (err) {
      source.stop();
      throw describeCameraError(err);
    }
    return source;
  }

  override stop(): void {
    super.stop();
    for (const track of this._stream.getTracks()) track.stop();
    this.element.srcObject = null;
  }
}
