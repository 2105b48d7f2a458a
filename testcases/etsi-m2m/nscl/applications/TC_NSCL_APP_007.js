// SPDX-License-Identifier: Apache-2.0
import { appPaths, applicationXml, ensureNoApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_007",
    title: "An application past its expirationTime is no longer registered",
    purpose: "TP_NSCL_APP_007",
    objective: "Check that an application registered with an expirationTime two seconds ahead is, " +
        "three seconds later, STATUS_NOT_FOUND and out of <applications>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application registration: expiry)" },
        { document: "ETSI TS 102 921", clause: "expirationTime (common.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = appPaths(ctx);
    ensureNoApplication(ctx);
    ctx.expectStatus(ctx.device.create(a.applications,
        applicationXml({ appId: a.appId, expirationTime: ctx.dateTime(2) })), "STATUS_CREATED");
}

export function body(ctx) {
    ctx.sleep(3000);
    ctx.expectStatus(ctx.device.retrieve(a.application), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(a.applications);
    const ids = ctx.select(all.body, "applicationCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(a.appId), `<applications> no longer names the expired ${a.appId}`, all);
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
