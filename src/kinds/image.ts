// `image`: resize, crop and convert a still image, or a frame of a video at `start`.
import path from 'node:path';
import colourModule, { type ColorConstructor } from '@img/colour';
import { z } from 'zod';
import { extractVideoFrame, imageFormats, transformImage } from '../media/image-transform.js';
import { defineTaskKind } from './task-kind.js';

const fits = ['contain', 'cover', 'fill'] as const;
const positions = ['center', 'top', 'bottom', 'left', 'right', 'top_left', 'top_right', 'bottom_left', 'bottom_right', 'entropy', 'attention'] as const;
const formats = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;

const maxDimension = 16_384;

// The package's types describe its ESM shape; at runtime the default import is the function.
const Colour = colourModule as unknown as ColorConstructor;

/** Accepts what sharp will accept: it parses colours with the same library. */
function isColour(value: string): boolean {
  try {
    Colour(value);
    return true;
  } catch {
    return false;
  }
}

export const imageOptions = z.object({
  width: z.number().int().min(1).max(maxDimension).optional()
    .describe('Output width in pixels. With only one of width and height, the other keeps the aspect ratio.'),
  height: z.number().int().min(1).max(maxDimension).optional()
    .describe('Output height in pixels. With only one of width and height, the other keeps the aspect ratio.'),
  fit: z.enum(fits).default('cover')
    .describe('How the image fills width x height: cover crops to fill, contain fits inside and pads with background, fill stretches.'),
  position: z.enum(positions).default('center')
    .describe('What cover keeps when it crops: a side or corner, or entropy/attention to keep the busiest or most salient part.'),
  background: z.string().refine(isColour, 'expected a CSS colour such as #000000, white or transparent').default('#000000')
    .describe('Padding colour for contain: #rgb, #rrggbb, #rrggbbaa, a CSS colour name or transparent (white for jpeg).'),
  format: z.enum(formats).default('webp')
    .describe('Output format.'),
  quality: z.number().int().min(1).max(100).default(80)
    .describe('Encoder quality, 1 (smallest) to 100 (best). Ignored by png and gif, which are lossless.'),
  start: z.number().min(0).default(0)
    .describe('For a video input: the time in seconds of the frame to take.'),
});

export const imageKind = defineTaskKind({
  name: 'image',
  description: 'Resize, crop and convert an image (or a frame of a video) to jpeg, png, webp, avif or gif. EXIF orientation is applied and metadata stripped.',
  options: imageOptions,

  unsupportedInput: (facts) =>
    facts.isImage || facts.hasVideo ? null : `The image kind needs an image or a video input; this ${facts.mimeType} has no picture.`,

  async run({ options, input, workDir, signal, tools, limits, reportProgress }) {
    let source = input.path;
    if (!input.facts.isImage) {
      source = path.join(workDir, 'frame.png');
      await extractVideoFrame(input.path, options.start, source, { ffmpegPath: tools.ffmpegPath, signal });
      reportProgress(50);
    }
    const { extension } = imageFormats[options.format];
    const filename = `${path.parse(input.path).name || 'image'}.${extension}`;
    const outputPath = path.join(workDir, filename);
    const facts = await transformImage(source, outputPath, options, { maxPixels: limits.maxImagePixels });
    return {
      outputs: [{ path: outputPath, kind: 'image', filename, mimeType: facts.mimeType, width: facts.width, height: facts.height, codecs: [facts.format] }],
    };
  },
});
