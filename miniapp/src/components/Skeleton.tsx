/** Grey placeholders in the shape of what is loading, so the page does not jump when it arrives. */
type SkeletonProps = { lines?: number; height?: number; width?: string };

export function SkeletonBlock({ height = 20, width = "100%" }: { height?: number; width?: string }) {
  return <span className="skeleton" style={{ height, width }} aria-hidden="true" />;
}

export function SkeletonCard({ lines = 3, height = 20 }: SkeletonProps) {
  return (
    <div className="card skeleton-card" aria-hidden="true">
      <SkeletonBlock height={height + 6} width="70%" />
      {Array.from({ length: lines }, (_, i) => (
        <SkeletonBlock key={i} height={height} width={i === lines - 1 ? "55%" : "100%"} />
      ))}
    </div>
  );
}

/** Announces loading once to screen readers while the skeletons show. */
export function LoadingRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className="stack">
      {children}
    </div>
  );
}
