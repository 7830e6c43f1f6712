import { useEffect } from 'react';
import type { ApiError, FieldProblem } from './errors';

/** Each field the error names, with its message: the API's list when it named several, else its one field. */
export function problemsOf(error: ApiError | undefined): FieldProblem[] {
  if (!error) return [];
  if (error.problems) return error.problems;
  return error.field ? [{ field: error.field, message: error.message }] : [];
}

/** Moves focus to the control of the (first) input field the error names. */
export function useFocusOnError(error: ApiError | undefined, controlIds: Record<string, string>) {
  useEffect(() => {
    const first = problemsOf(error).find((p) => p.field in controlIds);
    if (first) document.getElementById(controlIds[first.field])?.focus();
  }, [error, controlIds]);
}

/**
 * The message for each input field, the bad items of a list field, and the message for the top of the form: the
 * whole message when the error names no field we show, else the problems of fields we do not show.
 */
export function errorPlacement(error: ApiError | undefined, controlIds: Record<string, string>) {
  const problems = problemsOf(error);
  const unplaced = problems.filter((p) => !(p.field in controlIds));
  const topError =
    error && (problems.length === 0 || unplaced.length === problems.length)
      ? error.message
      : unplaced.map((p) => p.message).join(' ') || undefined;
  return {
    fieldError: (field: string) => problems.find((p) => p.field === field)?.message,
    invalidItems: (field: string) => problems.find((p) => p.field === field)?.invalid ?? [],
    topError,
  };
}
