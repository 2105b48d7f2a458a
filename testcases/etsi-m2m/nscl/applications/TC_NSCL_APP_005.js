// SPDX-License-Identifier: Apache-2.0
import { applicationXml, ensureNoApplication, freshApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_005",
    title: "The NSCL updates a registered application",
    purpose: "TP_NSCL_APP_005",
    objective: "Check that an UPDATE of an <application> with new searchStrings and aPoC is answered " +
        "STATUS_OK, that a later RETRIEVE shows both, that creationTime is unchanged and " +
        "lastModifiedTime moved on, and that an UPDATE changing the appId is STATUS_BAD_REQUEST.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application registration: update)" },
        { document: "ETSI TS 102 921", clause: "<application> (application.xsd), UPDATE" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshApplication(ctx);
}

export function body(ctx) {
    const before = ctx.device.retrieve(a.application);
    ctx.expectStatus(before, "STATUS_OK");
    ctx.sleep(1100); // lastModifiedTime has a resolution of one second
    ctx.expectStatus(ctx.device.update(a.application,
        applicationXml({ searchStrings: ["m2mbench", "updated"], aPoC: "http://na.invalid/moved" })), "STATUS_OK");
    const after = ctx.device.retrieve(a.application);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "application")) {
        ctx.expectEqual(ctx.select(after.body, "searchStrings/searchString").join(","), "m2mbench,updated",
            "the updated searchStrings", after);
        ctx.expectEqual(ctx.select(after.body, "aPoC")[0], "http://na.invalid/moved", "the updated aPoC", after);
        ctx.expectEqual(ctx.select(after.body, "creationTime")[0], ctx.select(before.body, "creationTime")[0],
            "creationTime unchanged", after);
        ctx.expectTrue(ctx.select(after.body, "lastModifiedTime")[0] > ctx.select(before.body, "lastModifiedTime")[0],
            "lastModifiedTime moved on", after);
    }
    const rename = ctx.device.update(a.application, applicationXml({ appId: a.appId + "-renamed" }));
    ctx.expectStatus(rename, "STATUS_BAD_REQUEST");
    ctx.expectValid(rename, "errorInfo");
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
