import { describe, expect, it } from "vitest";
import { eqFilter, graphPath, odataString, queryString } from "../../inventory/graph/odata.js";

describe("OData helpers", () => {
  it("doubles single quotes inside a string literal", () => {
    expect(odataString("dan.o'neil@northwind.example")).toBe("'dan.o''neil@northwind.example'");
    expect(odataString("x' or 1 eq 1 or '")).toBe("'x'' or 1 eq 1 or '''");
  });

  it("encodes # and @ in path segments", () => {
    expect(graphPath("users", "alex_fabrikam.example#EXT#@northwind.example")).toBe(
      "/users/alex_fabrikam.example%23EXT%23%40northwind.example",
    );
    expect(graphPath("directory", "a/b?c")).toBe("/directory/a%2Fb%3Fc");
  });

  it("encodes query values and leaves out undefined ones", () => {
    expect(queryString({ $filter: "serialNumber eq 'A&B=#'", $top: 3, $select: undefined })).toBe(
      "?$filter=serialNumber%20eq%20'A%26B%3D%23'&$top=3",
    );
    expect(queryString({ $filter: undefined })).toBe("");
  });

  it("joins eq conditions with and", () => {
    expect(eqFilter({ serialNumber: "7123", status: "available", "assignedTo/id": undefined })).toBe(
      "serialNumber eq '7123' and status eq 'available'",
    );
    expect(eqFilter({ status: undefined })).toBeUndefined();
  });
});
