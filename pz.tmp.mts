import fs from 'node:fs'; import zlib from 'node:zlib'; import { promisify } from 'node:util';
const buf = fs.readFileSync('/tmp/b17q/tree.json');
const gzip = promisify(zlib.gzip); const raw = promisify(zlib.deflateRaw);
async function par(b: Buffer, parts: number, level: number) {
  const size = Math.ceil(b.length / parts);
  const outs = await Promise.all(Array.from({ length: parts }, (_, i) => raw(b.subarray(i * size, (i + 1) * size), { level, finishFlush: i === parts - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH })));
  const head = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  const trail = Buffer.alloc(8); trail.writeUInt32LE(zlib.crc32(b) >>> 0, 0); trail.writeUInt32LE(b.length >>> 0, 4);
  return Buffer.concat([head, ...outs, trail]);
}
async function t(name: string, f: () => Promise<Buffer>) { const xs: number[] = []; let out!: Buffer; const c0 = process.cpuUsage(); for (let i = 0; i < 9; i++) { const a = performance.now(); out = await f(); xs.push(performance.now() - a); } const c = process.cpuUsage(c0); xs.sort((a, b) => a - b); console.log(name, out.length, 'median wall', xs[4].toFixed(1), 'cpu/run', ((c.user + c.system) / 9 / 1000).toFixed(1)); return out; }
for (const level of [1, 6]) { await t(`gzip ${level}`, () => gzip(buf, { level })); const p = await t(`par2 ${level}`, () => par(buf, 2, level)); if (!zlib.gunzipSync(p).equals(buf)) throw new Error('bad'); await t(`par4 ${level}`, () => par(buf, 4, level)); }
const g1 = zlib.gzipSync(buf, { level: 1 });
await t('gunzip 1', async () => zlib.gunzipSync(g1));
