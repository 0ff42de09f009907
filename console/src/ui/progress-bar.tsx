/** A labelled progress bar (0–100); indeterminate when value is null. */
export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  const known = value != null;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={known ? Math.round(value) : undefined}>
      <div className={known ? 'progress-fill' : 'progress-fill indeterminate'} style={known ? { width: `${Math.min(100, Math.max(0, value))}%` } : undefined} />
    </div>
  );
}
