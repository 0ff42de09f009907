// The `language` option shared by every kind that needs a transcript.
import { z } from 'zod';
import type { IntelligenceCapabilities } from '../ml/intelligence.js';
import type { CapabilityProblem } from './task-kind.js';

export const speechLanguageOption = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language code such as en or pt-BR').optional()
  .describe('Spoken language (BCP 47, e.g. en). Default: detected by the provider; the embedded model knows English only.');

export function speechLanguageProblem(language: string | undefined, capabilities: IntelligenceCapabilities): CapabilityProblem | null {
  const languages = capabilities.speechLanguages;
  if (!language || languages === 'any' || languages.includes(language.split('-')[0])) return null;
  return {
    option: 'language',
    message: `The configured speech provider knows ${languages.join(', ')} only, not "${language}"; set SPEECH_PROVIDER=openai with OPENAI_BASE_URL for other languages.`,
  };
}
