// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_002",
    title: "The NSCL lists a <group> in <groups> and references the collection",
    purpose: "TP_NSCL_GRP_002",
    objective: "Check that the <sclBase> references its <groups>, that a RETRIEVE of <groups> gives a " +
        "valid collection naming the created <group>, and that a RETRIEVE of the <group> gives it back.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: retrieve)" },
        { document: "ETSI TS 102 921", clause: "<groups> (groups.xsd), <sclBase> (sclBase.xsd)" },
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
    const base = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"));
    ctx.expectStatus(base, "STATUS_OK");
    if (ctx.expectValid(base, "sclBase")) {
        const ref = ctx.select(base.body, "groupsReference")[0] || "";
        ctx.expectTrue(ref.endsWith(s.g.groups), `<sclBase> references its <groups> (${s.g.groups}); got '${ref}'`, base);
    }
    const all = ctx.device.retrieve(s.g.groups);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "groups")) {
        const ids = ctx.select(all.body, "groupCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(s.g.id), `<groups> names ${s.g.id}; names [${ids}]`, all);
    }
    const one = ctx.device.retrieve(s.g.group);
    ctx.expectStatus(one, "STATUS_OK");
    if (ctx.expectValid(one, "group")) {
        ctx.expectEqual(ctx.select(one.body, "members/reference").length, 2, "the two members", one);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx);
}
