// SPDX-License-Identifier: Apache-2.0
import { freshDeviceInfo, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_005",
    title: "The NSCL deletes a management object",
    purpose: "TP_NSCL_REM_005",
    objective: "Check that a DELETE of a <mgmtObj> is answered STATUS_OK, that a later RETRIEVE is " +
        "answered STATUS_NOT_FOUND and that <mgmtObjs> no longer names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27 (<mgmtObj>: delete)" },
        { document: "ETSI TS 102 921", clause: "mgmtObjs.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = freshDeviceInfo(ctx, "MB-5");
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(path), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(path), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(sclPaths(ctx).mgmtObjs);
    ctx.expectStatus(all, "STATUS_OK");
    const ids = ctx.select(all.body, "mgmtObjCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(ctx.pixit("PX_MGMT_OBJ_ID")), `<mgmtObjs> no longer names it; names [${ids}]`, all);
}

export function postamble(ctx) {
    ctx.device.remove(path);
}
