type ProgressBarProps = {
  label: string;
  /** 0..1, or null for "working, no measure". */
  value: number | null;
  valueText?: string;
  tone?: 'brand' | 'success' | 'warning' | 'danger';
};

export function ProgressBar({ label, value, valueText, tone = 'brand' }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress progress--${tone}${percent === null ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
    >
      <div className="progress__fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
