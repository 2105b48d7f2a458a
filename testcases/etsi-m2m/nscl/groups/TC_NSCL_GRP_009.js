// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, memberStatuses, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_009",
    title: "A RETRIEVE of membersContent reaches every member",
    purpose: "TP_NSCL_GRP_009",
    objective: "Check that a RETRIEVE of a <group>'s membersContent is answered STATUS_OK with a valid " +
        "<membersContentResponses> holding one <status> per member, each with STATUS_OK and the " +
        "member's representation as resultBody.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: membersContent fan-out)" },
        { document: "ETSI TS 102 921", clause: "membersContent.xsd (membersContentResponses)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = groupOfContainers(ctx, 3, { maxNrOfMembers: 3 });
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(s.g.membersContent);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "membersContentResponses")) {
        const statuses = memberStatuses(ctx, rsp);
        ctx.expectEqual(Object.keys(statuses).length, 3, "one <status> per member", rsp);
        for (const m of s.members) {
            const st = statuses[m.container];
            ctx.expectEqual(st ? st.statusCode : "(no <status>)", "STATUS_OK", `status of member ${m.container}`, rsp);
        }
        ctx.expectEqual((ctx.select(rsp.body, "status/resultBody") || []).length, 3,
            "each member's representation as resultBody", rsp);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx, 3);
}
