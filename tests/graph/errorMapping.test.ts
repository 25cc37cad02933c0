import { GraphError } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { toGraphRequestError } from "../../inventory/graph/errorMapping.js";
import type { GraphOperation } from "../../inventory/graph/permissions.js";

function graphError(status: number, code: string, message = "Graph said no."): GraphError {
  const error = new GraphError(status, message);
  error.code = code;
  error.requestId = "11111111-2222-3333-4444-555555555555";
  return error;
}

describe("toGraphRequestError", () => {
  it.each<{ operation: GraphOperation; status: number; graphCode: string; expected: string }>([
    { operation: "createDevice", status: 409, graphCode: "conflict", expected: "duplicateSerial" },
    { operation: "assignDevice", status: 409, graphCode: "conflict", expected: "invalidDeviceState" },
    { operation: "activateDevice", status: 400, graphCode: "badRequest", expected: "invalidVerificationCode" },
    { operation: "assignAndActivateDevice", status: 400, graphCode: "badRequest", expected: "invalidVerificationCode" },
    { operation: "createDevice", status: 400, graphCode: "badRequest", expected: "badRequest" },
    { operation: "getDevice", status: 404, graphCode: "Request_ResourceNotFound", expected: "notFound" },
    { operation: "listDevices", status: 429, graphCode: "TooManyRequests", expected: "throttled" },
    { operation: "listDevices", status: 503, graphCode: "serviceNotAvailable", expected: "unavailable" },
    { operation: "listDevices", status: 504, graphCode: "gatewayTimeout", expected: "unavailable" },
    { operation: "getUser", status: 401, graphCode: "InvalidAuthenticationToken", expected: "authenticationFailed" },
    { operation: "getUser", status: 500, graphCode: "generalException", expected: "graphError" },
    { operation: "assignDevice", status: 400, graphCode: "guestUserNotAllowed", expected: "guestNotAllowed" },
  ])("maps $status $graphCode on $operation to $expected", ({ operation, status, graphCode, expected }) => {
    const mapped = toGraphRequestError(operation, graphError(status, graphCode));

    expect(mapped.code).toBe(expected);
    expect(mapped.httpStatus).toBe(status);
    expect(mapped.graphCode).toBe(graphCode);
    expect(mapped.requestId).toBe("11111111-2222-3333-4444-555555555555");
    expect(mapped.message).toContain("11111111-2222-3333-4444-555555555555");
  });

  it.each<{ operation: GraphOperation; permission: string }>([
    { operation: "createDevice", permission: "Policy.ReadWrite.AuthenticationMethod" },
    { operation: "activateDevice", permission: "UserAuthenticationMethod.ReadWrite.All" },
    { operation: "findUserByUpn", permission: "User.Read.All" },
  ])("names $permission when Graph denies $operation", ({ operation, permission }) => {
    const mapped = toGraphRequestError(operation, graphError(403, "Authorization_RequestDenied"));

    expect(mapped.code).toBe("permissionDenied");
    expect(mapped.message).toContain(`grant the application permission ${permission} and admin consent`);
  });

  it("leaves Graph's message out when the request carried a code", () => {
    const mapped = toGraphRequestError("activateDevice", graphError(400, "badRequest", "Code 012345 is invalid."));

    expect(mapped.message).not.toContain("012345");
  });

  it("ignores the message text when choosing the code", () => {
    const mapped = toGraphRequestError("getDevice", graphError(500, "generalException", "Too many requests; device not found"));

    expect(mapped.code).toBe("graphError");
  });
});
