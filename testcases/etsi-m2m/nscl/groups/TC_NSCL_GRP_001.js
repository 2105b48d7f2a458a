// SPDX-License-Identifier: Apache-2.0
import { containerPaths, ensureNoContainer, ensureNoGroup, freshContainer, groupPaths, groupXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_001",
    title: "The NSCL creates a <group> of containers",
    purpose: "TP_NSCL_GRP_001",
    objective: "Check that a CREATE of a <group> with memberType CONTAINER and two members is answered " +
        "STATUS_CREATED with its Location and a valid representation that keeps the members in " +
        "order, counts them in currentNrOfMembers and references its membersContent.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: create)" },
        { document: "ETSI TS 102 921", clause: "<group> (group.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let g;
let members;

export function preamble(ctx) {
    g = groupPaths(ctx);
    ensureNoGroup(ctx);
    members = [1, 2].map((i) => freshContainer(ctx, { id: `${g.id}-m${i}` }).container);
}

export function body(ctx) {
    const rsp = ctx.device.create(g.groups, groupXml({ id: g.id, memberType: "CONTAINER", maxNrOfMembers: 5, members }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(g.group), `Location names the new group (${g.group}); got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "group")) {
        ctx.expectEqual(ctx.select(rsp.body, "@id")[0], g.id, "id of the created <group>", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "members/reference").join(" "), members.join(" "), "the members, in order", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "currentNrOfMembers")[0], "2", "currentNrOfMembers", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "memberType")[0], "CONTAINER", "memberType", rsp);
        const mc = ctx.select(rsp.body, "membersContentReference")[0] || "";
        ctx.expectTrue(mc.endsWith(g.membersContent), `the <group> references its membersContent; got '${mc}'`, rsp);
    }
}

export function postamble(ctx) {
    ensureNoGroup(ctx);
    [1, 2].forEach((i) => ensureNoContainer(ctx, `${g.id}-m${i}`));
}
