// HOLOCRON_BASE_PATH, the sub-path Holocron is served under behind an ingress (`/holocron`).
// One reading for next.config.js (Next's basePath is fixed at build time), the build stamp
// (a different base path means a rebuild) and the server's start check.
const SEGMENTS = /^(\/[A-Za-z0-9._~-]+)+$/;

/** '' (served at the root) or `/a/b`; throws with the variable's name on anything else. */
function basePathFromEnv(raw = process.env.HOLOCRON_BASE_PATH) {
  const v = (raw ?? '').trim().replace(/\/+$/, '');
  if (v === '') return '';
  if (!SEGMENTS.test(v)) {
    throw new Error(`HOLOCRON_BASE_PATH: "${raw}" is not a path like /holocron (letters, digits, . _ ~ - between slashes)`);
  }
  return v;
}

module.exports = { basePathFromEnv };
