import type { TenantContext } from "./context.js";
import { badRequest } from "./errors.js";
import { driftWindowFor } from "./knobs.js";
import type { StoredDevice } from "./state.js";
import { verifyTotp } from "./totp.js";

/**
 * Activates an assigned device with a verification code checked against the device's own seed,
 * hash and interval within the drift window. A wrong code, or a code that is not a JSON string of
 * 6 digits, leaves the device in `failedActivation`, from which a later valid code still activates.
 * @throws GraphError 400 `badRequest` for an invalid code or a device that is already active.
 */
export function activateDevice(context: TenantContext, device: StoredDevice, verificationCode: unknown, displayName?: string): void {
  if (device.status === "activated") {
    throw badRequest(`The hardware OATH token '${device.serialNumber}' is already activated.`);
  }
  if (device.status === "available") {
    throw badRequest(`The hardware OATH token '${device.serialNumber}' is not assigned. Assign it before activating it.`);
  }

  const check =
    typeof verificationCode === "string"
      ? verifyTotp(
          device,
          verificationCode,
          driftWindowFor(context.knobs, device.timeIntervalInSeconds),
          Date.now() + context.knobs.totpClockOffsetSeconds * 1000,
        )
      : ({ valid: false } as const);
  if (!check.valid) {
    device.status = "failedActivation";
    context.devices.changed();
    throw badRequest("The verification code is invalid.");
  }

  device.status = "activated";
  device.lastAcceptedStep = check.timeStep;
  device.lastUsedDateTime = new Date().toISOString();
  if (displayName !== undefined) device.displayName = displayName;
  context.devices.changed();
}
