// The batch: mixed tasks created over GraphQL HTTP from the root namespace.
export interface Submitted { id: string; kind: string }

const createMutation = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }';

/** 30 by default: images, transcodes, thumbnails and speech, interleaved. */
export function batch(mediaUrl: string, size: number): Array<Record<string, unknown>> {
  const kinds: Array<Record<string, unknown>> = [
    { kind: 'IMAGE', url: `${mediaUrl}/photo.png`, options: { image: { width: 800, format: 'webp' } } },
    { kind: 'VIDEO', url: `${mediaUrl}/clip.mp4`, options: { video: { width: 640, quality: 'high' } } },
    { kind: 'THUMBNAILS', url: `${mediaUrl}/clip.mp4`, options: { thumbnails: { mode: 'frames', count: 5 } } },
    { kind: 'SPEECH', url: `${mediaUrl}/spoken-title.mp4` },
    { kind: 'VIDEO', url: `${mediaUrl}/clip.mp4`, options: { video: { width: 480 } } },
  ];
  return Array.from({ length: size }, (_, index) => ({ ...kinds[index % kinds.length], idempotencyKey: `cluster-${Date.now()}-${index}` }));
}

/** The task's uuid from its global id (base64 of `Task:<uuid>`). */
const uuidOf = (id: string) => Buffer.from(id, 'base64').toString().replace(/^Task:/, '');

export async function submit(apiUrl: string, input: Record<string, unknown>): Promise<Submitted> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: createMutation, variables: { input } }),
  });
  const body = await response.json() as { data?: { createTask?: { id: string } }; errors?: unknown };
  if (!body.data?.createTask) throw new Error(`createTask failed: ${JSON.stringify(body.errors)}`);
  return { id: uuidOf(body.data.createTask.id), kind: String(input.kind) };
}
