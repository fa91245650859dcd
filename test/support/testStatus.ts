/** Whether the test an `afterEach` hook ran for failed (`passed` is missing from Node 20's types). */
export function failed(context: object): boolean {
  return (context as { passed?: boolean }).passed === false;
}
