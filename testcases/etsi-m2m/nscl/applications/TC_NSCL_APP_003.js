// SPDX-License-Identifier: Apache-2.0
import { applicationXml, ensureNoApplication, freshApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_003",
    title: "The NSCL refuses a second registration of a registered appId",
    purpose: "TP_NSCL_APP_003",
    objective: "Check that a CREATE of an <application> whose appId is registered is answered " +
        "STATUS_CONFLICT with a valid <errorInfo>, and that the registered one keeps its aPoC.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application registration)" },
        { document: "ETSI TS 102 921", clause: "<application> (application.xsd), <applications> (applications.xsd)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshApplication(ctx, { aPoC: "http://na.invalid/first" });
}

export function body(ctx) {
    const again = ctx.device.create(a.applications, applicationXml({ appId: a.appId, aPoC: "http://na.invalid/second" }));
    ctx.expectStatus(again, "STATUS_CONFLICT");
    ctx.expectValid(again, "errorInfo");
    const kept = ctx.device.retrieve(a.application);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "aPoC")[0], "http://na.invalid/first", "the first registration's aPoC", kept);
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
