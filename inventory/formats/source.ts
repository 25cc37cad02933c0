import type { Readable } from "node:stream";
import { ValidationError } from "../errors.js";

/** Bytes that {@link readHead} collects before the format and dialect are decided. */
const HEAD_BYTES = 64 * 1024;

const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** The start of an input, and the whole input as a stream of bytes. */
export interface SourceHead {
  /** The first bytes, without a UTF-8 byte order mark. At least two lines unless the input is shorter. */
  head: Buffer;
  /** True when `head` is the whole input. */
  complete: boolean;
  /** Yields `head` and then the rest of the input; call once. */
  chunks(): AsyncIterable<Buffer>;
}

/**
 * Reads the start of a seed file, strips a UTF-8 byte order mark and rejects encodings and
 * formats that cannot be a CSV UTF-8 or JSON file.
 * @throws {ValidationError} `unsupportedEncoding` for UTF-16 or UTF-32, `unsupportedFormat` for an
 * Excel workbook, `emptyFile` when nothing but whitespace is left.
 */
export async function readHead(input: Readable | Buffer | string): Promise<SourceHead> {
  const iterator = toChunkIterator(input);
  const collected: Buffer[] = [];
  let length = 0;
  let complete = false;

  while (length < HEAD_BYTES && countLineBreaks(collected) < 2) {
    const next = await iterator.next();
    if (next.done) {
      complete = true;
      break;
    }
    collected.push(next.value);
    length += next.value.length;
  }

  const raw = Buffer.concat(collected);
  checkEncoding(raw);
  const head = raw.subarray(0, 3).equals(utf8Bom) ? raw.subarray(3) : raw;
  if (complete && head.toString("utf8").trim() === "") {
    throw new ValidationError("emptyFile", "The file is empty. Upload the seed file that the token vendor sent.");
  }

  return { head, complete, chunks: () => remainingChunks(head, iterator) };
}

function checkEncoding(raw: Buffer): void {
  const startsWith = (...bytes: number[]) => bytes.every((byte, index) => raw[index] === byte);

  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    throw new ValidationError(
      "unsupportedFormat",
      'The file is a ZIP archive such as an Excel workbook (.xlsx), not a CSV or JSON file. In Excel choose Save As, then "CSV UTF-8 (Comma delimited)", and upload that file.',
    );
  }

  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff) || startsWith(0x00, 0x00, 0xfe, 0xff) || raw.includes(0x00)) {
    throw new ValidationError(
      "unsupportedEncoding",
      "The file is saved as UTF-16 or UTF-32 (Excel calls it Unicode text). In Excel choose Save As, " +
        'then "CSV UTF-8 (Comma delimited)", and upload that file.',
    );
  }
}

function toChunkIterator(input: Readable | Buffer | string): AsyncIterator<Buffer> {
  if (typeof input === "string") return singleChunk(Buffer.from(input, "utf8"));
  if (Buffer.isBuffer(input)) return singleChunk(input);

  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return {
    async next() {
      const next = await source.next();
      if (next.done) return { done: true, value: undefined };
      const chunk = typeof next.value === "string" ? Buffer.from(next.value, "utf8") : next.value;
      return { done: false, value: chunk };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
}

async function* singleChunkGenerator(chunk: Buffer): AsyncGenerator<Buffer> {
  yield chunk;
}

function singleChunk(chunk: Buffer): AsyncIterator<Buffer> {
  return singleChunkGenerator(chunk);
}

async function* remainingChunks(head: Buffer, iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;

    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Releases the input stream when the reader stops early.
    await iterator.return?.();
  }
}

function countLineBreaks(chunks: readonly Buffer[]): number {
  let count = 0;
  for (const chunk of chunks) {
    for (let index = chunk.indexOf(0x0a); index !== -1; index = chunk.indexOf(0x0a, index + 1)) count++;
  }
  return count;
}
