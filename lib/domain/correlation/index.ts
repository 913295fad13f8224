/** Flow ↔ process correlation: IP→pod over time, socket destinations, the connecting process, lookups. */
export { buildIpToPodMap, type FlowPeer, type IpToPodMap, type IpToPodOptions, type PodAtIp } from '@/lib/domain/correlation/ip-to-pod-map';
export { resolveSockDestination, type ResolvedDestination } from '@/lib/domain/correlation/resolve-sock-destination';
export {
  findConnectingProcess,
  type ConnectingProcess,
  type ConnectionMatch,
  type FindConnectingOptions,
} from '@/lib/domain/correlation/find-connecting-process';
export { processFlowsQuery, flowMatchesQuery, type FlowLookup, type FlowsQueryOptions } from '@/lib/domain/correlation/process-flows-query';
export { destinationProcessesWindow, type ProcessesWindow } from '@/lib/domain/correlation/destination-processes-window';
export { connectionSides, serverSide, clientNodeOf, nodeBaseName, type ConnectionSides } from '@/lib/domain/correlation/flow-sides';
