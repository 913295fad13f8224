/**
 * How far an import is, for the progress bar. The share is of the text sent, not of the file read:
 * the browser reads (and gunzips) ahead of the uploads, and one 64 KiB block of a gzip capture can
 * hold megabytes of lines. A gzip file's size when unpacked is in its trailer (ISIZE, RFC 1952:
 * the last four bytes, little-endian, modulo 2^32); when that cannot be right (a multi-member file,
 * or one over 4 GiB) the share of compressed bytes read stands in.
 */
export function gzipUnpackedSize(trailer: Uint8Array, compressedSize: number): number | null {
  if (trailer.length < 4) return null;
  const isize = (trailer[0]! | (trailer[1]! << 8) | (trailer[2]! << 16) | (trailer[3]! << 24)) >>> 0;
  // Unpacked text is practically never smaller than its gzip: then ISIZE wrapped or is not ours.
  return isize >= compressedSize ? isize : null;
}

export interface ProgressInput {
  sentChars: number;
  /** Size of the text to send (file size, or gzip's ISIZE); null when unknown. */
  textSize: number | null;
  readBytes: number;
  fileSize: number;
  finished: boolean;
}

/** A share in [0, 1]; 1 only once finished (an estimate never claims to be done). */
export function progressShare(p: ProgressInput): number {
  if (p.finished) return 1;
  const share = p.textSize ? p.sentChars / p.textSize : p.fileSize > 0 ? p.readBytes / p.fileSize : 0;
  return Math.max(0, Math.min(0.99, share));
}
