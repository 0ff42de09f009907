// CSRF prevention: a page on any site can make a browser send a form-urlencoded, multipart or
// text/plain POST (or a GET) without asking first (no CORS preflight), and in open mode such a
// request needs no key. Those must carry a header a foreign page cannot set without a preflight.
// Yoga's own plugin does the same but answers without an extensions.code or a hint.
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { csrfHeaders } from './request-policy.js';

const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const preflighted = contentType !== undefined && !simpleContentTypes.some((simple) => contentType.startsWith(simple));
      if (preflighted || csrfHeaders.some((name) => request.headers.has(name))) return;
      throw createGraphQLError(csrfRefusalMessage(contentType ? contentType.split(';')[0] : 'no content type'),
        { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
      );
    },
  };
}

export const csrfRefusalMessage = (contentType: string) =>
  `This request could come from any web page (${contentType}): send it with the header x-graphql-yoga-csrf: 1 (or apollo-require-preflight), or as application/json.`;
