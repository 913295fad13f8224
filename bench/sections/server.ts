import type { BenchContext } from '../support/context';

export async function runServer(ctx: BenchContext): Promise<void> {
  ctx.report.skip('server', 'not yet', 'todo');
}
