// `image`: resize, crop and convert a still image, a frame of a video at `start`, or the cover
// art embedded in an audio file.
import path from 'node:path';
import { z } from 'zod';
import { extractCoverArt, extractVideoFrame, imageFormats, transformImage } from '../media/image-transform.js';
import { colourOption, fits, outputFilename, positions, windowOutsideInput } from './common-options.js';
import { defineTaskKind, pictureOf, requestedSize } from './task-kind.js';

const formats = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;

const maxDimension = 16_384;

export const imageOptions = z.object({
  width: z.number().int().min(1).max(maxDimension).optional()
    .describe('Output width in pixels. With only one of width and height, the other keeps the aspect ratio.'),
  height: z.number().int().min(1).max(maxDimension).optional()
    .describe('Output height in pixels. With only one of width and height, the other keeps the aspect ratio.'),
  fit: z.enum(fits).default('cover')
    .describe('How the image fills width x height: cover crops to fill, contain fits inside and pads with background, fill stretches.'),
  position: z.enum([...positions, 'entropy', 'attention']).default('center')
    .describe('What cover keeps when it crops: a side or corner, or entropy/attention to keep the busiest or most salient part.'),
  background: colourOption('Padding colour for contain: #rgb, #rrggbb, #rrggbbaa, a CSS colour name or transparent (white for jpeg).'),
  format: z.enum(formats).default('webp')
    .describe('Output format.'),
  quality: z.number().int().min(1).max(100).default(80)
    .describe('Encoder quality, 1 (smallest) to 100 (best). Ignored by png and gif, which are lossless.'),
  start: z.number().min(0).default(0)
    .describe('For a video input: the time in seconds of the frame to take.'),
});

export const imageKind = defineTaskKind({
  name: 'image',
  description: 'Resize, crop and convert an image (or a frame of a video, or an audio file\'s cover art) to jpeg, png, webp, avif or gif. EXIF orientation is applied and metadata stripped.',
  options: imageOptions,

  outputSize: (options, facts) => requestedSize(options, pictureOf(facts)),

  unsupportedInput: (facts, options) => {
    if (!facts.isImage && !facts.hasVideo && !facts.hasCoverArt) {
      return `The image kind needs an image, a video or an audio file with cover art; this ${facts.mimeType} has no picture.`;
    }
    return facts.hasVideo ? windowOutsideInput(options, facts) : null;
  },

  async run({ options, input, workDir, media, limits, reportProgress }) {
    let source = input.path;
    if (!input.facts.isImage) {
      source = path.join(workDir, 'frame.png');
      if (input.facts.hasVideo) await extractVideoFrame(input.path, options.start, source, media);
      else await extractCoverArt(input.path, source, media);
      reportProgress(50);
    }
    const filename = outputFilename(input.path, imageFormats[options.format].extension, 'image');
    const outputPath = path.join(workDir, filename);
    const facts = await transformImage(source, outputPath, options, { maxPixels: limits.maxImagePixels });
    return {
      outputs: [{ path: outputPath, kind: 'image', filename, mimeType: facts.mimeType, width: facts.width, height: facts.height, codecs: [facts.format] }],
    };
  },
});
