// UUID version 7: time-ordered, so ids sort like creation times and index pages stay warm.
// Within one millisecond a 12-bit counter (RFC 9562, method 1) keeps this process's ids in
// creation order: outputs and workflow steps are listed by id.
import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let counter = 0;

export function uuidv7(): string {
  let millis = Date.now();
  if (millis <= lastMillis) {
    counter++;
    if (counter > 0xfff) {
      lastMillis++;
      counter = 0;
    }
    millis = lastMillis;
  } else {
    lastMillis = millis;
    counter = 0;
  }
  const bytes = randomBytes(16);
  const timestamp = BigInt(millis);
  for (let index = 0; index < 6; index++) bytes[index] = Number((timestamp >> BigInt(8 * (5 - index))) & 0xffn);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID of any version, in either case (what callers paste from logs and URLs). */
export const isUuid = (text: string) => uuidPattern.test(text);
