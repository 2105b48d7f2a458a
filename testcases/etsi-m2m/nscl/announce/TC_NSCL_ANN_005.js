// SPDX-License-Identifier: Apache-2.0
import { announceApplication, anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_005",
    title: "A second announcement with an id in use is refused",
    purpose: "TP_NSCL_ANN_005",
    objective: "Check that a CREATE of an <applicationAnnc> whose id is already announced is answered " +
        "STATUS_CONFLICT with an errorInfo, and that the first announcement keeps its link.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "errorInfo.xsd; STATUS_CONFLICT" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx);
}

export function body(ctx) {
    const s = sclPaths(ctx);
    const rsp = ctx.device.create(s.applications, anncXml("applicationAnnc", {
        id: ctx.pixit("PX_ANNC_APP_ID"), link: s.original("applications/another"),
    }));
    ctx.expectStatus(rsp, "STATUS_CONFLICT");
    ctx.expectValid(rsp, "errorInfo");
    const kept = ctx.device.retrieve(path);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "link")[0], s.original(`applications/${ctx.pixit("PX_ANNC_APP_ID")}`),
        "the first announcement keeps its link", kept);
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
