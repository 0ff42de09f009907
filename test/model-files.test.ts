// Model files are checked before use: a missing or corrupt file is an error naming the model.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { defaultModelsDirectory, ModelUnavailableError, useModelsDirectory, verifiedModelPath } from '../src/ml/model-files.js';

afterEach(() => useModelsDirectory(defaultModelsDirectory));

describe('model files', () => {
  it('finds the installed models with their checksums', async () => {
    expect(await verifiedModelPath('silero-vad-v5')).toMatch(/models\/silero-vad-v5\.onnx$/);
  });

  it('names a missing model and how to restore it', async () => {
    useModelsDirectory(await fs.mkdtemp(path.join(os.tmpdir(), 'models-missing-')));
    const failure = verifiedModelPath('moonshine-tiny-encoder');
    await expect(failure).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(failure).rejects.toThrow(/model moonshine-tiny-encoder is unavailable: .* does not exist; run `npm install`/);
  });

  it('names a corrupt model, with the checksum it has and the one expected', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'models-corrupt-'));
    await fs.writeFile(path.join(dir, 'moonshine-tiny-decoder.onnx'), 'not a model');
    useModelsDirectory(dir);
    await expect(verifiedModelPath('moonshine-tiny-decoder')).rejects.toThrow(/moonshine-tiny-decoder .* is corrupt \(sha256 [0-9a-f]{64}, expected eed87831/);
  });

  it('takes MODELS_DIR from the configuration', () => {
    expect(loadConfig({ MODELS_DIR: 'shared/models' }).ai.modelsDir).toBe(path.resolve('shared/models'));
    expect(loadConfig({}).ai.modelsDir).toBeUndefined();
  });
});
