/** The service map's public face: aggregation, layout, drawing geometry, and test data. */
export { flowToSample, type MapEndpointSample, type MapFlowSample } from '@/lib/domain/service-map/map-sample';
export type * from '@/lib/domain/service-map/service-map';
export { aggregateServiceMap, type AggregateOptions } from '@/lib/domain/service-map/aggregate-service-map';
export { layoutServiceMap, type IslandBox, type LayoutOptions, type ServiceMapLayout } from '@/lib/domain/service-map/layout-service-map';
export { edgePath, type EdgeGeometry, type EdgePathOptions } from '@/lib/domain/service-map/edge-path';
export { cardSize, endpointRowLabel, CARD, MAX_CARD_SIZE } from '@/lib/domain/service-map/card-size';
export type { Box, Point } from '@/lib/domain/service-map/box';
export { syntheticSamples, type SyntheticOptions } from '@/lib/domain/service-map/synthetic-samples';
export { edgeRoutes, type EdgeRoute } from '@/lib/domain/service-map/edge-routes';
export { compareEndpoints, needsAttention, rankEndpoints, rankMapEndpoints } from '@/lib/domain/service-map/endpoint-rank';
export { EDGE_LABEL, edgeLabelLines, edgeLabelSize, isSecured, portLabel, shortCount, type EdgeLabelLine } from '@/lib/domain/service-map/edge-label';
export { placeLabels, pointOnCurve, type LabelRequest } from '@/lib/domain/service-map/label-placement';
