import { compileRegex } from '@/lib/domain/regex/re2';

/**
 * The value parsers of the `q` kinds (kinds.ts): each checks and normalises a value once, at
 * parse time, so matchers and SQL downstream never re-check it. A parser returns the normalised
 * value or throws an Error whose message says what is expected.
 */
export type ValueParser = (value: string) => string;

const VERDICTS = ['FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRACED', 'TRANSLATED', 'VERDICT_UNKNOWN'];
// LOST_EVENTS / NODE_STATUS: the GetFlowsResponse notices stored in place among the flows.
const FLOW_TYPES = ['L3_L4', 'L7', 'SOCK', 'UNKNOWN_TYPE', 'LOST_EVENTS', 'NODE_STATUS'];
const DIRECTIONS = ['INGRESS', 'EGRESS', 'TRAFFIC_DIRECTION_UNKNOWN'];
const PROTOCOLS = ['TCP', 'UDP', 'ICMPV4', 'ICMPV6', 'SCTP', 'VRRP', 'IGMP'];
const TCP_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'NS'];
/** `event-type=` values: GetEventsResponse's oneof member names without the `process_` prefix. */
export const EVENT_TYPES: Record<string, string> = {
  exec: 'process_exec',
  exit: 'process_exit',
  kprobe: 'process_kprobe',
  tracepoint: 'process_tracepoint',
  loader: 'process_loader',
  uprobe: 'process_uprobe',
  throttle: 'process_throttle',
  lsm: 'process_lsm',
  usdt: 'process_usdt',
  test: 'test',
  rate_limit_info: 'rate_limit_info',
};

export const text: ValueParser = (v) => {
  if (v === '') throw new Error('expected a non-empty value');
  return v;
};
export const upperText: ValueParser = (v) => text(v).toUpperCase();
const oneOf =
  (allowed: string[], what: string): ValueParser =>
  (v) => {
    const up = v.toUpperCase();
    if (!allowed.includes(up)) throw new Error(`expected ${what}: ${allowed.join(', ')}`);
    return up === 'ICMPV4' ? 'ICMPv4' : up === 'ICMPV6' ? 'ICMPv6' : up;
  };
export const verdict = oneOf(VERDICTS, 'a verdict');
export const flowType = oneOf(FLOW_TYPES, 'a flow type');
export const protocol = oneOf(PROTOCOLS, 'a protocol');
export const trafficDirection = oneOf(DIRECTIONS, 'a traffic direction');
export const tcpFlag = oneOf(TCP_FLAGS, 'a TCP flag');

export const integer =
  (min: number, max: number): ValueParser =>
  (v) => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new Error(`expected a whole number from ${min} to ${max}`);
    return String(Number(v));
  };
export const port = integer(0, 65535);
export const uint32 = integer(0, 4294967295);

/** An RE2 pattern (lib/domain/regex). filter-value.ts anchors and escapes values for these kinds. */
export const regex: ValueParser = (v) => {
  text(v);
  try {
    compileRegex(v);
  } catch (e) {
    throw new Error(`invalid regular expression (RE2 syntax): ${(e as Error).message}`);
  }
  return v;
};
export const ip: ValueParser = (v) => {
  const v4 = /^(\d{1,3})(\.\d{1,3}){3}(\/\d{1,2})?$/;
  const v6 = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;
  if (!(v4.test(v) && v.split('/')[0]!.split('.').every((o) => Number(o) <= 255)) && !(v.includes(':') && v6.test(v))) {
    throw new Error('expected an IPv4 or IPv6 address, optionally with a /prefix');
  }
  return v.toLowerCase();
};
export const httpStatus: ValueParser = (v) => {
  if (!/^[1-5](\d\d|\+)$/.test(v)) throw new Error('expected an HTTP status such as 404, or a class such as 5+');
  return v;
};
export const bool: ValueParser = (v) => {
  const l = v.toLowerCase();
  if (l !== 'true' && l !== 'false') throw new Error('expected true or false');
  return l;
};
export const eventType: ValueParser = (v) => {
  const l = v.toLowerCase().replace(/^process_/, '');
  const kind = EVENT_TYPES[l];
  if (!kind) throw new Error(`expected one of: ${Object.keys(EVENT_TYPES).join(', ')}`);
  return kind;
};
export const capability: ValueParser = (v) => {
  const up = v.toUpperCase();
  const name = up === 'DAC_OVERRIDE' || up.startsWith('CAP_') ? up : `CAP_${up}`;
  if (!/^(CAP_[A-Z_]+|DAC_OVERRIDE)$/.test(name)) throw new Error('expected a capability such as CAP_SYS_ADMIN');
  return name;
};
export const label: ValueParser = (v) => {
  text(v);
  // Hubble prints labels with their source ("k8s:app=x"); users type "app=x". Keep only key[=value].
  return v.replace(/^(k8s|container|any):/, '');
};
