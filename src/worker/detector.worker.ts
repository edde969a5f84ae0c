// Worker entry: exposes the detector API through comlink. Inference never runs on the page.

import { expose } from 'comlink';
import { createDetectorApi } from './detector-api';

expose(createDetectorApi());
