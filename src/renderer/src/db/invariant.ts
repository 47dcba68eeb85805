/** A write the data layer refuses because it would break one of its rules (the message says which). */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
}
