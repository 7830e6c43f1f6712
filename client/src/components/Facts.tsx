import type { ReactNode } from 'react';

/** One labelled fact: what it is, and its value. */
export type Fact = [label: string, value: ReactNode];

/** Labelled facts about one thing (a credential, an audit event), as a description list. */
export function Facts({ facts, label }: { facts: Fact[]; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {facts.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
