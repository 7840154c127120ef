// Reading a request body under a byte limit: the webhook handler's and the proxy's (not part of
// the package's API).

/**
 * The body as text, or undefined when it is longer than `max` bytes (counted as it arrives;
 * `declared`: a Content-Length checked already, or null).
 */
export async function readBody(request, max, declared) {
  // A declared length was checked already, and the runtime delivers no more than it.
  if (declared !== null || !request.body) return request.text();
  const reader = request.body.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) bytes.set(p, (at += p.byteLength) - p.byteLength);
  return new TextDecoder().decode(bytes);
}
