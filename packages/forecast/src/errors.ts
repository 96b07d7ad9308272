/** Bad input to a forecasting function; `field` names the offending input (`series`, `horizon`, `alpha`...). */
export class ForecastInputError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ForecastInputError';
    this.field = field;
  }
}
