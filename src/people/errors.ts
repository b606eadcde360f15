// What can stop onboarding a person, as values the front ends turn into messages: bad input (exit 2 in the CLI,
// nothing written) or a failure while working (exit 1). Paths are escaped where the message is made.

export class PersonError extends Error {
  override name = 'PersonError';
  constructor(readonly kind: 'input' | 'failure', message: string, readonly hint?: string) {
    super(message);
  }
}
