import type { Sharp } from 'sharp';

/**
 * An image as the square RGB input of a vision model: orientation applied, transparency
 * flattened, sRGB, squashed (not cropped) to size x size, 8-bit pixels row by row.
 */
export function squareRgbPixels(image: Sharp, size: number): Promise<Buffer> {
  return image
    .rotate()
    .flatten()
    .toColourspace('srgb')
    .resize(size, size, { fit: 'fill' })
    .raw()
    .toBuffer();
}
