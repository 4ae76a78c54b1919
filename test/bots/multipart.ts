/** One part of a multipart/form-data body: a field, or a file when it has a file name. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

/**
 * Reads a multipart/form-data body as the fake servers receive it. Written for the two clients in
 * use (discord.js's undici FormData, grammY's own stream, which writes headers without spaces and
 * file names unquoted) rather than relying on one parser's leniency.
 */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${marker}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next === -1) break;
    // Each part sits between the CRLF after a delimiter and the CRLF before the next one.
    const raw = body.subarray(afterDelimiter + 2, next - 2);
    const headerEnd = raw.indexOf("\r\n\r\n");
    const headers = raw.subarray(0, headerEnd).toString("utf8");
    const disposition = /content-disposition:\s*form-data;(.*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname=(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
    const filename = /\bfilename=(?:"([^"]*)"|([^;\r\n]+))/i.exec(disposition);
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({
      name: name?.[1] ?? name?.[2] ?? "",
      ...(filename ? { filename: (filename[1] ?? filename[2] ?? "").trim() } : {}),
      ...(type ? { contentType: type.trim() } : {}),
      body: raw.subarray(headerEnd + 4),
    });
    start = next;
  }
  return parts;
}
