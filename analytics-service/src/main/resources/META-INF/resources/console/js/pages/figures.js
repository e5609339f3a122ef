// What a campaign's progress says, in the console's words. Every figure is a sum of ingest's progress.counts
// (recipients by their current state), so a page and its test derive it the same way from the same API.

export function count(progress, ...states) {
  const c = (progress && progress.counts) || {};
  return states.reduce((sum, s) => sum + (c[s] || 0), 0);
}

/** Cumulative steps: a READ recipient was also sent and delivered. */
export function funnel(progress) {
  const total = (progress && progress.total) || 0;
  return [
    ['recipients', total],
    ['sent', count(progress, 'SENT', 'DELIVERED', 'READ')],
    ['delivered', count(progress, 'DELIVERED', 'READ')],
    ['read', count(progress, 'READ')],
    ['replied', count(progress, 'REPLIED')],
  ];
}

export function done(progress) {
  return progress ? progress.total - progress.remaining : 0;
}
