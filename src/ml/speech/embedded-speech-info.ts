// What is known of the embedded recognizer without loading it (onnxruntime and the tokenizer
// cost ~50 MB per process): API processes and the transcript cache key need only this.
export const embeddedSpeechModel = 'embedded:moonshine-tiny';
export const embeddedSpeechLanguages = ['en'] as const;
