// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_004",
    title: "The NSCL deletes a <group> and leaves its members",
    purpose: "TP_NSCL_GRP_004",
    objective: "Check that a DELETE of a <group> is answered STATUS_OK, that the <group> is then gone " +
        "(STATUS_NOT_FOUND with an <errorInfo>) and no longer in <groups>, and that its member " +
        "containers still exist.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: delete)" },
        { document: "ETSI TS 102 921", clause: "<group>, DELETE" },
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
    ctx.expectStatus(ctx.device.remove(s.g.group), "STATUS_OK");
    const gone = ctx.device.retrieve(s.g.group);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    const all = ctx.device.retrieve(s.g.groups);
    ctx.expectStatus(all, "STATUS_OK");
    const ids = ctx.select(all.body, "groupCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(s.g.id), `<groups> no longer names ${s.g.id}`, all);
    for (const m of s.members) {
        ctx.expectStatus(ctx.device.retrieve(m.container), "STATUS_OK");
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx);
}
