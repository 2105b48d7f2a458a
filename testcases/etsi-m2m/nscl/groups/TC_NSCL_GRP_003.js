// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, groupXml, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_003",
    title: "The NSCL updates a <group>'s members",
    purpose: "TP_NSCL_GRP_003",
    objective: "Check that an UPDATE of a <group> that drops a member is answered STATUS_OK, and that " +
        "a later RETRIEVE shows one member, currentNrOfMembers 1, the creationTime unchanged and " +
        "lastModifiedTime moved on.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: update)" },
        { document: "ETSI TS 102 921", clause: "<group> (group.xsd: members, currentNrOfMembers)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = groupOfContainers(ctx);
}

export function body(ctx) {
    const before = ctx.device.retrieve(s.g.group);
    ctx.expectStatus(before, "STATUS_OK");
    ctx.sleep(1100); // lastModifiedTime has a resolution of one second
    ctx.expectStatus(ctx.device.update(s.g.group, groupXml({ members: [s.members[0].container] })), "STATUS_OK");
    const after = ctx.device.retrieve(s.g.group);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "group")) {
        ctx.expectEqual(ctx.select(after.body, "members/reference").join(" "), s.members[0].container,
            "the members are the updated ones", after);
        ctx.expectEqual(ctx.select(after.body, "currentNrOfMembers")[0], "1", "currentNrOfMembers after the UPDATE", after);
        ctx.expectEqual(ctx.select(after.body, "creationTime")[0], ctx.select(before.body, "creationTime")[0],
            "creationTime unchanged by the UPDATE", after);
        ctx.expectTrue(ctx.select(after.body, "lastModifiedTime")[0] > ctx.select(before.body, "lastModifiedTime")[0],
            "lastModifiedTime moved on with the UPDATE", after);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx);
}
