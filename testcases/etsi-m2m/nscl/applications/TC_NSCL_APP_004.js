// SPDX-License-Identifier: Apache-2.0
import { M2M_NS, appPaths, applicationXml, ensureNoApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_004",
    title: "The NSCL refuses invalid application registrations",
    purpose: "TP_NSCL_APP_004",
    objective: "Check that a CREATE of an <application> without appId, with an appId that cannot " +
        "name a resource, with a creationTime, with an expirationTime in the past, in the wrong " +
        "namespace, with an unknown element or as malformed XML is answered STATUS_BAD_REQUEST " +
        "with a valid <errorInfo>, and that nothing is registered.",
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
    const good = applicationXml({ appId: a.appId });
    const cases = [
        ["no appId", applicationXml({})],
        ["appId 'a/b'", applicationXml({ appId: "a/b" })],
        ["a creationTime", applicationXml({ appId: a.appId, creationTime: ctx.dateTime(-60) })],
        ["an expirationTime in the past", applicationXml({ appId: a.appId, expirationTime: ctx.dateTime(-60) })],
        ["the wrong namespace", good.replace(`xmlns:m2m="${M2M_NS}"`, 'xmlns:m2m="http://uri.etsi.org/m2m/1.0"')],
        ["an unknown element", good.replace("</m2m:application>", "<m2m:owner>x</m2m:owner></m2m:application>")],
        ["malformed XML", good.replace("</m2m:application>", "</m2m:applicatio>")],
    ];
    for (const [what, xml] of cases) {
        ctx.log(`CREATE with ${what}`);
        const rsp = ctx.device.create(a.applications, xml);
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    ctx.expectStatus(ctx.device.retrieve(a.application), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
