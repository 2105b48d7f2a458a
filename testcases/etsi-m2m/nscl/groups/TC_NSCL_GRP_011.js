// SPDX-License-Identifier: Apache-2.0
import {
    asEntity, ensureNoAccessRight, freshAccessRight, groupOfContainers, memberStatuses, ownerPermission,
    removeGroupOfContainers,
} from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_011",
    title: "A membersContent fan-out checks the requester's rights on each member",
    purpose: "TP_NSCL_GRP_011",
    objective: "Check that when one member of a <group> is protected by an <accessRight> that gives " +
        "PX_OTHER_ENTITY nothing, a RETRIEVE of membersContent by PX_OTHER_ENTITY gives " +
        "STATUS_PERMISSION_DENIED for that member and STATUS_OK for the others, with no " +
        "resultBody of the protected member.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: membersContent; access rights management)" },
        { document: "ETSI TS 102 921", clause: "membersContent.xsd; accessRight.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS && PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let s;
let other;

export function preamble(ctx) {
    other = ctx.pixit("PX_OTHER_ENTITY");
    s = groupOfContainers(ctx, 2);
    const a = freshAccessRight(ctx, { permissions: [ownerPermission(ctx)] });
    const protect = `<?xml version="1.0"?><m2m:container xmlns:m2m="http://uri.etsi.org/m2m">` +
        `<m2m:accessRightID>${a.accessRight}</m2m:accessRightID></m2m:container>`;
    ctx.expectStatus(ctx.device.update(s.members[1].container, protect), "STATUS_OK");
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(s.g.membersContent, asEntity(ctx, other));
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "membersContentResponses")) {
        const statuses = memberStatuses(ctx, rsp);
        const open = statuses[s.members[0].container];
        const closed = statuses[s.members[1].container];
        ctx.expectEqual(open ? open.statusCode : "(no <status>)", "STATUS_OK", "status of the open member", rsp);
        ctx.expectEqual(closed ? closed.statusCode : "(no <status>)", "STATUS_PERMISSION_DENIED",
            "status of the member PX_OTHER_ENTITY may not read", rsp);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx, 2);
    ensureNoAccessRight(ctx);
}
