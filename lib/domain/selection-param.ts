/**
 * The URL parameter that names the selected item in every view (`/flows?sel=<uuid>`,
 * `/processes?sel=<event id>`, `/pods/<ns>/<pod>?sel=<exec_id>`), here so links built outside
 * the browser (alert webhooks, process links) use the same word as the views that read them.
 * The names it replaced (`flow`, `exec`) are still read by the views: shared links keep opening.
 */
export const SELECTION_PARAM = 'sel';

/** The names the selection had before it was `sel`, per view; read, never written. */
export const LEGACY_SELECTION_PARAMS = { flows: 'flow', timeline: 'exec' } as const;
