// What stops a renewal, as a value: where (a field path such as `ids[0]` or a file), what, and what to do.
// Only the CLI turns these into a message and an exit code.

export interface RenewProblem {
  field: string;
  message: string;
  hint: string;
}

/** Thrown by renew() when it refuses before writing anything; carries every problem found. */
export class RenewRefused extends Error {
  override name = 'RenewRefused';
  constructor(readonly problems: RenewProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}
