// What stopped the submit, at the top of the form: focused when it appears (keyboard and screen
// reader users land on it), each problem a button that moves to the control to fix.
import type { Ref } from 'react';

export interface Problem {
  text: string;
  /** The id of the control to fix, when there is one. */
  target?: string;
}

export function ErrorSummary({ title, problems, ref }: { title: string; problems: Problem[]; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="create-error-title">
      <h2 id="create-error-title">{title}</h2>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.target
              ? <button type="button" className="link" onClick={() => document.getElementById(problem.target!)?.focus()}>{problem.text}</button>
              : problem.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
