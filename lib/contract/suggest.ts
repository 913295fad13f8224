/** One value seen recently for a filter kind, with how often. */
export interface SuggestedValue {
  value: string;
  count: number;
}

/** GET /api/suggest?source=&kind=&prefix=[&direction=][&limit=]. */
export interface SuggestAnswer {
  values: SuggestedValue[];
}
