// SPDX-License-Identifier: Apache-2.0
import { ensureGone, freshDeviceInfo } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_002",
    title: "A management object is served with the elements of its type",
    purpose: "TP_NSCL_REM_002",
    objective: "Check that a RETRIEVE of an etsiDeviceInfo <mgmtObj> is answered STATUS_OK with a valid " +
        "representation carrying the deviceLabel, manufacturer and model it was created with.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27 (<mgmtObj>); annex B (etsiDeviceInfo)" },
        { document: "ETSI TS 102 921", clause: "etsiDeviceInfo.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = freshDeviceInfo(ctx, "MB-2");
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(path);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "mgmtObj")) {
        ctx.expectEqual(ctx.select(rsp.body, "deviceLabel")[0], "bench device", "deviceLabel", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "manufacturer")[0], "M2M Bench", "manufacturer", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "model")[0], "MB-2", "model", rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
