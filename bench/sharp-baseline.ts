// The raw work of one task, in-process: sharp resizing the same 64x64 PNG file to a 32 px WebP
// file, as src/media/image-transform.ts does it (file in, file out, quality 80).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

export async function measureSharp(png: Buffer, operations = 500, warmup = 50): Promise<number> {
  sharp.cache(false); // libvips would otherwise reuse the decoded input between operations
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-sharp-'));
  try {
    const input = path.join(directory, 'input.png');
    await fs.writeFile(input, png);
    const once = (index: number) => sharp(input, { autoOrient: true, failOn: 'truncated', sequentialRead: true })
      .resize({ width: 32, fit: 'cover', position: 'centre' })
      .webp({ quality: 80 })
      .toFile(path.join(directory, `output-${index % 8}.webp`));
    for (let index = 0; index < warmup; index++) await once(index);
    const started = performance.now();
    for (let index = 0; index < operations; index++) await once(index);
    return (performance.now() - started) / operations;
  } finally {
    await fs.rm(directory, { recursive: true, force: true });
  }
}
