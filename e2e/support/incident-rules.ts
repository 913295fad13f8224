/** The five alerts SCENARIO.md's incident raises (step 5), by rule name, sorted. */
export const INCIDENT_RULES = [
  'Clear log activities',
  'Kill of container init process',
  'Read sensitive file',
  'Shell spawned by server process in container',
  'Terminal shell exec in container',
];
