import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAccessPolicy, type AccessPolicy } from "../../bot/access.js";
import { sandboxGroupIds } from "../../sandbox/localStack.js";
import { startTestTenant, users, type TestTenant } from "../graph/support/sandbox.js";

describe("group access policy over Graph", () => {
  let tenant: TestTenant;
  let policy: AccessPolicy;

  beforeAll(async () => {
    tenant = await startTestTenant();
    policy = groupAccessPolicy({ graph: tenant.gateway(), adminGroupId: sandboxGroupIds.admins, helpdeskGroupId: sandboxGroupIds.helpdesk });
  });
  afterAll(() => tenant.stop());

  it("admin group member is admin and helpdesk", async () => {
    expect(await policy.isAdmin(users.ada.id)).toBe(true);
    expect(await policy.isHelpdesk(users.ada.id)).toBe(true);
  });

  it("helpdesk group member is helpdesk only", async () => {
    expect(await policy.isAdmin(users.bruno.id)).toBe(false);
    expect(await policy.isHelpdesk(users.bruno.id)).toBe(true);
  });

  it("user in neither group is neither", async () => {
    expect(await policy.isAdmin(users.chloe.id)).toBe(false);
    expect(await policy.isHelpdesk(users.chloe.id)).toBe(false);
  });

  it("without configured groups no one is admin", async () => {
    const unconfigured = groupAccessPolicy({ graph: tenant.gateway() });
    expect(await unconfigured.isAdmin(users.ada.id)).toBe(false);
  });

  it("asks Graph once per user within the cache period", async () => {
    let calls = 0;
    const counting = groupAccessPolicy({
      graph: { checkMemberGroups: async (userId, groupIds) => (calls++, tenant.gateway().checkMemberGroups(userId, groupIds)) },
      adminGroupId: sandboxGroupIds.admins,
    });

    await counting.isAdmin(users.ada.id);
    await counting.isAdmin(users.ada.id);

    expect(calls).toBe(1);
  });
});
