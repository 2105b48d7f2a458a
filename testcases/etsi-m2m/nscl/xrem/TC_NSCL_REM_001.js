// SPDX-License-Identifier: Apache-2.0
import { deviceInfoXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_001",
    title: "The NSCL keeps an SCL's etsiDeviceInfo management object",
    purpose: "TP_NSCL_REM_001",
    objective: "Check that a CREATE of a <mgmtObj> of type EtsiDeviceInfo in an <scl>'s mgmtObjs is " +
        "answered STATUS_CREATED with its Location and a representation valid against mgmtObj.xsd and " +
        "etsiDeviceInfo.xsd that keeps its xsi:type and moID.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27 (<mgmtObj>); annex B (etsiDeviceInfo)" },
        { document: "ETSI TS 102 921", clause: "<mgmtObj> (mgmtObj.xsd, etsiDeviceInfo.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = `${sclPaths(ctx).mgmtObjs}/${ctx.pixit("PX_MGMT_OBJ_ID")}`;
    ensureRegistered(ctx);
    ensureGone(ctx, path);
}

export function body(ctx) {
    const rsp = ctx.device.create(sclPaths(ctx).mgmtObjs, deviceInfoXml(ctx, "MB-1"));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(path), `Location names the management object (${path}); got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "mgmtObj")) {
        ctx.expectTrue(/type="[^"]*:?EtsiDeviceInfo"/.test(rsp.body), "the representation keeps xsi:type EtsiDeviceInfo", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "moID")[0], "urn:oma:mo:oma-dm-devinfo:1.0", "moID", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "creationTime").length === 1, "creationTime set by the NSCL", rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
