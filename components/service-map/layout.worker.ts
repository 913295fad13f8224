/// <reference lib="webworker" />
import { runLayout, type LayoutRequest } from './layout-job';

/**
 * Lays out the service map off the main thread: at 300 workloads and 2,000 edges the packing
 * takes long enough to drop frames while the user pans. The newest request wins; the page
 * ignores answers to requests it has since replaced.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<LayoutRequest>) => {
  scope.postMessage(runLayout(e.data));
};
