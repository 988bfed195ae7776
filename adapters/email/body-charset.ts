import { Transform, type TransformCallback } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';

// GB2312-labelled mail routinely carries GBK/GB18030 characters (名字里的生僻字); GB18030 is the superset.
const GB_FAMILY = new Set([
  'gb2312',
  'gbk',
  'gb18030',
  'cp936',
  'xgbk',
  'euccn',
  'csgb2312',
  'chinese',
  'ms936',
  'windows936',
]);

const norm = (charset: string): string => charset.toLowerCase().replace(/[^a-z0-9]/g, '');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8WithNonAscii(bytes: Buffer): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Charsets this decoder handles; the Japanese ISO-2022/Shift_JIS family stays with mailparser's own. */
export function sniffable(charset: string): boolean {
  return iconv.encodingExists(charset) && !/2022|shift|sjis|eucjp/.test(norm(charset));
}

/**
 * Decodes a text body whose declared charset may be wrong: bytes that are valid UTF-8 (with
 * non-ASCII in them) are UTF-8 whatever the label says — real GB2312 or Big5 text is practically
 * never valid UTF-8 — the GB family is read as GB18030, and an unknown label is guessed.
 */
export function decodeBody(bytes: Buffer, declared: string): string {
  if (isUtf8WithNonAscii(bytes)) return utf8.decode(bytes).replace(/^\uFEFF/, '');
  const charset = GB_FAMILY.has(norm(declared)) ? 'gb18030' : declared;
  if (iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  const guess = chardet.detect(bytes);
  return guess && iconv.encodingExists(guess) ? iconv.decode(bytes, guess) : bytes.toString('utf8');
}

/** The whole body is needed to judge its charset, so this buffers it (text parts are small). */
export class BodyCharsetDecoder extends Transform {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly declared: string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(Buffer.from(decodeBody(Buffer.concat(this.chunks), this.declared), 'utf8'));
    done();
  }
}
