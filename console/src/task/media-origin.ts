// Outputs may be served from another origin (S3, FILES_PUBLIC_BASE_URL): a <video> then needs
// crossOrigin="anonymous" for its <track> to load. On our own origin it stays off: it would turn
// plain media requests into CORS requests for nothing.
export function isCrossOrigin(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url, window.location.href).origin !== window.location.origin;
  } catch {
    return false;
  }
}

export function crossOriginFor(...urls: Array<string | null | undefined>): 'anonymous' | undefined {
  return urls.some(isCrossOrigin) ? 'anonymous' : undefined;
}
