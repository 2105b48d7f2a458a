// SPDX-License-Identifier: Apache-2.0
import { appPaths, applicationXml, ensureNoApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_001",
    title: "The NSCL registers a network application",
    purpose: "TP_NSCL_APP_001",
    objective: "Check that a CREATE of an <application> with an appId in <applications> is answered " +
        "STATUS_CREATED with its Location and a valid representation carrying the appId, the aPoC " +
        "given, an expirationTime (the NSCL's default when none was asked), creationTime and " +
        "references to its containers and access rights.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application registration)" },
        { document: "ETSI TS 102 921", clause: "<application> (application.xsd), <applications> (applications.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = appPaths(ctx);
    ensureNoApplication(ctx);
}

export function body(ctx) {
    const rsp = ctx.device.create(a.applications, applicationXml({ appId: a.appId, aPoC: "http://na.invalid/app" }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(a.application), `Location names the application; got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "application")) {
        ctx.expectEqual(ctx.select(rsp.body, "@appId")[0], a.appId, "appId", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "aPoC")[0], "http://na.invalid/app", "aPoC as given", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "expirationTime").length === 1, "an expirationTime", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "creationTime").length === 1, "a creationTime", rsp);
        ctx.expectTrue((ctx.select(rsp.body, "containersReference")[0] || "").endsWith(a.application + "/containers"),
            "a containersReference below the application", rsp);
        ctx.expectTrue((ctx.select(rsp.body, "accessRightsReference")[0] || "").endsWith(a.application + "/accessRights"),
            "an accessRightsReference below the application", rsp);
    }
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
