// A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) with
// one file, reporting the bytes sent: XMLHttpRequest where there is one (browsers: fetch reports no
// upload progress), else fetch with a streamed body (Node).
import { MediaTasksError } from './errors.js';
import { dataOf, readResult, type HttpTransport } from './http.js';
import type { TypedDocumentString } from './generated/graphql.js';
import { randomUuid } from './uuid.js';

export type ProgressListener = (sent: number, total: number) => void;

export interface MultipartFile {
  blob: Blob;
  filename: string;
  /** Where the file goes in the variables, e.g. `input.file` (its value there is null). */
  variablePath: string;
}

/** The body as the spec orders it: operations, map, then the file (the server streams it to storage). */
function multipartBody(query: string, variables: unknown, file: MultipartFile): { body: Blob; contentType: string } {
  const boundary = `----mediatasks-${randomUuid()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const filename = file.filename.replace(/["\r\n]/g, '_');
  const parts = [
    field('operations', JSON.stringify({ query, variables })),
    field('map', JSON.stringify({ 0: [`variables.${file.variablePath}`] })),
    `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${filename}"\r\nContent-Type: ${file.blob.type || 'application/octet-stream'}\r\n\r\n`,
    file.blob,
    `\r\n--${boundary}--\r\n`,
  ];
  return { body: new Blob(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function sendMultipart<Data, Variables>(transport: HttpTransport, document: TypedDocumentString<Data, Variables>, variables: Variables,
  file: MultipartFile, options: { onProgress?: ProgressListener; signal?: AbortSignal; preferXhr: boolean }): Promise<Data> {
  const { body, contentType } = multipartBody(document.toString(), variables, file);
  const XHR = (globalThis as { XMLHttpRequest?: new () => MinimalXhr }).XMLHttpRequest;
  const response = options.preferXhr && XHR
    ? await sendWithXhr(XHR, transport, body, contentType, options)
    : await transport.post(countingStream(body, options.onProgress), contentType, options.signal);
  return dataOf<Data>(response, await readResult<Data>(response));
}

/** The body as a stream that reports what has been handed to the connection. */
function countingStream(body: Blob, onProgress: ProgressListener | undefined): BodyInit {
  if (!onProgress) return body;
  let sent = 0;
  onProgress(0, body.size);
  return body.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      sent += chunk.byteLength;
      onProgress(sent, body.size);
      controller.enqueue(chunk);
    },
  }));
}

// The part of XMLHttpRequest used here: the DOM library is not in every project's type check.
interface MinimalXhr {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  getAllResponseHeaders(): string;
  readonly status: number;
  readonly statusText: string;
  readonly responseText: string;
  upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

function sendWithXhr(XHR: new () => MinimalXhr, transport: HttpTransport, body: Blob, contentType: string,
  options: { onProgress?: ProgressListener; signal?: AbortSignal }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XHR();
    xhr.open('POST', transport.endpoint);
    for (const [name, value] of Object.entries(transport.headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/graphql-response+json, application/json');
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total || body.size);
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      resolve(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
    };
    xhr.onerror = () => reject(new MediaTasksError('NETWORK_ERROR', `Could not reach ${transport.endpoint} (upload failed).`));
    xhr.onabort = () => reject(new MediaTasksError('ABORTED', 'The upload was aborted.'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
