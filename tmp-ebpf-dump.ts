import { createEbpfSource } from '@/lib/agent/sources/ebpf/ebpf-source';
const src = createEbpfSource({ log: (m) => console.error('[log]', m) });
const ac = new AbortController();
const t0 = Date.now();
src.attached.then(() => console.error('[attached after ms]', Date.now() - t0));
setTimeout(() => ac.abort(), Number(process.argv[2] ?? 15000));
src.run((l) => { if (!JSON.stringify(l.json).includes('procFS')) console.log(JSON.stringify(l.json)); }, ac.signal).then(() => { console.error('[stats]', JSON.stringify(src.stats)); process.exit(0); });
