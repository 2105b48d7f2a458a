// SPDX-License-Identifier: Apache-2.0
import { containerPaths, ensureNoContainer, ensureNoGroup, freshContainer, groupPaths, groupXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_007",
    title: "The NSCL keeps a <group> within maxNrOfMembers",
    purpose: "TP_NSCL_GRP_007",
    objective: "Check that a CREATE of a <group> with three members and maxNrOfMembers 2 is answered " +
        "STATUS_BAD_REQUEST, and that an UPDATE growing a group of maxNrOfMembers 2 to three " +
        "members is answered STATUS_BAD_REQUEST and leaves it with two.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: create, update)" },
        { document: "ETSI TS 102 921", clause: "group.xsd (maxNrOfMembers)" },
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
    members = [1, 2, 3].map((i) => freshContainer(ctx, { id: `${g.id}-m${i}` }).container);
}

export function body(ctx) {
    const tooMany = ctx.device.create(g.groups, groupXml({ id: g.id, memberType: "CONTAINER", maxNrOfMembers: 2, members }));
    ctx.expectStatus(tooMany, "STATUS_BAD_REQUEST");
    ctx.expectValid(tooMany, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(g.group), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.create(g.groups,
        groupXml({ id: g.id, memberType: "CONTAINER", maxNrOfMembers: 2, members: members.slice(0, 2) })), "STATUS_CREATED");
    const grow = ctx.device.update(g.group, groupXml({ members }));
    ctx.expectStatus(grow, "STATUS_BAD_REQUEST");
    const kept = ctx.device.retrieve(g.group);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "members/reference").length, 2, "the refused UPDATE left two members", kept);
}

export function postamble(ctx) {
    ensureNoGroup(ctx);
    [1, 2, 3].forEach((i) => ensureNoContainer(ctx, `${g.id}-m${i}`));
}
