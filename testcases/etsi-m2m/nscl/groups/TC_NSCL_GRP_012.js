// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, memberStatuses, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_012",
    title: "A membersContent fan-out reports a member that is gone",
    purpose: "TP_NSCL_GRP_012",
    objective: "Check that after one member container of a <group> is deleted, a RETRIEVE of " +
        "membersContent still answers STATUS_OK with a <status> per member: STATUS_NOT_FOUND for " +
        "the deleted one, STATUS_OK for the other.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: membersContent fan-out)" },
        { document: "ETSI TS 102 921", clause: "membersContent.xsd (status, statusCode)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = groupOfContainers(ctx, 2);
    ctx.expectStatus(ctx.device.remove(s.members[0].container), "STATUS_OK");
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(s.g.membersContent);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "membersContentResponses")) {
        const statuses = memberStatuses(ctx, rsp);
        const gone = statuses[s.members[0].container];
        const kept = statuses[s.members[1].container];
        ctx.expectEqual(gone ? gone.statusCode : "(no <status>)", "STATUS_NOT_FOUND", "status of the deleted member", rsp);
        ctx.expectEqual(kept ? kept.statusCode : "(no <status>)", "STATUS_OK", "status of the remaining member", rsp);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx, 2);
}
