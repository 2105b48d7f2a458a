// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, ensureNoGroup, freshContainer, groupPaths, groupXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_008",
    title: "The NSCL checks that a <group>'s members are of its memberType",
    purpose: "TP_NSCL_GRP_008",
    objective: "Check that a CREATE of a <group> with memberType APPLICATION whose member is a " +
        "<container>, or with memberType CONTAINER whose member names no resource of the NSCL, is " +
        "answered STATUS_BAD_REQUEST with a valid <errorInfo> and creates nothing.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: create, memberType)" },
        { document: "ETSI TS 102 921", clause: "group.xsd (memberType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let g;
let c;

export function preamble(ctx) {
    g = groupPaths(ctx);
    ensureNoGroup(ctx);
    c = freshContainer(ctx, { id: `${g.id}-m1` });
}

export function body(ctx) {
    const wrongType = ctx.device.create(g.groups, groupXml({ id: g.id, memberType: "APPLICATION", members: [c.container] }));
    ctx.expectStatus(wrongType, "STATUS_BAD_REQUEST");
    ctx.expectValid(wrongType, "errorInfo");
    const nothing = ctx.device.create(g.groups,
        groupXml({ id: g.id, memberType: "CONTAINER", members: [c.container + "-missing"] }));
    ctx.expectStatus(nothing, "STATUS_BAD_REQUEST");
    ctx.expectValid(nothing, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(g.group), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoGroup(ctx);
    ensureNoContainer(ctx, c.id);
}
