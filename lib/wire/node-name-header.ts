/**
 * Response header in which our agent (and its relay mode) names the node it watches, so the
 * server can list each agent with its node before — or without — any event naming it. Real
 * Tetragon does not send it; the server then takes its events' node_name.
 */
export const NODE_NAME_HEADER = 'holocron-node-name';
