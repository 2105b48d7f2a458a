// SPDX-License-Identifier: Apache-2.0
import { groupOfContainers, memberStatuses, removeGroupOfContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_010",
    title: "A CREATE through membersContent adds a content instance to every member",
    purpose: "TP_NSCL_GRP_010",
    objective: "Check that a CREATE of a content instance at membersContent/contentInstances of a " +
        "<group> of containers is answered with a <status> of STATUS_CREATED per member, and that " +
        "each member container then holds exactly that one instance.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: membersContent fan-out)" },
        { document: "ETSI TS 102 921", clause: "membersContent.xsd; contentInstances.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = groupOfContainers(ctx, 3);
}

export function body(ctx) {
    const rsp = ctx.device.create(s.g.membersContent + "/contentInstances", "to all", { contentType: "text/plain" });
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "membersContentResponses")) {
        const statuses = memberStatuses(ctx, rsp);
        for (const m of s.members) {
            const st = statuses[m.container];
            ctx.expectEqual(st ? st.statusCode : "(no <status>)", "STATUS_CREATED", `status of member ${m.container}`, rsp);
        }
    }
    for (const m of s.members) {
        const list = ctx.device.retrieve(m.instances);
        ctx.expectStatus(list, "STATUS_OK");
        ctx.expectEqual(ctx.select(list.body, "currentNrOfInstances")[0], "1", `${m.container} holds the fanned-out instance`, list);
    }
}

export function postamble(ctx) {
    removeGroupOfContainers(ctx, 3);
}
