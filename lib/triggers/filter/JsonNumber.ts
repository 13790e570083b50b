/**
 * A number from a record value, with the text it was written as. Lambda compares numbers in exact
 * matches by their string representation, so 300, 300.0 and 3.0e2 are three different values
 * (DOCS.filterSyntax); `numeric` and `anything-but` compare `value`.
 */
export class JsonNumber {
  readonly value: number;

  constructor(readonly text: string) {
    this.value = Number(text);
  }
}
