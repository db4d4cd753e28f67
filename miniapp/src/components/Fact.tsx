/** One labelled fact in a `<dl className="facts">`: a label above its value. */
export function Fact({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </div>
  );
}
