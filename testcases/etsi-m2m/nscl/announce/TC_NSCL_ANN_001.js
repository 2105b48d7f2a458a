// SPDX-License-Identifier: Apache-2.0
import { anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_001",
    title: "The NSCL accepts the announcement of an application of a registered SCL",
    purpose: "TP_NSCL_ANN_001",
    objective: "Check that a CREATE of an <applicationAnnc> in the applications of a registered <scl> is " +
        "answered STATUS_CREATED with its Location and a valid representation that keeps the link to the " +
        "original application and references its own containers, groups and accessRights.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc> (applicationAnnc.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
let id;

export function preamble(ctx) {
    s = sclPaths(ctx);
    id = ctx.pixit("PX_ANNC_APP_ID");
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.applications}/${id}`);
}

export function body(ctx) {
    const link = s.original(`applications/${id}`);
    const rsp = ctx.device.create(s.applications, anncXml("applicationAnnc", { id, link, searchStrings: ["m2mbench-annc"] }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(`${s.applications}/${id}`), `Location names the announced application; got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "applicationAnnc")) {
        ctx.expectEqual(ctx.select(rsp.body, "link")[0], link, "the link to the original application", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "@id")[0], id, "id of the <applicationAnnc>", rsp);
        const containers = ctx.select(rsp.body, "containersReference")[0] || "";
        ctx.expectTrue(containers.endsWith(`${s.applications}/${id}/containers`),
            `the <applicationAnnc> references its own containers; got '${containers}'`, rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, `${s.applications}/${id}`);
}
