import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DownloadError, downloadText } from "../../src/bots/download.js";

/** What the file server does with the next request. */
type Serve = (res: ServerResponse) => void;

let server: Server;
let origin: string;
let serve: Serve;

beforeEach(async () => {
  server = createServer((_req, res) => serve(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The URL carries a secret, as Telegram's file URLs carry the bot token. */
const secretUrl = () => `${origin}/file/bot123:secret/documents/file_1.bib`;

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => expect.fail("the download should have failed"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe("downloadText", () => {
  it("decodes UTF-8 split across chunks and drops a byte order mark", async () => {
    const bytes = Buffer.from("\uFEFF@misc{a, title={Schrödinger — 量子}}", "utf8");
    serve = (res) => {
      res.writeHead(200);
      // Split inside a multi-byte character: decoding must wait for the whole body.
      res.write(bytes.subarray(0, 24));
      res.end(bytes.subarray(24));
    };
    await expect(downloadText(secretUrl(), { maxBytes: 1000 })).resolves.toEqual({
      text: "@misc{a, title={Schrödinger — 量子}}",
      bytes: bytes.length,
    });
  });

  it("stops at the cap while streaming, whatever the server announced", async () => {
    serve = (res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(600, "a"));
      res.end(Buffer.alloc(600, "a"));
    };
    const error = await failure(downloadText(secretUrl(), { maxBytes: 1000 }));
    expect(error.reason).toBe("too-large");
  });

  it("refuses an announced length over the cap before reading", async () => {
    serve = (res) => res.writeHead(200, { "content-length": "5000" }).end(Buffer.alloc(5000, "a"));
    expect((await failure(downloadText(secretUrl(), { maxBytes: 1000 }))).reason).toBe("too-large");
  });

  it("gives up after the timeout", async () => {
    serve = (res) => {
      res.writeHead(200);
      res.write("@misc{");
      // …and never finishes.
    };
    const error = await failure(downloadText(secretUrl(), { maxBytes: 1000, timeoutMs: 100 }));
    expect(error.reason).toBe("timeout");
  });

  it("reports an HTTP error and a refused connection without the URL", async () => {
    serve = (res) => res.writeHead(404).end("Not Found");
    const notFound = await failure(downloadText(secretUrl(), { maxBytes: 1000 }));
    expect(notFound.reason).toBe("status");
    expect(notFound.message).toContain("404");

    const refused = await failure(
      downloadText("http://127.0.0.1:1/file/bot123:secret/x", { maxBytes: 1000 }),
    );
    expect(refused.reason).toBe("network");
    for (const error of [notFound, refused]) expect(error.message).not.toContain("secret");
  });
});
