import { type ReactNode, useId } from "react";

/** A card of the figures pages, named by its heading (a region a screen reader can jump to). */
export function FiguresCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
