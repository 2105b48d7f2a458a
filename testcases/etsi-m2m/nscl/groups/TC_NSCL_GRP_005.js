// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, groupXml, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_005",
    title: "The NSCL refuses a second <group> with an id in use",
    purpose: "TP_NSCL_GRP_005",
    objective: "Check that a CREATE of a <group> whose id names an existing one is answered " +
        "STATUS_CONFLICT with a valid <errorInfo>, and that the existing one keeps its members.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: create)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
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
    const again = ctx.device.create(s.g.groups, groupXml({ id: s.g.id, members: [] }));
    ctx.expectStatus(again, "STATUS_CONFLICT");
    if (ctx.expectValid(again, "errorInfo")) {
        ctx.expectEqual(ctx.select(again.body, "statusCode")[0], "STATUS_CONFLICT", "statusCode in <errorInfo>", again);
    }
    const kept = ctx.device.retrieve(s.g.group);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "members/reference").length, 2, "the refused CREATE left the members", kept);
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx);
}
