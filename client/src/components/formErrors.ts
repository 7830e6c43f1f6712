import { useEffect } from 'react';
import type { ApiError } from './errors';

/** Moves focus to the control of the input field the API's error names. */
export function useFocusOnError(error: ApiError | undefined, controlIds: Record<string, string>) {
  useEffect(() => {
    const controlId = error?.field ? controlIds[error.field] : undefined;
    if (controlId) document.getElementById(controlId)?.focus();
  }, [error, controlIds]);
}

/** The message for one input field, or for the top of the form when the API names no field we show. */
export function errorPlacement(error: ApiError | undefined, controlIds: Record<string, string>) {
  return {
    fieldError: (field: string) => (error?.field === field ? error.message : undefined),
    topError: error && !(error.field && error.field in controlIds) ? error.message : undefined,
  };
}
