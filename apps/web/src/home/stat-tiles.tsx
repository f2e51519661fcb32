import type { ReactNode } from 'react';

export type Tile = {
  label: string;
  value: ReactNode;
  tone?: 'success' | 'danger' | 'neutral';
  hint?: string;
};

export function StatTiles({ tiles, label }: { tiles: Tile[]; label: string }) {
  return (
    <dl className="stats stats--tiles" aria-label={label}>
      {tiles.map((tile) => (
        <div key={tile.label} className={`stat${tile.tone ? ` stat--${tile.tone}` : ''}`}>
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
          {tile.hint ? <dd className="stat__hint">{tile.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
