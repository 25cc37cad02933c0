/** An error response of the tab API: its HTTP status and its `{ code, message }` body. */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** True when the API asks for consent (403 consent_required). */
  get isConsentRequired(): boolean {
    return this.code === "consent_required";
  }
}
