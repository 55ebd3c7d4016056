// Tesseract's worker thread: tesseract.js's own Node worker script, loading the LSTM-only build of
// its WebAssembly core. tesseract.js 7.0.0 hands its `lstmOnly` flag to the Node core loader where
// that loader expects an OEM, so in Node it always loads the build with the legacy engine too
// (3.5 MB of WebAssembly instead of 2.9 MB; about 0.15 CPU-s more to start each reader process's
// worker). We recognise with the LSTM engine only (OEM.LSTM_ONLY): the two builds read the same.
// Spawned by OcrEngine (ocr-engine.ts) from the compiled dist/ file.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** `require` as from inside tesseract.js (its worker script, its core and feature test dependencies). */
const fromTesseract = createRequire(createRequire(import.meta.url).resolve('tesseract.js'));

interface WorkerScript {
  dispatchHandlers(packet: unknown, send: (message: unknown) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
}

const script = fromTesseract('./worker-script/index.js') as WorkerScript;
const cache = fromTesseract('./worker-script/node/cache.js') as Record<string, unknown>;
const { simd } = fromTesseract('wasm-feature-detect') as { simd(): Promise<boolean> };

let core: unknown = null;
parentPort?.on('message', (packet: unknown) => script.dispatchHandlers(packet, (message) => parentPort?.postMessage(message)));
script.setAdapter({
  // As tesseract.js's getCore for OEM.LSTM_ONLY: the SIMD build where WebAssembly has SIMD.
  getCore: async () => (core ??= fromTesseract(`tesseract.js-core/tesseract-core-${(await simd()) ? 'simd-' : ''}lstm`)),
  gunzip: gunzipSync,
  fetch: globalThis.fetch,
  ...cache,
});
